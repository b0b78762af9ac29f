package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.TelemetryConfig;
import dev.optel.configit.harness.Ports;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code metricExporters(List.of("prometheus"))} with {@code optel-prometheus} on the class path:
 * the metrics are served on {@code OTEL_EXPORTER_PROMETHEUS_PORT}; the test scrapes them over HTTP
 * and parses the Prometheus text format. In this JVM: the exporter is a server of the process that
 * configured it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrometheusExportTest {
  /** One sample line of the text format: name, optional labels, value. */
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)$");

  @AfterEach
  void shutdown() {
    TelemetryConfig.shutdown();
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void prometheus_servesTheMetricsForScraping() throws Exception {
    int port = Ports.freePort();
    assertThat(
            TelemetryConfig.builder()
                .serviceName("prom-app")
                .traceExporters(List.of("none"))
                .metricExporters(List.of("prometheus"))
                .property("otel.exporter.prometheus.host", "127.0.0.1")
                .property("otel.exporter.prometheus.port", Integer.toString(port))
                .configure())
        .isTrue();
    LongCounter orders =
        GlobalOpenTelemetry.getMeter("shop").counterBuilder("orders").setUnit("{order}").build();
    orders.add(3, Attributes.of(AttributeKey.stringKey("region"), "eu"));
    orders.add(4, Attributes.of(AttributeKey.stringKey("region"), "eu"));
    DoubleHistogram latency =
        GlobalOpenTelemetry.getMeter("shop").histogramBuilder("latency").setUnit("s").build();
    latency.record(0.25);
    latency.record(0.75);

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Double> samples = parse(response.body());

    assertThat(samples).containsEntry("orders_total{otel_scope_name=\"shop\",region=\"eu\"}", 7.0);
    assertThat(samples).containsEntry("latency_seconds_count{otel_scope_name=\"shop\"}", 2.0);
    assertThat(samples).containsEntry("latency_seconds_sum{otel_scope_name=\"shop\"}", 1.0);
    assertThat(samples.keySet())
        .anyMatch(k -> k.startsWith("target_info{") && k.contains("service_name=\"prom-app\""));
  }

  /**
   * Sample lines to values, keyed by name and labels as written, with the labels sorted and without
   * {@code otel_scope_version} and similar labels whose values vary, so that keys are stable.
   */
  private static Map<String, Double> parse(String body) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : body.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.strip());
      assertThat(m.matches()).as("a sample line: %s", line).isTrue();
      String labels = m.group(2) == null ? "" : m.group(2);
      if (!labels.isEmpty()) {
        labels =
            "{"
                + java.util.Arrays.stream(labels.substring(1, labels.length() - 1).split(","))
                    .filter(
                        l ->
                            !l.startsWith("otel_scope_version=")
                                && !l.startsWith("otel_scope_schema_url="))
                    .sorted()
                    .reduce((a, b) -> a + "," + b)
                    .orElse("")
                + "}";
      }
      samples.put(m.group(1) + labels, Double.parseDouble(m.group(3)));
    }
    return samples;
  }
}
