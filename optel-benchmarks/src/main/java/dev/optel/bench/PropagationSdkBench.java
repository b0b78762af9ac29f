package dev.optel.bench;

import dev.optel.Propagation;
import dev.optel.Telemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Class path "sdk": the SDK installed with the W3C Trace Context and Baggage propagators (see
 * {@link BenchSdk}). Anchors: OpenTelemetry's {@link W3CTraceContextPropagator} alone (for the
 * pass-through of the class paths without an SDK), and the installed propagators called directly
 * ({@code GlobalOpenTelemetry.getPropagators().getTextMapPropagator()}), which optel uses here.
 * Each does what {@link PropagationBase#optelPassThrough} does; the inject-only pair injects the
 * context of a recording local span, as a client does, and the extract-only pair makes the incoming
 * context current and reads the current span id.
 */
@SuppressWarnings("try") // scopes opened only for their effect on the context
public class PropagationSdkBench extends PropagationBase {
  // The SDK first: the installed propagators are read after it is registered.
  private static final OpenTelemetrySdk SDK = BenchSdk.SDK;
  private static final TextMapPropagator INSTALLED =
      GlobalOpenTelemetry.getPropagators().getTextMapPropagator();
  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        // Deprecated in newer APIs but still abstract; the W3C propagators never call it.
        @SuppressWarnings("deprecation")
        @Override
        public Iterable<String> keys(Headers carrier) {
          return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Headers carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };
  private static final TextMapSetter<Headers> SETTER = Headers::put;

  private Span local;
  private Context traced;

  /** Fails the run on the wrong class path; starts the local span of the inject benchmarks. */
  @Setup
  public void setUp() {
    Scenario.require(
        "sdk", Telemetry.hasOpenTelemetry() && INSTALLED.fields().contains("traceparent"));
    local = SDK.getTracer(BenchSdk.SCOPE).spanBuilder("bench.local").startSpan();
    traced = Context.root().with(local);
  }

  /** Ends the local span. */
  @TearDown(Level.Trial)
  public void tearDown() {
    local.end();
  }

  /** Anchor of the pass-through without an SDK: the W3C Trace Context propagator alone. */
  @Benchmark
  public void otelW3cPassThrough() {
    headers.clear();
    Context extracted = W3C.extract(Context.current(), headers, GETTER);
    try (Scope scope = extracted.makeCurrent()) {
      W3C.inject(Context.current(), headers, SETTER);
    }
  }

  /** Anchor with the SDK: the installed propagators, the same steps. */
  @Benchmark
  public void otelPassThrough() {
    headers.clear();
    Context extracted = INSTALLED.extract(Context.current(), headers, GETTER);
    try (Scope scope = extracted.makeCurrent()) {
      INSTALLED.inject(Context.current(), headers, SETTER);
    }
  }

  /** Anchor: the installed propagators inject a local span's context. */
  @Benchmark
  public void otelInject() {
    headers.clear();
    try (Scope scope = traced.makeCurrent()) {
      INSTALLED.inject(Context.current(), headers, SETTER);
    }
  }

  /** optel injects a local span's context. */
  @Benchmark
  public void optelInject() {
    headers.clear();
    try (Scope scope = traced.makeCurrent()) {
      Propagation.inject(headers.setter);
    }
  }

  /** Anchor: the installed propagators extract, the context is made current and read. */
  @Benchmark
  public void otelExtract() {
    headers.clear();
    Context extracted = INSTALLED.extract(Context.current(), headers, GETTER);
    try (Scope scope = extracted.makeCurrent()) {
      headers.currentSpanId = Span.current().getSpanContext().getSpanId();
    }
  }

  /** optel extracts; the same read of the current span. */
  @Benchmark
  public void optelExtract() {
    headers.clear();
    try (Propagation.Scope scope = Propagation.extract(headers.getter)) {
      headers.currentSpanId = Span.current().getSpanContext().getSpanId();
    }
  }

  @Override
  void checkLast(String method) {
    if (method.endsWith("Inject")) {
      SpanContext sent = local.getSpanContext();
      String expected =
          "00-" + sent.getTraceId() + "-" + sent.getSpanId() + "-" + sent.getTraceFlags().asHex();
      if (!expected.equals(headers.traceparent)) {
        throw new IllegalStateException("injected " + headers.traceparent + ", not " + expected);
      }
    } else if (method.endsWith("Extract")) {
      if (!Headers.REMOTE_SPAN_ID.equals(headers.currentSpanId)) {
        throw new IllegalStateException("extracted span " + headers.currentSpanId);
      }
    } else {
      super.checkLast(method);
    }
    if (Context.current() != Context.root()) {
      throw new IllegalStateException("context leaked: " + Context.current());
    }
  }
}
