package dev.optel.internal;

import dev.optel.Span;
import dev.optel.StatusCode;
import java.util.Map;

/**
 * A span that records nothing and reports the ids it was given: {@link #NOOP} (all zeros) is {@code
 * Span.noop()}, the span of every call without OpenTelemetry; {@link #of} carries the ids of a
 * valid parent (a remote or otherwise propagated context) when nothing records, so that disabled
 * tracing does not break trace-id propagation, as OpenTelemetry's own no-op does with its {@code
 * PropagatedSpan}.
 *
 * <p>It lives here, outside the public package and the OpenTelemetry binding, so that both the
 * no-OpenTelemetry path and the binding use this one class, and it names no OpenTelemetry type.
 * Immutable; every method does nothing and returns at once. Its methods look like those of {@code
 * NoopEventBuilder} and of the OpenTelemetry binding's {@code ReceivedSpan} on purpose: the
 * do-nothing shape of three different interfaces.
 */
public final class NonRecordingSpan implements Span {
  /** The span of no trace: ids all zeros; {@code Span.noop()}. */
  public static final Span NOOP = new NonRecordingSpan(SpanIds.INVALID);

  private final SpanIds ids;

  private NonRecordingSpan(SpanIds ids) {
    this.ids = ids;
  }

  /**
   * Returns a non-recording span that reports {@code ids}.
   *
   * @param ids the ids of a valid span context, or {@code null}
   * @return the span; {@link #NOOP} for {@code null}
   */
  public static Span of(SpanIds ids) {
    return ids == null ? NOOP : new NonRecordingSpan(ids);
  }

  // Every overload of Span does nothing here: the span only carries its context's ids.
  @Override
  public Span setAttribute(String key, Object value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, String value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    return this;
  }

  @Override
  public Span addEvent(String name) {
    return this;
  }

  @Override
  public Span addEvent(String name, Map<String, ?> attributes) {
    return this;
  }

  @Override
  public Span recordException(Throwable exception) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode code) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode code, String description) {
    return this;
  }

  @Override
  public void end() {}

  @Override
  public void close() {}

  @Override
  public String traceId() {
    return ids.traceId();
  }

  @Override
  public String spanId() {
    return ids.spanId();
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public String toString() {
    return this == NOOP
        ? "Span.noop()"
        : "NonRecordingSpan[" + ids.traceId() + "-" + ids.spanId() + "]";
  }
}
