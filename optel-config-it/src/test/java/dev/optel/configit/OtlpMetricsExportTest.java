package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.optel.MeterFacade;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.configit.apps.MetricsApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.OtlpGrpcReceiver;
import dev.optel.configit.harness.OtlpHttpReceiver;
import dev.optel.configit.harness.OtlpReceiver;
import dev.optel.configit.harness.ReceivedMetric;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code OTEL_METRICS_EXPORTER=otlp} and {@code metricExporters(List.of("otlp"))}: what {@link
 * MetricsApp#record} records through {@code Telemetry.meter()} reaches an OTLP receiver (gRPC and
 * http/protobuf, decoded from the real {@code ExportMetricsServiceRequest}) with its names, units,
 * descriptions, typed attributes, values, histogram buckets, cumulative temporality and the
 * resource: at each {@code OTEL_METRIC_EXPORT_INTERVAL}, and when {@code shutdown()} returns.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OtlpMetricsExportTest {
  /** The SDK's default explicit bucket bounds. */
  private static final List<Double> DEFAULT_BOUNDS =
      List.of(
          0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0,
          7500.0, 10000.0);

  private static OtlpReceiver start(String protocol) throws Exception {
    return protocol.equals("grpc") ? OtlpGrpcReceiver.start() : OtlpHttpReceiver.start();
  }

  @AfterEach
  void shutdown() {
    TelemetryConfig.shutdown();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void environmentConfiguredRun_exportsEveryInstrumentAtShutdown(String protocol) throws Exception {
    try (OtlpReceiver receiver = start(protocol)) {
      ChildJvm.Result run =
          ChildJvm.of(MetricsApp.class)
              .env("OTEL_METRICS_EXPORTER", "otlp")
              .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
              .env("OTEL_SERVICE_NAME", "otlp-metrics-app")
              .env("OTEL_RESOURCE_ATTRIBUTES", "team=metrics")
              .run(Duration.ofSeconds(60));
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.required("configured")).isEqualTo("true");

      // The interval is the default 60 s: all of this came with the flush of shutdown(), and the
      // child halted right after it returned. No waiting.
      assertExported(receiver, "otlp-metrics-app");
      assertThat(receiver.metrics())
          .allSatisfy(m -> assertThat(m.resource()).containsEntry("team", "metrics"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void builderConfiguredRun_exportsEveryInstrumentAtShutdown(String protocol) throws Exception {
    try (OtlpReceiver receiver = start(protocol)) {
      ChildJvm.Result run =
          ChildJvm.of(MetricsApp.class)
              // The metrics-specific settings of the environment lose to the builder's general
              // ones, as the traces-specific ones do.
              .env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://127.0.0.1:9/nowhere")
              .env(
                  "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL",
                  protocol.equals("grpc") ? "http/protobuf" : "grpc")
              .args(
                  "builder.metricExporters=otlp",
                  "builder.otlpEndpoint=" + receiver.endpoint(),
                  "builder.otlpProtocol=" + protocol,
                  "builder.service=otlp-metrics-builder")
              .run(Duration.ofSeconds(60));
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.required("configured")).isEqualTo("true");

      assertExported(receiver, "otlp-metrics-builder");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void shortInterval_exportsWhileRunning(String protocol) throws Exception {
    try (OtlpReceiver receiver = start(protocol)) {
      assertThat(
              TelemetryConfig.builder()
                  .serviceName("otlp-metrics-interval")
                  .traceExporters(List.of("none"))
                  .metricExporters(List.of("otlp"))
                  .otlpEndpoint(receiver.endpoint())
                  .otlpProtocol(protocol)
                  .property("otel.metric.export.interval", "100")
                  .configure())
          .isTrue();
      MeterFacade.Registration gauge = MetricsApp.record(Telemetry.get("it.metrics").meter());
      try {
        // Exported by the periodic reader, before any shutdown: cumulative values keep arriving.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> receiver.metrics("it.queue.size").size() >= 2);
        assertExported(receiver, "otlp-metrics-interval");
      } finally {
        gauge.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void metricsSpecificEndpoint_winsOverTheGeneralOne(String protocol) throws Exception {
    try (OtlpReceiver general = start(protocol);
        OtlpReceiver metrics = start(protocol)) {
      ChildJvm.Result run =
          ChildJvm.of(MetricsApp.class)
              .env("OTEL_METRICS_EXPORTER", "otlp")
              .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", general.endpoint())
              // A signal-specific endpoint is the full URL for http/protobuf.
              .env(
                  "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
                  protocol.equals("grpc") ? metrics.endpoint() : metrics.endpoint() + "/v1/metrics")
              .env("OTEL_SERVICE_NAME", "otlp-metrics-endpoint")
              .run(Duration.ofSeconds(60));
      assertThat(run.exitCode()).as(run.describe()).isZero();

      assertExported(metrics, "otlp-metrics-endpoint");
      assertThat(general.metrics()).isEmpty();
    }
  }

  /**
   * The last export of each instrument {@link MetricsApp#record} recorded carries exactly what it
   * recorded, cumulative since the start, under the scope {@code it.metrics} and the resource of
   * {@code service}.
   */
  private static void assertExported(OtlpReceiver receiver, String service) {
    ReceivedMetric orders = last(receiver, "it.orders");
    assertThat(orders.unit()).isEqualTo("{order}");
    assertThat(orders.description()).isEqualTo("Orders placed");
    assertThat(orders.type()).isEqualTo("SUM");
    assertThat(orders.monotonic()).isTrue();
    assertThat(orders.temporality()).isEqualTo("CUMULATIVE");
    assertThat(orders.points())
        .extracting(ReceivedMetric.Point::attributes, ReceivedMetric.Point::value)
        .containsExactlyInAnyOrder(
            tuple(Map.of("region", "eu", "express", true), 5L),
            tuple(Map.of("region", "us", "express", false), 3L));

    ReceivedMetric inflight = last(receiver, "it.inflight");
    assertThat(inflight.unit()).isEqualTo("{request}");
    assertThat(inflight.description()).isEqualTo("Requests in flight");
    assertThat(inflight.type()).isEqualTo("SUM");
    assertThat(inflight.monotonic()).isFalse();
    assertThat(inflight.temporality()).isEqualTo("CUMULATIVE");
    assertThat(inflight.points())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.attributes()).isEqualTo(Map.of("shard", 7L));
              assertThat(p.value()).isEqualTo(3L);
            });

    ReceivedMetric duration = last(receiver, "it.duration");
    assertThat(duration.unit()).isEqualTo("s");
    assertThat(duration.description()).isEqualTo("Handling time");
    assertThat(duration.type()).isEqualTo("HISTOGRAM");
    assertThat(duration.temporality()).isEqualTo("CUMULATIVE");
    assertThat(duration.points())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.attributes()).isEqualTo(Map.of("weight", 1.5));
              assertThat(p.value()).isNull();
              assertThat(p.count()).isEqualTo(3);
              assertThat(p.sum()).isEqualTo(10.0);
              assertThat(p.bounds()).isEqualTo(DEFAULT_BOUNDS);
              // (-inf, 0], (0, 5]: 0.5 and 2.0, (5, 10]: 7.5, then nothing up to (10000, +inf).
              assertThat(p.bucketCounts())
                  .isEqualTo(
                      List.of(0L, 2L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
            });

    ReceivedMetric queue = last(receiver, "it.queue.size");
    assertThat(queue.unit()).isEqualTo("{item}");
    assertThat(queue.description()).isEqualTo("Queued items");
    assertThat(queue.type()).isEqualTo("GAUGE");
    assertThat(queue.temporality()).isEmpty();
    assertThat(queue.points())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.attributes()).isEmpty();
              assertThat(p.value()).isEqualTo(42.5);
            });

    assertThat(List.of(orders, inflight, duration, queue))
        .allSatisfy(
            m -> {
              assertThat(m.scope()).isEqualTo("it.metrics");
              assertThat(m.resource()).containsEntry("service.name", service);
            });
  }

  private static ReceivedMetric last(OtlpReceiver receiver, String name) {
    List<ReceivedMetric> received = receiver.metrics(name);
    assertThat(received).as("exports of %s among %s", name, receiver.metrics()).isNotEmpty();
    return received.get(received.size() - 1);
  }
}
