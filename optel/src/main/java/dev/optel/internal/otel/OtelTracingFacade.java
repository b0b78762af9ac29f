package dev.optel.internal.otel;

import dev.optel.Span;
import dev.optel.SpanKind;
import dev.optel.TracingFacade;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.NonRecordingSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * Starts OpenTelemetry spans with the tracer of the OpenTelemetry installed at the time each span
 * starts, so an SDK installed after this facade was created is picked up.
 */
final class OtelTracingFacade implements TracingFacade {
  private final String scopeName;

  /** The tracer of the last OpenTelemetry seen; replaced when another one is installed. */
  private volatile Cached cached;

  private record Cached(OpenTelemetry otel, Tracer tracer) {}

  OtelTracingFacade(String scopeName) {
    this.scopeName = scopeName;
  }

  /** Returns the tracer of the installed OpenTelemetry, or {@code null} while none is installed. */
  Tracer tracer() {
    OpenTelemetry otel = GlobalOtel.installed();
    if (otel == null) {
      return null;
    }
    Cached c = cached;
    if (c == null || c.otel() != otel) {
      c = new Cached(otel, otel.getTracer(scopeName));
      cached = c;
    }
    return c.tracer();
  }

  @Override
  public Span startSpan(String name) {
    return start(name, null, null, false);
  }

  @Override
  public Span startSpan(String name, Map<String, ?> attributes) {
    return start(name, null, attributes, false);
  }

  @Override
  public Span startAsCurrentSpan(String name) {
    return start(name, null, null, true);
  }

  @Override
  public Span startAsCurrentSpan(String name, Map<String, ?> attributes) {
    return start(name, null, attributes, true);
  }

  @Override
  public Span startSpan(String name, SpanKind kind, Map<String, ?> attributes) {
    return start(name, kind, attributes, false);
  }

  @Override
  public Span startAsCurrentSpan(String name, SpanKind kind, Map<String, ?> attributes) {
    return start(name, kind, attributes, true);
  }

  private Span start(String name, SpanKind kind, Map<String, ?> attributes, boolean makeCurrent) {
    try {
      Tracer tracer = tracer();
      if (tracer == null) {
        // Nothing installed: what OpenTelemetry's no-op tracer would do (a span that only carries
        // the parent's context), without touching the context or allocating when there is none.
        return NonRecordingSpan.of(
            OtelTracingBackend.ids(io.opentelemetry.api.trace.Span.current().getSpanContext()));
      }
      SpanBuilder builder = tracer.spanBuilder(name == null ? "null" : name);
      if (kind != null && kind != SpanKind.INTERNAL) {
        builder.setSpanKind(otelKind(kind));
      }
      if (attributes != null) {
        // On the builder rather than on the started span, so that samplers see them.
        Attrs.forEach(attributes, builder::setAttribute);
      }
      io.opentelemetry.api.trace.Span span = builder.startSpan();
      Scope scope = makeCurrent ? span.makeCurrent() : null;
      return new OtelSpan(span, scope);
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("span.start", "could not start a span; using a no-op span", e);
      return Span.noop();
    }
  }

  // Shaped like OtelSpan.toOtel, for another pair of enums.
  private static io.opentelemetry.api.trace.SpanKind otelKind(SpanKind kind) {
    switch (kind) {
      case SERVER:
        return io.opentelemetry.api.trace.SpanKind.SERVER;
      case CLIENT:
        return io.opentelemetry.api.trace.SpanKind.CLIENT;
      case PRODUCER:
        return io.opentelemetry.api.trace.SpanKind.PRODUCER;
      case CONSUMER:
        return io.opentelemetry.api.trace.SpanKind.CONSUMER;
      default:
        return io.opentelemetry.api.trace.SpanKind.INTERNAL;
    }
  }

  @Override
  public String toString() {
    return "OtelTracingFacade[" + scopeName + "]";
  }
}
