package dev.optel.bench;

import dev.optel.Counter;
import dev.optel.Histogram;
import dev.optel.MeterFacade;
import dev.optel.Telemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Class path "sdk": metric instruments on the OpenTelemetry SDK ({@link BenchSdk}: cumulative
 * periodic reader, exporter that drops). optel against the OpenTelemetry API on the same SDK and
 * against Micrometer's {@code registry.counter(name, tags...)}.
 *
 * <p>A counter add carries {@code http.request.method=GET} and {@code
 * http.response.status_code=200} (a string and a long): prebuilt or bound, or given per call, the
 * way a request handler counts. The per-call values are objects held by the state (as a handler has
 * them), so that no side pays for boxing. Facades and instruments are {@code static final} as
 * libraries hold them; the {@code ...Instance} benchmarks hold them in instance fields of the
 * state, each against OpenTelemetry's instrument held the same way (as {@code LogBench} compares
 * loggers in instance fields with SLF4J's in instance fields).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MetricsBench {
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private static final Meter OTEL_METER = BenchSdk.SDK.getMeter(BenchSdk.SCOPE);
  private static final LongCounter OTEL_COUNTER =
      OTEL_METER.counterBuilder("bench.otel.requests").setUnit("{request}").build();
  private static final Attributes PREBUILT = Attributes.of(METHOD, "GET", STATUS, 200L);
  private static final DoubleHistogram OTEL_HISTOGRAM =
      OTEL_METER.histogramBuilder("bench.otel.duration").setUnit("s").build();

  private static final MeterFacade METER = Telemetry.get(BenchSdk.SCOPE).meter();
  private static final Counter COUNTER =
      METER.counter("bench.optel.requests", "{request}", "requests");
  private static final Counter BOUND =
      COUNTER.bind("http.request.method", "GET", "http.response.status_code", 200);
  private static final Histogram HISTOGRAM =
      METER.histogram("bench.optel.duration", "s", "durations");

  private static final MeterRegistry MICROMETER = new SimpleMeterRegistry();

  private Counter counter;
  private Counter bound;
  private Histogram histogram;

  /**
   * OpenTelemetry's instruments and prebuilt attributes in instance fields: the anchors of the
   * {@code ...Instance} benchmarks, so that both sides pay for the same call site (a field load and
   * a type check that a {@code static final} constant does not need).
   */
  private LongCounter otelCounter;

  private Attributes prebuilt;
  private DoubleHistogram otelHistogram;

  /** Per-call attribute values, held as objects (see the class comment). */
  private String method;

  private Long status;
  private String statusText;
  private double seconds;

  /** Fails the run when the class path is not the one this scenario is about. */
  @Setup
  public void setUp() {
    Scenario.require("sdk", Telemetry.hasOpenTelemetry() && !Telemetry.hasStructuredLogging());
    counter = COUNTER;
    bound = BOUND;
    histogram = HISTOGRAM;
    otelCounter = OTEL_COUNTER;
    prebuilt = PREBUILT;
    otelHistogram = OTEL_HISTOGRAM;
    method = "GET";
    status = 200L;
    statusText = "200";
    seconds = 0.125;
  }

  /** Anchor: OpenTelemetry's counter with prebuilt attributes. */
  @Benchmark
  public void otelCounterPrebuilt() {
    OTEL_COUNTER.add(1, PREBUILT);
  }

  /** Anchor of the instance-field rows: the same, counter and attributes in instance fields. */
  @Benchmark
  public void otelCounterPrebuiltInstance() {
    otelCounter.add(1, prebuilt);
  }

  /** optel's bound counter (attributes fixed by {@code bind}). */
  @Benchmark
  public void optelBoundAdd() {
    BOUND.add(1);
  }

  /** The same, the bound counter in an instance field. */
  @Benchmark
  public void optelBoundAddInstance() {
    bound.add(1);
  }

  /** Anchor: OpenTelemetry's counter, attributes built at each call (keys prebuilt). */
  @Benchmark
  public void otelCounterAttributesPerCall() {
    OTEL_COUNTER.add(1, Attributes.of(METHOD, method, STATUS, status));
  }

  /** Anchor of the instance-field row: the same, the counter in an instance field. */
  @Benchmark
  public void otelCounterAttributesPerCallInstance() {
    otelCounter.add(1, Attributes.of(METHOD, method, STATUS, status));
  }

  /** optel's counter with two key-values at each call. */
  @Benchmark
  public void optelAddKeyValues() {
    COUNTER.add(1, "http.request.method", method, "http.response.status_code", status);
  }

  /** The same, the counter in an instance field. */
  @Benchmark
  public void optelAddKeyValuesInstance() {
    counter.add(1, "http.request.method", method, "http.response.status_code", status);
  }

  /** Anchor: Micrometer's counter looked up by name and tags at each call. */
  @Benchmark
  public void micrometerCounterTags() {
    MICROMETER
        .counter(
            "bench.micrometer.requests",
            "http.request.method",
            method,
            "http.response.status_code",
            statusText)
        .increment();
  }

  /** Anchor: OpenTelemetry's histogram, no attributes. */
  @Benchmark
  public void otelHistogram() {
    OTEL_HISTOGRAM.record(seconds);
  }

  /** Anchor of the instance-field row: the same, the histogram in an instance field. */
  @Benchmark
  public void otelHistogramInstance() {
    otelHistogram.record(seconds);
  }

  /** optel's histogram, no attributes. */
  @Benchmark
  public void optelHistogram() {
    HISTOGRAM.record(seconds);
  }

  /** The same, the histogram in an instance field. */
  @Benchmark
  public void optelHistogramInstance() {
    histogram.record(seconds);
  }
}
