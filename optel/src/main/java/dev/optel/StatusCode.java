package dev.optel;

/** The status of a finished {@link Span}, as in OpenTelemetry. */
public enum StatusCode {
  /** The default: the operation's outcome was not recorded. */
  UNSET,
  /** The operation was explicitly marked as successful. */
  OK,
  /** The operation failed. */
  ERROR
}
