package dev.optel.jsonlog;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what optel says on its own logger (System.Logger "dev.optel", java.util.logging here).
 */
final class OptelNotices extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.optel");
  private final List<String> messages = new ArrayList<>();

  OptelNotices() {
    logger.addHandler(this);
  }

  /** Returns the messages seen so far. */
  synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    messages.add(record.getMessage());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
