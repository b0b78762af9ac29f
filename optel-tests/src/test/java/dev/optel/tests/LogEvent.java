package dev.optel.tests;

import java.util.List;
import java.util.Map;

/**
 * A log event as the SLF4J provider received it, in plain Java types.
 *
 * @param level the SLF4J level name ({@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR})
 * @param message the message, which optel sets to the event name
 * @param keyValues the key-value pairs in order (Log4j renders values as strings)
 * @param markers marker names
 * @param thrown the event's exception, or null
 */
record LogEvent(
    String logger,
    String level,
    String message,
    Map<String, Object> keyValues,
    List<String> markers,
    Throwable thrown) {

  /** A value as text, so that assertions hold for providers that keep objects and for Log4j. */
  String text(String key) {
    Object v = keyValues.get(key);
    return v == null ? null : String.valueOf(v);
  }
}
