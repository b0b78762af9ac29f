package dev.optel;

import java.util.Map;

/**
 * Writes structured log events: an event name plus key-value fields. Obtain one with {@link
 * Telemetry#logger()}; it is immutable, thread-safe and meant to be kept in a field.
 *
 * <p>With SLF4J 2.x and a provider (Logback, Log4j 2, slf4j-simple, ...) on the class path, each
 * event goes through the SLF4J fluent API: the event name is the message and every field is a
 * key-value pair. While a valid OpenTelemetry span is current, {@code trace_id} and {@code span_id}
 * are added. Fields of {@link #bind(String, Object)} and of {@link LogContext} join every event.
 * Without SLF4J 2.x (or without a provider) the facade is a no-op.
 *
 * <pre>{@code
 * LoggingFacade log = Telemetry.get(MyClient.class).logger();
 * log.info("request_sent", "method", "GET", "bytes", body.length);
 * log.error("request_failed", "status", status, exception);   // a trailing Throwable is the cause
 * }</pre>
 *
 * <p>Key-value lists are read as {@code key1, value1, key2, value2, ...}. They never make a call
 * throw: a non-string key is turned into its string form ({@code null} becomes {@code "null"}), a
 * trailing {@link Throwable} after complete pairs becomes the event's exception, and any other
 * value left without a key is kept under the key {@code "extra"}. A {@link
 * java.util.function.Supplier} value is evaluated only when the event is enabled. Strings, numbers,
 * booleans and characters are passed on as they are; arrays, collections and other iterables (but a
 * {@link java.nio.file.Path}) as an immutable {@link java.util.List} of such values, copied at the
 * call, with at most 1000 elements in all and 8 levels of nesting; other values as their {@code
 * toString()}. A {@code toString()} that throws is replaced by a short description of the failure.
 * When the same key appears more than once, every occurrence is passed on in order: {@code
 * LogContext} fields, then bound fields, then the call's own fields, then the trace ids. A field
 * may not take the name of one of optel's own fields ({@code timestamp}, {@code level}, {@code
 * logger}, {@code event}, {@code trace_id}, {@code span_id}, {@code exception}): such a name, also
 * one that already starts with {@code field_} prefixes, is passed on with one more {@code field_}
 * in front ({@code event} becomes {@code field_event}), so its value is kept and the event's own
 * fields cannot be faked.
 *
 * <p>{@link #error(String, Object...)} and {@link #critical(String, Object...)} set the current
 * span's status to {@link StatusCode#ERROR}, whether or not the event itself is enabled and also
 * when SLF4J is absent.
 *
 * <p>A disabled call costs the backend's level check and allocates nothing, also for a facade held
 * in an instance field: the fixed-arity overloads need no varargs array, and the level check comes
 * first, in a method small enough for the JIT to inline into the caller. A primitive that the
 * caller passes as an {@code Object} is boxed before the call, though, and on JDK 17 to 21 the JIT
 * keeps that box (24 bytes for a {@code long}) whenever the call may still deoptimise after it,
 * which a facade held in an instance field always may. For such values on hot paths, the fluent
 * form takes primitives as they are and allocates nothing when disabled, on every JDK:
 *
 * <pre>{@code
 * log.atDebug().field("order_id", orderId).field("attempt", attempt).log("order_placed");
 * }</pre>
 *
 * <p>Like SLF4J's {@code Logger}, this interface holds no logic: every instance comes from {@link
 * Telemetry#logger()}, {@link #bind(String, Object)} or {@link #noop()}, and it is those instances
 * that keep the promises above (such as marking the span on {@code error} even when the event is
 * disabled). Applications and libraries are not meant to implement it; methods may be added in
 * later versions. The levels repeat one set of overloads each, as SLF4J's do, so that a call with
 * one or two fields needs no array.
 */
public interface LoggingFacade {

  /**
   * Returns a facade that drops every event (it still marks the current span on {@code error} and
   * {@code critical}).
   *
   * @return the no-op facade
   */
  static LoggingFacade noop() {
    return NoopLogging.INSTANCE;
  }

  /**
   * Starts a {@code DEBUG} event in the fluent form (see {@link LogEventBuilder}).
   *
   * @return the event's builder; when {@code DEBUG} is disabled, a shared one that does nothing
   */
  LogEventBuilder atDebug();

  /**
   * Starts an {@code INFO} event in the fluent form (see {@link LogEventBuilder}).
   *
   * @return the event's builder; when {@code INFO} is disabled, a shared one that does nothing
   */
  LogEventBuilder atInfo();

