package dev.optel.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects, while open, what optel reports about its own problems (System.Logger {@code dev.optel},
 * which is java.util.logging in every test module that uses this). Every level is collected: a kind
 * of problem is a WARNING only the first time in a JVM and DEBUG afterwards, and another test may
 * have been first.
 */
public final class OptelReports implements AutoCloseable {
  /** Held strongly: java.util.logging keeps only weak references to its loggers. */
  private static final Logger LOGGER = Logger.getLogger("dev.optel");

  private final List<LogRecord> seen = new CopyOnWriteArrayList<>();
  private final Level previousLevel = LOGGER.getLevel();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          seen.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Starts collecting. */
  public OptelReports() {
    LOGGER.setLevel(Level.ALL);
    LOGGER.addHandler(handler);
  }

  /**
   * The messages reported since this capture was opened, at every level.
   *
   * @return the messages, oldest first
   */
  public List<String> messages() {
    List<String> out = new ArrayList<>();
    for (LogRecord r : seen) {
      out.add(r.getMessage());
    }
    return out;
  }

  /**
   * Returns and forgets the reports at WARNING or above, each as its message and the exception that
   * came with it.
   *
   * @return the warnings, oldest first
   */
  public List<String> takeWarnings() {
    List<String> out = new ArrayList<>();
    for (LogRecord r : seen) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        seen.remove(r);
        out.add(r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
      }
    }
    return out;
  }

  @Override
  public void close() {
    LOGGER.removeHandler(handler);
    LOGGER.setLevel(previousLevel);
  }
}
