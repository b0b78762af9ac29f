package dev.optel;

/**
 * Severity of a log event. {@link #WARNING} maps to SLF4J {@code WARN}; {@link #CRITICAL} maps to
 * SLF4J {@code ERROR} with the marker {@code CRITICAL}.
 */
public enum LogLevel {
  /** Diagnostic detail, usually disabled in production. */
  DEBUG,
  /** Normal operation. */
  INFO,
  /** Something unexpected that the application survived. */
  WARNING,
  /** An operation failed; also marks the current span as {@link StatusCode#ERROR}. */
  ERROR,
  /** A failure that needs attention now; SLF4J {@code ERROR} with the {@code CRITICAL} marker. */
  CRITICAL
}