  /**
   * Starts a {@code WARNING} event in the fluent form (see {@link LogEventBuilder}).
   *
   * @return the event's builder; when {@code WARNING} is disabled, a shared one that does nothing
   */
  LogEventBuilder atWarning();

  /**
   * Starts an {@code ERROR} event in the fluent form (see {@link LogEventBuilder}). Its {@link
   * LogEventBuilder#log(String)} sets the current span's status to {@link StatusCode#ERROR}, also
   * when the event is disabled.
   *
   * @return the event's builder; when {@code ERROR} is disabled, a shared one that only marks the
   *     span
   */
  LogEventBuilder atError();

  /**
   * Starts a {@code CRITICAL} event in the fluent form (see {@link LogEventBuilder}). Its {@link
   * LogEventBuilder#log(String)} sets the current span's status to {@link StatusCode#ERROR}, also
   * when the event is disabled.
   *
   * @return the event's builder; when {@code CRITICAL} is disabled, a shared one that only marks
   *     the span
   */
  LogEventBuilder atCritical();

  /**
   * Starts an event at {@code level} in the fluent form (see {@link LogEventBuilder}).
   *
   * @param level the level; {@code null} is treated as {@link LogLevel#INFO}
   * @return the event's builder; when the level is disabled, a shared one that does nothing but
   *     mark the span for {@code ERROR} and {@code CRITICAL}
   */
  LogEventBuilder atLevel(LogLevel level);

  /**
   * Tells whether events of {@code level} are written, so that costly fields can be skipped.
   *
   * @param level the level; {@code null} gives {@code false}
   * @return {@code true} when such events reach the backend
   */
  boolean isEnabled(LogLevel level);

  /**
   * Returns a facade that adds {@code key=value} to every event it writes. This facade is not
   * changed.
   *
   * @param key the field name; {@code null} becomes {@code "null"}
   * @param value the field value
   * @return a new facade carrying the field
   */
  LoggingFacade bind(String key, Object value);

  /**
   * Writes an event at {@code level} with key-value pairs read as the class description says.
   * {@code ERROR} and {@code CRITICAL} events also set the current span's status to {@link
   * StatusCode#ERROR}, whether the event is enabled or not.
   *
   * @param level the level; {@code null} is treated as {@link LogLevel#INFO}
   * @param event the event name
   * @param keyValues alternating keys and values, optionally ending with a {@link Throwable}
   */
  void log(LogLevel level, String event, Object... keyValues);

  /**
   * Writes an event at {@code level} with the fields of a map. {@code ERROR} and {@code CRITICAL}
   * events also set the current span's status to {@link StatusCode#ERROR}.
   *
   * @param level the level; {@code null} is treated as {@link LogLevel#INFO}
   * @param event the event name
   * @param fields the fields; may be {@code null}. A {@link Throwable} value under the key {@code
   *     "exception"} becomes the event's exception.
   */
  void log(LogLevel level, String event, Map<String, ?> fields);

  /**
   * Writes a {@code DEBUG} event (diagnostic detail) with no fields.
   *
   * @param event the event name
   */
  void debug(String event);

  /**
   * Writes a {@code DEBUG} event with one field.
   *
   * @param event the event name
   * @param key the field name
   * @param value the field value
   */
  void debug(String event, String key, Object value);

  /**
   * Writes a {@code DEBUG} event with two fields.
   *
   * @param event the event name
   * @param key1 the first field name
   * @param value1 the first field value
   * @param key2 the second field name
   * @param value2 the second field value
   */
  void debug(String event, String key1, Object value1, String key2, Object value2);

  /**
   * Writes a {@code DEBUG} event with key-value pairs.
   *
   * @param event the event name
   * @param keyValues alternating keys and values, optionally ending with a {@link Throwable}
   */
  void debug(String event, Object... keyValues);

  /**
   * Writes a {@code DEBUG} event with the fields of a map.
   *
   * @param event the event name
   * @param fields the fields; may be {@code null}
   */
  void debug(String event, Map<String, ?> fields);

  /**
   * Writes a {@code INFO} event (normal operation) with no fields.
   *
   * @param event the event name
   */
  void info(String event);

  /**
   * Writes a {@code INFO} event with one field.
   *
   * @param event the event name
   * @param key the field name
   * @param value the field value
   */
  void info(String event, String key, Object value);

