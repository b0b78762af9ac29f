package dev.optel.tests;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Looks at OpenTelemetry's own view of the context. Only loaded when {@link Cp#OTEL_API}. */
@SuppressWarnings("try") // scopes opened only for their effect on the context
final class OtelProbe {
  private OtelProbe() {}

  /** Returns the span id of OpenTelemetry's current span; all zeros when none is valid. */
  static String currentSpanId() {
    return Span.current().getSpanContext().getSpanId();
  }

  /** Describes the OpenTelemetry context attached to this thread; empty when it is the root. */
  static String contextLeft() {
    Context current = Context.current();
    return current == Context.root() ? "" : current + " (span " + currentSpanId() + ")";
  }

  /** Binds {@code task} to OpenTelemetry's current context with its own {@code Context.wrap}. */
  static <T> Callable<T> inCurrentContext(Callable<T> task) {
    return Context.current().wrap(task);
  }

  /** Runs {@code body} with a span of the application's own tracer (for the agent) current. */
  static String[] inApplicationSpan(Runnable body) {
    Span span = GlobalOpenTelemetry.getTracer("dev.optel.tests.app").spanBuilder("app").startSpan();
    boolean recording = span.isRecording();
    try (Scope ignored = span.makeCurrent()) {
      body.run();
    } finally {
      span.end();
    }
    SpanContext c = span.getSpanContext();
    return new String[] {c.getTraceId(), c.getSpanId(), String.valueOf(recording)};
  }

  /**
   * Calls {@code body} while a remote parent with these ids (sampled) is current, as after a
   * propagator extracted it, with no span of this process.
   */
  static <T> T underRemoteParent(String traceId, String spanId, Supplier<T> body) {
    SpanContext parent =
        SpanContext.createFromRemoteParent(
            traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope ignored = Span.wrap(parent).makeCurrent()) {
      return body.get();
    }
  }

  /**
   * Whether OpenTelemetry's current span context is a sampled remote parent with these ids, of
   * OpenTelemetry's own kind: equal to what {@code SpanContext.createFromRemoteParent} makes (with
   * the trace state it carries).
   */
  static boolean currentIsRemoteParent(String traceId, String spanId) {
    SpanContext current = Span.current().getSpanContext();
    return current.equals(
        SpanContext.createFromRemoteParent(
            traceId, spanId, TraceFlags.getSampled(), current.getTraceState()));
  }

  /**
   * Calls {@code body} while a span of OpenTelemetry's no-op tracer is current: it carries the
   * current span context, as under the API without an SDK.
   */
  static <T> T inNoopSpan(Supplier<T> body) {
    Span span =
        OpenTelemetry.noop().getTracer("dev.optel.tests.app").spanBuilder("noop").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return body.get();
    } finally {
      span.end();
    }
  }

  /**
   * Starts a span of the application's tracer under the current context and returns its trace id.
   */
  static String childOfCurrentTraceId() {
    Span span =
        GlobalOpenTelemetry.getTracer("dev.optel.tests.app").spanBuilder("app.child").startSpan();
    span.end();
    return span.getSpanContext().getTraceId();
  }

  /**
   * Tells whether this OpenTelemetry API's {@code Baggage} keeps {@code value}: old versions (1.0.0
   * for one) refuse values with spaces or non-ASCII characters.
   */
  static boolean baggageHolds(String value) {
    return value.equals(Baggage.builder().put("k", value).build().getEntryValue("k"));
  }

  /** Describes OpenTelemetry's current span context: ids, flags, remote or not, trace state. */
  static String currentSpanContext() {
    return describe(Span.current().getSpanContext());
  }

  /**
   * Describes, as {@link #currentSpanContext()}, the span context that OpenTelemetry's own {@link
   * W3CTraceContextPropagator} extracts from {@code headers}.
   */
  static String w3cPropagatorExtracts(Map<String, String> headers) {
    TextMapGetter<Map<String, String>> getter =
        new TextMapGetter<>() {
          // Abstract in the oldest APIs, deprecated in the newest.
          @Override
          @SuppressWarnings("deprecation")
          public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
          }

          @Override
          public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
          }
        };
    Context context =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, getter);
    return describe(Span.fromContext(context).getSpanContext());
  }

  private static String describe(SpanContext c) {
    return c.getTraceId()
        + " "
        + c.getSpanId()
        + " "
        + c.getTraceFlags().asHex()
        + (c.isRemote() ? " remote " : " local ")
        + c.getTraceState().asMap();
  }
}
