package dev.optel.bench;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Class path "sdk": the OpenTelemetry SDK (batch processor, discarding exporter) and Micrometer
 * Observation with its OpenTelemetry bridge. The same span (start, make current, one attribute,
 * end) through the OpenTelemetry API directly, through Micrometer, and through optel.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SdkSpanBench {
  // Static final, the way libraries hold them (see LogBench).
  private static final Tracer OTEL_TRACER = BenchSdk.SDK.getTracer(BenchSdk.SCOPE);
  private static final ObservationRegistry OBSERVATIONS = observations();
  private static final TracingFacade TRACER = Telemetry.get(BenchSdk.SCOPE).tracer();

  /** Micrometer Observation over the same SDK, the way Spring Boot wires the bridge. */
  private static ObservationRegistry observations() {
    OtelTracer tracer = new OtelTracer(OTEL_TRACER, new OtelCurrentTraceContext(), event -> {});
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    return registry;
  }

  /** Fails the run on the wrong class path or when spans do not record. */
  @Setup
  public void setUp() {
    Scenario.require("sdk", Telemetry.hasOpenTelemetry());
    Span probe = TRACER.startSpan("probe");
    Scenario.require("sdk", probe.isRecording());
    probe.end();
  }

  /** The anchor: the OpenTelemetry API directly. */
  @Benchmark
  @SuppressWarnings("try") // the scope is opened only for its effect on the context
  public void otelSpan() {
    io.opentelemetry.api.trace.Span span = OTEL_TRACER.spanBuilder("bench.span").startSpan();
    try (Scope scope = span.makeCurrent()) {
      span.setAttribute("k", "v");
    } finally {
      span.end();
    }
  }

  /** The second anchor: a Micrometer Observation over the OpenTelemetry bridge. */
  @Benchmark
  @SuppressWarnings("try") // the scope is opened only for its effect on the context
  public void micrometerObservation() {
    Observation observation = Observation.createNotStarted("bench.span", OBSERVATIONS).start();
    try (Observation.Scope scope = observation.openScope()) {
      observation.highCardinalityKeyValue("k", "v");
    } finally {
      observation.stop();
    }
  }

  /** optel on the same SDK. */
  @Benchmark
  public void optelSpan() {
    try (Span span = TRACER.startAsCurrentSpan("bench.span")) {
      span.setAttribute("k", "v");
    }
  }
}
