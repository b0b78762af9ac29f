package dev.optel;

import dev.optel.internal.NonRecordingSpan;
import java.util.Map;

/**
 * A unit of work being traced: an OpenTelemetry span when the application has OpenTelemetry, the
 * shared {@linkplain #noop() no-op span} otherwise.
 *
 * <p>Spans come from {@link TracingFacade}. {@link #close()} ends the span and, for spans started
 * with {@link TracingFacade#startAsCurrentSpan(String)}, restores the context that was current
 * before; use them in try-with-resources:
 *
 * <pre>{@code
 * try (Span span = tracer.startAsCurrentSpan("fetch", Map.of("url", url))) {
 *   span.setAttribute("bytes", body.length);
 * }
 * }</pre>
 *
 * <p>No method throws because of telemetry: bad keys or values are skipped or turned into their
 * string form, and problems are reported once through {@link System.Logger} {@code dev.optel}.
 * Attribute values keep their types when they are {@code String}, {@code Boolean}, an integral
 * number (stored as {@code long}), a {@code Float} or {@code Double} (stored as {@code double}), or
 * an array or {@code Collection} of one of these (mixed element types become strings); anything
 * else is stored as its {@code toString()} ({@code "null"} when that returns {@code null}, a short
 * description when it throws). {@code null} or empty keys and {@code null} values are ignored. An
 * attribute map that throws while being read (from {@code size()}, {@code entrySet()} or its
 * iterator) costs only the attributes not yet read: the span or event is kept. optel does not
 * shorten values; the SDK's attribute limits ({@code OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT}, by default
 * none) apply.
 *
 * <p>A span may be used from any thread, but {@link #close()} of a current span must run on the
 * thread that made it current (as with any OpenTelemetry {@code Scope}). Closed on another thread,
 * it still ends (ending a span is legal on any thread, so nothing recorded is lost), but no
 * thread's context changes and the call is reported once; the owning thread's own {@code close()}
 * later restores that thread's context (without ending the span again).
 */
public interface Span extends AutoCloseable {

  /**
   * Returns the shared no-op span: every method does nothing, ids are all zeros.
   *
   * @return the no-op span
   */
  static Span noop() {
    return NonRecordingSpan.NOOP;
  }

  /**
   * Sets an attribute; see the class description for how values are stored.
   *
   * @param key the attribute key; ignored when {@code null} or empty
   * @param value the value; ignored when {@code null}
   * @return this span
   */
  Span setAttribute(String key, Object value);

  /**
   * Sets a string attribute.
   *
   * @param key the attribute key; ignored when {@code null} or empty
   * @param value the value; ignored when {@code null}
   * @return this span
   */
  Span setAttribute(String key, String value);

  /**
   * Sets a {@code long} attribute without boxing.
   *
   * @param key the attribute key; ignored when {@code null} or empty
   * @param value the value
   * @return this span
   */
  Span setAttribute(String key, long value);

  /**
   * Sets a {@code double} attribute without boxing.
   *
   * @param key the attribute key; ignored when {@code null} or empty
   * @param value the value
   * @return this span
   */
  Span setAttribute(String key, double value);

  /**
   * Sets a {@code boolean} attribute without boxing.
   *
   * @param key the attribute key; ignored when {@code null} or empty
   * @param value the value
   * @return this span
   */
  Span setAttribute(String key, boolean value);

  /**
   * Adds an event with no attributes.
   *
   * @param name the event name
   * @return this span
   */
  Span addEvent(String name);

  /**
   * Adds an event with attributes, converted as for {@link #setAttribute(String, Object)}.
   *
   * @param name the event name
   * @param attributes the event's attributes; may be {@code null}
   * @return this span
   */
  Span addEvent(String name, Map<String, ?> attributes);

  /**
   * Records an exception as a span event. Does not change the status; {@link
   * TracingFacade#inSpan(String, Map, SpanCallable)} does both.
   *
   * @param exception the exception; ignored when {@code null}
   * @return this span
   */
  Span recordException(Throwable exception);

  /**
   * Sets the status without a description.
   *
   * @param code the status; ignored when {@code null}
   * @return this span
   */
  Span setStatus(StatusCode code);

  /**
   * Sets the status with a description (OpenTelemetry keeps the description only for {@link
   * StatusCode#ERROR}).
   *
   * @param code the status; ignored when {@code null}
   * @param description a human-readable description; may be {@code null}
   * @return this span
   */
  Span setStatus(StatusCode code, String description);

  /** Ends the span. Does not change the current context; calling it again has no effect. */
  void end();

  /**
   * Ends the span and, when it was made current, restores the context that was current before.
   * Calling it again has no effect. Never throws. For a current span this must run on the thread
   * that made it current: on another thread it only ends the span and leaves the context to that
   * thread's own {@code close()}.
   */
  @Override
  void close();

  /**
   * Returns the trace id.
   *
   * @return 32 lower-case hex characters; all zeros for a no-op span without a parent
   */
  String traceId();

  /**
   * Returns the span id.
   *
   * @return 16 lower-case hex characters; all zeros for a no-op span without a parent
   */
  String spanId();

  /**
   * Tells whether the span records what is set on it (that is, it is sampled by an SDK).
   *
   * @return {@code true} when attributes, events and status are recorded
   */
  boolean isRecording();
}