  /**
   * Writes a {@code INFO} event with two fields.
   *
   * @param event the event name
   * @param key1 the first field name
   * @param value1 the first field value
   * @param key2 the second field name
   * @param value2 the second field value
   */
  void info(String event, String key1, Object value1, String key2, Object value2);

  /**
   * Writes a {@code INFO} event with key-value pairs.
   *
   * @param event the event name
   * @param keyValues alternating keys and values, optionally ending with a {@link Throwable}
   */
  void info(String event, Object... keyValues);

  /**
   * Writes a {@code INFO} event with the fields of a map.
   *
   * @param event the event name
   * @param fields the fields; may be {@code null}
   */
  void info(String event, Map<String, ?> fields);

  /**
   * Writes a {@code WARNING} event (something unexpected that was survived) with no fields.
   *
   * @param event the event name
   */
  void warning(String event);

  /**
   * Writes a {@code WARNING} event with one field.
   *
   * @param event the event name
   * @param key the field name
   * @param value the field value
   */
  void warning(String event, String key, Object value);

  /**
   * Writes a {@code WARNING} event with two fields.
   *
   * @param event the event name
   * @param key1 the first field name
   * @param value1 the first field value
   * @param key2 the second field name
   * @param value2 the second field value
   */
  void warning(String event, String key1, Object value1, String key2, Object value2);

  /**
   * Writes a {@code WARNING} event with key-value pairs.
   *
   * @param event the event name
   * @param keyValues alternating keys and values, optionally ending with a {@link Throwable}
   */
  void warning(String event, Object... keyValues);

  /**
   * Writes a {@code WARNING} event with the fields of a map.
   *
   * @param event the event name
   * @param fields the fields; may be {@code null}
   */
  void warning(String event, Map<String, ?> fields);

  /**
   * Writes a {@code ERROR} event (a failure) with no fields. Sets the current span's status to
   * {@link StatusCode#ERROR}.
   *
   * @param event the event name
   */
  void error(String event);

  /**
   * Writes a {@code ERROR} event with one field. Sets the current span's status to {@link
   * StatusCode#ERROR}.
   *
   * @param event the event name
   * @param key the field name
   * @param value the field value
   */
  void error(String event, String key, Object value);

  /**
   * Writes a {@code ERROR} event with two fields. Sets the current span's status to {@link
   * StatusCode#ERROR}.
   *
   * @param event the event name
   * @param key1 the first field name
   * @param value1 the first field value
   * @param key2 the second field name
   * @param value2 the second field value
   */
  void error(String event, String key1, Object value1, String key2, Object value2);

  /**
   * Writes a {@code ERROR} event with key-value pairs. Sets the current span's status to {@link
   * StatusCode#ERROR}.
   *
   * @param event the event name
   * @param keyValues alternating keys and values, optionally ending with a {@link Throwable}
   */
  void error(String event, Object... keyValues);

  /**
   * Writes a {@code ERROR} event with the fields of a map. Sets the current span's status to {@link
   * StatusCode#ERROR}.
   *
   * @param event the event name
   * @param fields the fields; may be {@code null}
   */
  void error(String event, Map<String, ?> fields);

  /**
   * Writes a {@code CRITICAL} event (a failure that needs attention now) with no fields. Sets the
   * current span's status to {@link StatusCode#ERROR}.
   *
   * @param event the event name
   */
  void critical(String event);

  /**
   * Writes a {@code CRITICAL} event with one field. Sets the current span's status to {@link
   * StatusCode#ERROR}.
   *
   * @param event the event name
   * @param key the field name
   * @param value the field value
   */
  void critical(String event, String key, Object value);

  /**
   * Writes a {@code CRITICAL} event with two fields. Sets the current span's status to {@link
   * StatusCode#ERROR}.
   *
   * @param event the event name
   * @param key1 the first field name
   * @param value1 the first field value
   * @param key2 the second field name
   * @param value2 the second field value
   */
  void critical(String event, String key1, Object value1, String key2, Object value2);

  /**
   * Writes a {@code CRITICAL} event with key-value pairs. Sets the current span's status to {@link
   * StatusCode#ERROR}.
   *
   * @param event the event name
   * @param keyValues alternating keys and values, optionally ending with a {@link Throwable}
   */
  void critical(String event, Object... keyValues);

  /**
   * Writes a {@code CRITICAL} event with the fields of a map. Sets the current span's status to
   * {@link StatusCode#ERROR}.
   *
   * @param event the event name
   * @param fields the fields; may be {@code null}
   */
  void critical(String event, Map<String, ?> fields);
}
