package dev.optel;

import java.util.Map;

/** The tracing facade used without OpenTelemetry: every span is {@link Span#noop()}. */
enum NoopTracing implements TracingFacade {
  INSTANCE;

  @Override
  public Span startSpan(String name) {
    return Span.noop();
  }

  @Override
  public Span startSpan(String name, Map<String, ?> attributes) {
    return Span.noop();
  }

  @Override
  public Span startAsCurrentSpan(String name) {
    return Span.noop();
  }

  @Override
  public Span startAsCurrentSpan(String name, Map<String, ?> attributes) {
    return Span.noop();
  }

  @Override
  public Span startSpan(String name, SpanKind kind, Map<String, ?> attributes) {
    return Span.noop();
  }

  @Override
  public Span startAsCurrentSpan(String name, SpanKind kind, Map<String, ?> attributes) {
    return Span.noop();
  }

  @Override
  public String toString() {
    return "TracingFacade.noop()";
  }
}
