package dev.optel.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects, while open, what optel reports about its own problems (System.Logger {@code
 * dev.optel}, which is java.util.logging on every class path of this suite). Every level is
 * collected: a kind of problem is a WARNING only the first time in a JVM and DEBUG afterwards, and
 * another test may have been first.
 */
final class OptelReports implements AutoCloseable {
  /** Held strongly: java.util.logging keeps only weak references to its loggers. */
  private static final Logger LOGGER = Logger.getLogger("dev.optel");

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Level previousLevel = LOGGER.getLevel();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      seen.add(record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  OptelReports() {
    LOGGER.setLevel(Level.ALL);
    LOGGER.addHandler(handler);
  }

  /** The messages reported since this capture was opened. */
  List<String> messages() {
    return new ArrayList<>(seen);
  }

  @Override
  public void close() {
    LOGGER.removeHandler(handler);
    LOGGER.setLevel(previousLevel);
  }
}
