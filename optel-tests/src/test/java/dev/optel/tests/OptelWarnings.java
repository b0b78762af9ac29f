package dev.optel.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects, while open, the warnings optel writes about its own problems (System.Logger {@code
 * dev.optel}, which is java.util.logging on every class path of this suite).
 */
final class OptelWarnings implements AutoCloseable {
  /** Held strongly: java.util.logging keeps only weak references to its loggers. */
  private static final Logger LOGGER = Logger.getLogger("dev.optel");

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        seen.add(record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  OptelWarnings() {
    LOGGER.addHandler(handler);
  }

  /** The warning messages written since this capture was opened. */
  List<String> messages() {
    return new ArrayList<>(seen);
  }

  @Override
  public void close() {
    LOGGER.removeHandler(handler);
  }
}
