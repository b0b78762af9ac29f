package dev.optel.internal.otel;

import dev.optel.TracingFacade;
import dev.optel.internal.Backends;
import dev.optel.internal.ContextStorage;
import dev.optel.internal.ContextToken;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.InstalledGlobal;
import dev.optel.internal.LogSink;
import dev.optel.internal.Propagator;
import dev.optel.internal.SpanIds;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/** The OpenTelemetry binding; loaded by {@link Backends} only after the API was found. */
public final class OtelTracingBackend implements Backends.TracingBackend {

  private OtelTracingBackend() {}

  /**
   * Creates the binding. Touches {@link GlobalOtel} so that an unusable API fails here, inside
   * detection, rather than at the first span.
   *
   * @return the binding
   */
  public static OtelTracingBackend create() {
    GlobalOtel.installed();
    return new OtelTracingBackend();
  }

  @Override
  public LogSink<?, ?> logRecords() {
    return new OtelLogRecords();
  }

  @Override
  public TracingFacade tracer(String name) {
    return new OtelTracingFacade(name);
  }

  @Override
  public void markCurrentSpanError(String description) {
    try {
      Span span = Span.current();
      if (span.getSpanContext().isValid()) {
        span.setStatus(StatusCode.ERROR, description == null ? "null" : description);
      }
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("span.markError", "could not mark the current span as failed", e);
    }
  }

  @Override
  public SpanIds currentIds() {
    try {
      return ids(Span.current().getSpanContext());
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** The ids of a span context; {@code null} when it is not valid. */
  static SpanIds ids(SpanContext context) {
    return context.isValid() ? new SpanIds(context.getTraceId(), context.getSpanId()) : null;
  }

  @Override
  public ContextStorage contextStorage() {
    try {
      // Initialises OpenTelemetry's context storage, which an incomplete API cannot do. Not done in
      // create(): an application may still add a storage wrapper until the context is first used.
      Context.current();
      return new OtelContextStorage();
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.infoOnce(
          "context.storage",
          "OpenTelemetry's context cannot be used ("
              + Diagnostics.describe(e)
              + "); LogContext and TracedAsync keep optel's own context");
      return null;
    }
  }

  @Override
  public ContextToken makeCurrent(dev.optel.Span span) {
    if (!(span instanceof OtelSpan)) {
      return ContextToken.NONE;
    }
    try {
      return new ScopeToken(((OtelSpan) span).delegate().makeCurrent());
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("span.makeCurrent", "could not make a span current", e);
      return ContextToken.NONE;
    }
  }

  @Override
  public Propagator propagator() {
    return OtelPropagation.INSTANCE;
  }

  @Override
  public InstalledGlobal installedGlobal() {
    try {
      OpenTelemetry installed = GlobalOtel.installed();
      return installed == null ? null : new InstalledGlobal(installed);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
