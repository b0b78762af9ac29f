package dev.optel;

import dev.optel.internal.NonRecordingSpan;
import dev.optel.internal.PlainPropagation;
import java.util.Map;

/**
 * The tracing facade used without OpenTelemetry: every span is {@link Span#noop()}, or, inside a
 * context received with {@link Propagation#extract}, a non-recording span that reports the ids
 * received (as OpenTelemetry's own no-op tracer does), so that logs and callers see the trace.
 */
enum NoopTracing implements TracingFacade {
  INSTANCE;

  private static Span propagated() {
    return NonRecordingSpan.of(PlainPropagation.currentIds());
  }

  @Override
  public Span startSpan(String name) {
    return propagated();
  }

  @Override
  public Span startSpan(String name, Map<String, ?> attributes) {
    return propagated();
  }

  @Override
  public Span startAsCurrentSpan(String name) {
    return propagated();
  }

  @Override
  public Span startAsCurrentSpan(String name, Map<String, ?> attributes) {
    return propagated();
  }

  @Override
  public Span startSpan(String name, SpanKind kind, Map<String, ?> attributes) {
    return propagated();
  }

  @Override
  public Span startAsCurrentSpan(String name, SpanKind kind, Map<String, ?> attributes) {
    return propagated();
  }

  @Override
  public String toString() {
    return "TracingFacade.noop()";
  }
}
