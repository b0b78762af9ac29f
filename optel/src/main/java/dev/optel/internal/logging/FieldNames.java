package dev.optel.internal.logging;

/**
 * The names of optel's own log fields, and the one rule that keeps a user's field from taking such
 * a name: a user field named like one of optel's fields, or like one that already carries the
 * prefix, gets the prefix {@value #PREFIX} once more ({@code event} becomes {@code field_event},
 * {@code field_event} becomes {@code field_field_event}). Every other name is kept. The rule maps
 * different names to different names, so no user field is lost to another, and the event's real
 * name, level, logger, time, exception and span ids cannot be forged by a field.
 */
public final class FieldNames {
  /** What a user field named like one of optel's fields gets in front of its name. */
  public static final String PREFIX = "field_";

  private FieldNames() {}

  /**
   * Tells whether {@code name} is exactly one of optel's own fields: {@code timestamp}, {@code
   * level}, {@code logger}, {@code event}, {@code trace_id}, {@code span_id}, {@code exception}.
   *
   * @param name a field name, may be {@code null}
   * @return {@code true} for optel's names
   */
  public static boolean isOwn(String name) {
    if (name == null) {
      return false;
    }
    switch (name) {
      case "timestamp":
      case "level":
      case "logger":
      case "event":
      case "trace_id":
      case "span_id":
      case "exception":
        return true;
      default:
        return false;
    }
  }

  /**
   * Returns the name under which a field given by a user (a call's key-value, {@code bind}, {@code
   * LogContext}, the MDC) is written.
   *
   * @param name the user's field name, not {@code null}
   * @return {@code name}, or {@code name} with {@link #PREFIX} in front when it is one of optel's
   *     names preceded by zero or more prefixes
   */
  public static String forUser(String name) {
    if (!name.startsWith(PREFIX)) { // the usual case: no prefix to look past, no allocation
      return isOwn(name) ? PREFIX + name : name;
    }
    int start = PREFIX.length();
    while (name.startsWith(PREFIX, start)) {
      start += PREFIX.length();
    }
    return isOwn(name.substring(start)) ? PREFIX + name : name;
  }
}
