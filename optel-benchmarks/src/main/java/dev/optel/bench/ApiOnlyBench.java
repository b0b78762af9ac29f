package dev.optel.bench;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import io.opentelemetry.api.OpenTelemetry;
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
 * Class path "api": the OpenTelemetry API without an SDK, nothing installed as {@code
 * GlobalOpenTelemetry}. optel against OpenTelemetry's own no-op tracer doing the same work.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ApiOnlyBench {
  // Static final, the way libraries hold them (see LogBench).
  private static final TracingFacade TRACER = Telemetry.get("dev.optel.bench").tracer();
  private static final Tracer NOOP_TRACER = OpenTelemetry.noop().getTracer("dev.optel.bench");

  /** Fails the run when the class path is not the one this scenario is about. */
  @Setup
  public void setUp() {
    Scenario.require("api", Telemetry.hasOpenTelemetry() && !Telemetry.hasStructuredLogging());
  }

  /** The anchor: OpenTelemetry's no-op tracer. */
  @Benchmark
  @SuppressWarnings("try") // the scope is opened only for its effect on the context
  public void otelNoopSpan() {
    io.opentelemetry.api.trace.Span span = NOOP_TRACER.spanBuilder("bench.span").startSpan();
    try (Scope scope = span.makeCurrent()) {
      span.setAttribute("k", "v");
    } finally {
      span.end();
    }
  }

  /** optel while no OpenTelemetry is installed. */
  @Benchmark
  public void optelSpan() {
    try (Span span = TRACER.startAsCurrentSpan("bench.span")) {
      span.setAttribute("k", "v");
    }
  }
}
