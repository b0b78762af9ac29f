package dev.optel.config;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures the records of the dev.optel logger; needs nothing but the JDK. */
final class LogCapture extends Handler implements AutoCloseable {
  private static final Logger OPTEL_LOG = Logger.getLogger("dev.optel");
  private final List<LogRecord> records = new ArrayList<>();

  LogCapture() {
    OPTEL_LOG.setLevel(Level.ALL);
    OPTEL_LOG.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  synchronized List<String> messages(Level level) {
    List<String> out = new ArrayList<>();
    for (LogRecord r : records) {
      if (r.getLevel() == level) {
        out.add(r.getMessage());
      }
    }
    return out;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    OPTEL_LOG.removeHandler(this);
  }
}
