package dev.optel.internal.otel;

import dev.optel.Span;
import dev.optel.StatusCode;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;

/**
 * The span optel returns while no OpenTelemetry is installed but a valid span context is current
 * (propagated by something else): it records nothing and reports the parent's ids, so that
 * disabled tracing does not break trace-id propagation, as OpenTelemetry's own no-op does.
 */
final class ParentView implements Span {
  private final SpanContext context;

  private ParentView(SpanContext context) {
    this.context = context;
  }

  static Span of(io.opentelemetry.api.trace.Span current) {
    SpanContext context = current.getSpanContext();
    return context.isValid() ? new ParentView(context) : Span.noop();
  }

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
    return context.getTraceId();
  }

  @Override
  public String spanId() {
    return context.getSpanId();
  }

  @Override
  public boolean isRecording() {
    return false;
  }
}
