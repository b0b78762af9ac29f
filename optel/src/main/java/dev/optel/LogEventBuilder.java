package dev.optel;

/**
 * One log event under construction, from {@link LoggingFacade#atInfo()} and its siblings: add its
 * fields, then write it with {@link #log(String)}. Primitive values are taken as they are, so a
 * caller boxes nothing, and when the level is disabled every method returns at once on one shared
 * immutable instance: the disabled call allocates nothing, on every JDK, wherever the facade is
 * held.
 *
 * <pre>{@code
 * log.atDebug().field("order_id", orderId).field("amount", 12.5).log("order_placed");
 * log.atError().field("status", status).cause(exception).log("request_failed");
 * }</pre>
 *
 * <p>The event is the one that {@link LoggingFacade#log(LogLevel, String, Object...)} would write
 * with the same fields in the same order: names and values are read as {@link LoggingFacade}
 * describes, bound and {@link LogContext} fields come first, the trace ids last. A builder of
 * {@code ERROR} or {@code CRITICAL} sets the current span's status to {@link StatusCode#ERROR} when
 * {@link #log(String)} is called, whether the event is enabled or not.
 *
 * <p>A builder belongs to the thread that asked for it and to one event: call {@link #log(String)}
 * once, and do not keep the builder. No method throws. Like {@link LoggingFacade}, this interface
 * is not meant to be implemented outside optel; methods may be added in later versions.
 */
public interface LogEventBuilder {

  /**
   * Adds a field. A {@link java.util.function.Supplier} value is evaluated only when the event is
   * written.
   *
   * @param key the field name; {@code null} becomes {@code "null"}
   * @param value the value
   * @return this builder
   */
  LogEventBuilder field(String key, Object value);

  /**
   * Adds a {@code long} field without boxing it when the event is disabled.
   *
   * @param key the field name; {@code null} becomes {@code "null"}
   * @param value the value, passed on as a {@link Long}
   * @return this builder
   */
  LogEventBuilder field(String key, long value);

  /**
   * Adds an {@code int} field (also a {@code byte} or {@code short}) without boxing it when the
   * event is disabled.
   *
   * @param key the field name; {@code null} becomes {@code "null"}
   * @param value the value, passed on as an {@link Integer}
   * @return this builder
   */
  LogEventBuilder field(String key, int value);

  /**
   * Adds a {@code double} field without boxing it when the event is disabled.
   *
   * @param key the field name; {@code null} becomes {@code "null"}
   * @param value the value, passed on as a {@link Double}
   * @return this builder
   */
  LogEventBuilder field(String key, double value);

  /**
   * Adds a {@code float} field without boxing it when the event is disabled.
   *
   * @param key the field name; {@code null} becomes {@code "null"}
   * @param value the value, passed on as a {@link Float}
   * @return this builder
   */
  LogEventBuilder field(String key, float value);

  /**
   * Adds a {@code boolean} field without boxing it when the event is disabled.
   *
   * @param key the field name; {@code null} becomes {@code "null"}
   * @param value the value, passed on as a {@link Boolean}
   * @return this builder
   */
  LogEventBuilder field(String key, boolean value);

  /**
   * Adds a {@code char} field (without this overload, Java would pass a {@code char} to the {@code
   * int} one, and the field would be its code).
   *
   * @param key the field name; {@code null} becomes {@code "null"}
   * @param value the value, passed on as a {@link Character}
   * @return this builder
   */
  LogEventBuilder field(String key, char value);

  /**
   * Sets the event's exception; the last one set wins.
   *
   * @param cause the exception; {@code null} leaves the event without one
   * @return this builder
   */
  LogEventBuilder cause(Throwable cause);

  /**
   * Writes the event, when its level is enabled, with the fields added so far; for {@code ERROR}
   * and {@code CRITICAL} first sets the current span's status to {@link StatusCode#ERROR}.
   *
   * @param event the event name; {@code null} becomes {@code "null"}
   */
  void log(String event);
}
