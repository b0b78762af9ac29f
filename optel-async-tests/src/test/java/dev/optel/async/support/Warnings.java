package dev.optel.async.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects optel's own warnings (System.Logger "dev.optel", which is java.util.logging here). optel
 * turns a misused scope (which strict context storage reports with an AssertionError) into such a
 * warning instead of failing the caller, so the tests assert that none was written.
 */
public final class Warnings {
  private static final Logger LOGGER = Logger.getLogger("dev.optel");
  private static final List<String> SEEN = new CopyOnWriteArrayList<>();

  static {
    LOGGER.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          SEEN.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  private Warnings() {}

  /** Returns and forgets the warnings seen so far. */
  public static List<String> drain() {
    List<String> copy = new ArrayList<>(SEEN);
    SEEN.clear();
    return copy;
  }
}
