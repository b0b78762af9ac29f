package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optel.TelemetryConfig;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code OTEL_METRICS_EXPORTER} / {@code metricExporters}: the SDK's meter provider that {@code
 * configure()} builds exports at {@code OTEL_METRIC_EXPORT_INTERVAL}; {@code console} prints a
 * table on standard error; without an exporter none is created. Instruments come from the
 * OpenTelemetry API here: the facade's are tested with it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsExportTest extends ConfigTestSupport {
  private final ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
  private final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void clearAndCapture() {
    MemoryMetricExporter.METRICS.clear();
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
  }

  // Not named restore(): that would override ConfigTestSupport's, which then never ran (no
  // shutdown, no reset), and the next test class found this one's setup still installed.
  @AfterEach
  void restoreStreams() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private static LongCounter orders() {
    return GlobalOpenTelemetry.getMeter("shop")
        .counterBuilder("orders")
        .setUnit("{order}")
        .setDescription("orders placed")
        .build();
  }

  @Test
  void environmentExporterAndInterval_exportTheCounter() {
    env(Map.of("OTEL_METRICS_EXPORTER", "memory", "OTEL_METRIC_EXPORT_INTERVAL", "50"));
    assertThat(TelemetryConfig.builder().property("otel.traces.exporter", "memory").configure())
        .isTrue();
    orders().add(3, Attributes.of(AttributeKey.stringKey("region"), "eu"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                MemoryMetricExporter.metrics().stream()
                    .anyMatch(m -> m.getName().equals("orders")));
    MetricData orders =
        MemoryMetricExporter.metrics().stream()
            .filter(m -> m.getName().equals("orders"))
            .findFirst()
            .orElseThrow();
    assertThat(orders.getUnit()).isEqualTo("{order}");
    LongPointData point = orders.getLongSumData().getPoints().iterator().next();
    assertThat(point.getValue()).isEqualTo(3);
    assertThat(point.getAttributes().get(AttributeKey.stringKey("region"))).isEqualTo("eu");
  }

  @Test
  void console_printsATableOnStderrAtEachInterval() {
    assertThat(
            TelemetryConfig.builder()
                .property("otel.traces.exporter", "memory")
                .metricExporters(List.of("console"))
                .property("otel.metric.export.interval", "50")
                .configure())
        .isTrue();
    orders().add(5, Attributes.of(AttributeKey.stringKey("region"), "us"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                capturedErr
                    .toString(StandardCharsets.UTF_8)
                    .lines()
                    .anyMatch(l -> l.contains("orders")));
    List<String> lines = capturedErr.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith("metrics at "));
    assertThat(lines).anyMatch(l -> l.matches("\\s+metric\\s+unit\\s+kind\\s+attributes\\s+value"));
    assertThat(lines)
        .anyMatch(l -> l.matches("\\s+orders\\s+\\{order}\\s+counter\\s+\\{region=us}\\s+5"));
    assertThat(capturedOut.toString(StandardCharsets.UTF_8)).doesNotContain("metrics at");
  }

  @Test
  void withoutAMetricsExporter_noneIsCreated() {
    int before = MemoryMetricExporter.CREATED.get();
    assertThat(TelemetryConfig.builder().property("otel.traces.exporter", "memory").configure())
        .isTrue();
    orders().add(1);
    assertThat(MemoryMetricExporter.CREATED.get()).isEqualTo(before);
    TelemetryConfig.shutdown();
    assertThat(
            TelemetryConfig.builder()
                .property("otel.traces.exporter", "memory")
                .property("otel.metrics.exporter", "memory")
                .configure())
        .isTrue();
    assertThat(MemoryMetricExporter.CREATED.get()).isEqualTo(before + 1);
  }

  @Test
  void prometheusWithoutItsExporter_oneWarningNamingTheArtifact() {
    assertThat(
            TelemetryConfig.builder()
                .property("otel.traces.exporter", "memory")
                .metricExporters(List.of("prometheus"))
                .configure())
        .isTrue();
    assertThat(warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("OTEL_METRICS_EXPORTER", "prometheus", "dev.optel:optel-prometheus");
  }
}
