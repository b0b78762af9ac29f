package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.TelemetryConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformed setting: one warning naming the variable and the value; the default is used. */
class BadInputTest extends ConfigTestSupport {

  private static TelemetryConfig.Builder memory() {
    return TelemetryConfig.builder().property("otel.traces.exporter", "memory");
  }

  private void assertOneWarningNaming(String variable, String value) {
    List<String> matching =
        warnings().stream().filter(w -> w.contains(variable) && w.contains(value)).toList();
    assertThat(matching)
        .as("warnings naming %s and %s among %s", variable, value, warnings())
        .hasSize(1);
    assertThat(warnings()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "OTEL_TRACES_SAMPLER           | sometimes",
        "OTEL_EXPORTER_OTLP_ENDPOINT   | not a url",
        "OTEL_EXPORTER_OTLP_ENDPOINT   | localhost:4317",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT | ftp://zipkin/api/v2/spans",
        // Endpoints: port out of range, missing host, bad scheme, spaces; each endpoint variable.
        "OTEL_EXPORTER_OTLP_ENDPOINT        | http://127.0.0.1:99999",
        "OTEL_EXPORTER_OTLP_ENDPOINT        | http://127.0.0.1:0",
        "OTEL_EXPORTER_OTLP_ENDPOINT        | http://:4318",
        "OTEL_EXPORTER_OTLP_ENDPOINT        | grpc://collector:4317",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT | http://127.0.0.1:99999/v1/traces",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT | http://collector :4318/v1/traces",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT | https:///v1/traces",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT | http://127.0.0.1:99999/v1/metrics",
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT   | http://127.0.0.1:-1/v1/logs",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT      | http://127.0.0.1:70000/api/v2/spans",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT      | http://zip kin:9411/api/v2/spans",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT      | http:///api/v2/spans",
        "OTEL_EXPORTER_OTLP_PROTOCOL   | http/json",
        "OTEL_EXPORTER_OTLP_TIMEOUT    | soon",
        "OTEL_EXPORTER_OTLP_TIMEOUT    | 999999999999999d",
        "OPTEL_LOG_LEVEL               | LOUD",
        "OTEL_LOGS_EXPORTER            | memory, bogus",
        "OTEL_METRICS_EXPORTER         | memory, bogus",
        "OTEL_METRIC_EXPORT_INTERVAL   | often",
        "OTEL_EXPORTER_PROMETHEUS_PORT | 99999",
        "OTEL_EXPORTER_PROMETHEUS_PORT | http",
        "OTEL_SDK_DISABLED             | yes",
        "OTEL_RESOURCE_ATTRIBUTES      | team=core,broken",
        "OTEL_RESOURCE_ATTRIBUTES      | =nokey",
        "OTEL_RESOURCE_ATTRIBUTES      | bad=%zz",
        "OTEL_RESOURCE_ATTRIBUTES      | bad=%C3",
        // Not checked by optel: autoconfigure rejects them, optel drops only the rejected setting.
        "OTEL_BSP_SCHEDULE_DELAY         | abc",
        "OTEL_BSP_MAX_QUEUE_SIZE         | abc",
        "OTEL_BSP_MAX_QUEUE_SIZE         | -5",
        "OTEL_BSP_MAX_EXPORT_BATCH_SIZE  | 0",
        "OTEL_PROPAGATORS                | bogus",
        "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT | abc",
        "OTEL_SPAN_EVENT_COUNT_LIMIT     | -1",
      })
  void badVariable_oneWarningAndTracingStillWorks(String variable, String value) {
    env(Map.of(variable, value));
    assertThat(memory().configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).hasSize(2);
    assertOneWarningNaming(variable, value);
  }

  @Test
  void badSamplerRatio_warnsAndSamplesEverything() {
    env(Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "2.5"));
    assertThat(memory().configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).hasSize(2);
    assertOneWarningNaming("OTEL_TRACES_SAMPLER_ARG", "2.5");
  }

  @Test
  void unknownExporter_isSkippedWithOneWarning() {
    env(Map.of("OTEL_TRACES_EXPORTER", "memory, bogus"));
    assertThat(TelemetryConfig.configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).hasSize(2);
    assertOneWarningNaming("OTEL_TRACES_EXPORTER", "bogus");
  }

  @Test
  void onlyUnknownExporters_fallBackToTheDefault() {
    env(Map.of("OTEL_TRACES_EXPORTER", "bogus"));
    // The default, otlp, is not on this class path: a second warning says so.
    assertThat(TelemetryConfig.configure()).isFalse();
    assertThat(warnings()).anyMatch(w -> w.contains("OTEL_TRACES_EXPORTER") && w.contains("bogus"));
    assertThat(warnings())
        .anyMatch(
            w -> w.contains("otlp") && w.contains("dev.optel:optel-otlp with <type>pom</type>"));
  }

  @Test
  void badSystemProperty_isNamedAsSuch() {
    System.setProperty("otel.traces.sampler", "sometimes");
    assertThat(memory().configure()).isTrue();
    assertOneWarningNaming("system property otel.traces.sampler", "sometimes");
  }

  @Test
  void malformedResourceAttributes_areDiscardedButServiceNameFromVariableStays() {
    env(Map.of("OTEL_RESOURCE_ATTRIBUTES", "team=core,broken", "OTEL_SERVICE_NAME", "svc"));
    assertThat(memory().configure()).isTrue();
    Spans.parentAndChild();
    Resource resource = Spans.resourceOfOnlyTrace();
    assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("svc");
    assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isNull();
  }

  @Test
  void badValues_warnAgainOnEachConfigure() {
    env(Map.of("OTEL_TRACES_SAMPLER", "sometimes"));
    memory().configure();
    memory().configure();
    assertThat(warnings()).filteredOn(w -> w.contains("sometimes")).hasSize(2);
  }

  @Test
  void twoSettingsTheSdkRejects_eachIsReportedAndOnlyTheyAreDropped() {
    // One the SDK's message names (the delay), one it does not (a negative queue size).
    env(
        Map.of(
            "OTEL_BSP_SCHEDULE_DELAY",
            "often",
            "OTEL_BSP_MAX_QUEUE_SIZE",
            "-1",
            "OTEL_SERVICE_NAME",
            "kept",
            "OTEL_TRACES_EXPORTER",
            "memory"));
    assertThat(TelemetryConfig.configure()).isTrue();
    Spans.parentAndChild();
    Resource resource = Spans.resourceOfOnlyTrace();
    assertThat(MemoryExporter.spans()).hasSize(2);
    assertThat(Spans.serviceName(resource)).isEqualTo("kept");
    assertThat(warnings())
        .hasSize(2)
        .anySatisfy(w -> assertThat(w).contains("OTEL_BSP_SCHEDULE_DELAY=\"often\""))
        .anySatisfy(w -> assertThat(w).contains("OTEL_BSP_MAX_QUEUE_SIZE=\"-1\""));
  }

  @Test
  void builderPropertyTheSdkRejects_isNamedAsSuch() {
    assertThat(memory().property("otel.span.link.count.limit", "many").configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).hasSize(2);
    assertOneWarningNaming("TelemetryConfig property otel.span.link.count.limit", "many");
  }
}
