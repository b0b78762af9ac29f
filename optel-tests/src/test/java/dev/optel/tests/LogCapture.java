package dev.optel.tests;

import java.util.List;

/** Reads back the events an SLF4J provider received. */
interface LogCapture {
  /** Returns the events received since the last call to {@link #clear()}, oldest first. */
  List<LogEvent> events();

  void clear();

  /**
   * Sets a logger's level in the provider, as an application does at run time.
   *
   * @param logger the logger name
   * @param level {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR} or {@code OFF}; {@code
   *     null} to inherit the parent's again
   */
  void setLevel(String logger, String level);

  /** The capture for the provider on the class path; null when events cannot be read back. */
  static LogCapture forClasspath() {
    if (Cp.SLF4J_API && Cp.LOGBACK) {
      return LogbackCapture.INSTANCE;
    }
    if (Cp.SLF4J_API && Cp.LOG4J_SLF4J2) {
      return Log4jCapture.INSTANCE;
    }
    return null;
  }
}
