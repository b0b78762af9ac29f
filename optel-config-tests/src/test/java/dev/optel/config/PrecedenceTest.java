package dev.optel.config;

import static dev.optel.config.Spans.attribute;
import static dev.optel.config.Spans.serviceName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.TelemetryConfig;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrecedenceTest extends ConfigTestSupport {

  private static TelemetryConfig.Builder memory() {
    return TelemetryConfig.builder().property("otel.traces.exporter", "memory");
  }

  private static Resource run(TelemetryConfig.Builder builder) {
    assertThat(builder.configure()).isTrue();
    Spans.parentAndChild();
    return Spans.resourceOfOnlyTrace();
  }

  @Test
  void serviceName_builderWinsOverVariableAndAttributes() {
    env(
        Map.of(
            "OTEL_SERVICE_NAME",
            "from-env",
            "OTEL_RESOURCE_ATTRIBUTES",
            "service.name=from-attributes"));
    assertThat(serviceName(run(memory().serviceName("from-builder")))).isEqualTo("from-builder");
  }

  @Test
  void serviceName_variableWinsOverResourceAttributes() {
    env(
        Map.of(
            "OTEL_SERVICE_NAME",
            "from-env",
            "OTEL_RESOURCE_ATTRIBUTES",
            "service.name=from-attributes"));
    assertThat(serviceName(run(memory()))).isEqualTo("from-env");
  }

  @Test
  void serviceName_fromResourceAttributesIsNotClobberedByTheDefault() {
    env(Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes,team=core"));
    Resource resource = run(memory());
    assertThat(serviceName(resource)).isEqualTo("from-attributes");
    assertThat(attribute(resource, "team")).isEqualTo("core");
  }

  @Test
  void serviceName_fromBuilderResourceAttributes() {
    Resource resource =
        run(memory().resourceAttributes(Map.of("service.name", "from-builder-attributes")));
    assertThat(serviceName(resource)).isEqualTo("from-builder-attributes");
  }

  @Test
  void serviceName_defaultIsTheSdkDefault() {
    assertThat(serviceName(run(memory()))).isEqualTo("unknown_service:java");
  }

  @Test
  void systemProperty_winsOverVariable() {
    env(Map.of("OTEL_SERVICE_NAME", "from-env"));
    System.setProperty("otel.service.name", "from-property");
    assertThat(serviceName(run(memory()))).isEqualTo("from-property");
  }

  @Test
  void builderProperty_winsOverSystemProperty() {
    System.setProperty("otel.service.name", "from-property");
    assertThat(serviceName(run(memory().property("otel.service.name", "from-builder"))))
        .isEqualTo("from-builder");
  }

  @Test
  void resourceAttributes_programmaticOverrideTheEnvironments() {
    env(Map.of("OTEL_RESOURCE_ATTRIBUTES", "region=eu,tier=gold"));
    Resource resource = run(memory().resourceAttributes(Map.of("tier", "silver")));
    assertThat(attribute(resource, "region")).isEqualTo("eu");
    assertThat(attribute(resource, "tier")).isEqualTo("silver");
  }

  @Test
  void resourceAttributes_valuesArePercentDecoded() {
    env(
        Map.of(
            "OTEL_RESOURCE_ATTRIBUTES",
            "greeting=hello%20world, cafe = caf%C3%A9 ,sum=1+2,list=a%2Cb%3Dc"));
    Resource resource = run(memory());
    assertThat(attribute(resource, "greeting")).isEqualTo("hello world");
    assertThat(attribute(resource, "cafe")).isEqualTo("café");
    assertThat(attribute(resource, "sum")).isEqualTo("1+2");
    assertThat(attribute(resource, "list")).isEqualTo("a,b=c");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void traceExporters_builderWinsOverVariable() {
    env(Map.of("OTEL_TRACES_EXPORTER", "memory"));
    assertThat(TelemetryConfig.builder().traceExporters(List.of("none")).configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).isEmpty();
  }

  @Test
  void traceExporters_fromVariable() {
    env(Map.of("OTEL_TRACES_EXPORTER", "memory"));
    assertThat(TelemetryConfig.configure()).isTrue();
    Spans.parentAndChild();
    List<SpanData> spans = Spans.exported();
    assertThat(spans).extracting(SpanData::getName).containsExactlyInAnyOrder("parent", "child");
    SpanData parent =
        spans.stream().filter(s -> s.getName().equals("parent")).findFirst().orElseThrow();
    SpanData child =
        spans.stream().filter(s -> s.getName().equals("child")).findFirst().orElseThrow();
    assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanId());
  }

  @Test
  void sdkDisabled_onlyTrueDisables() {
    env(Map.of("OTEL_SDK_DISABLED", "TRUE", "OTEL_TRACES_EXPORTER", "memory"));
    assertThat(TelemetryConfig.configure()).isFalse();
    Spans.parentAndChild();
    assertThat(Spans.exported()).isEmpty();
    assertThat(warnings()).isEmpty();
  }

  @Test
  void traceEnabled_builderWinsOverSdkDisabled() {
    env(Map.of("OTEL_SDK_DISABLED", "true", "OTEL_TRACES_EXPORTER", "memory"));
    assertThat(TelemetryConfig.builder().traceEnabled(true).configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).hasSize(2);
  }

  @Test
  void traceEnabled_falseConfiguresNoTracing() {
    env(Map.of("OTEL_TRACES_EXPORTER", "memory"));
    assertThat(TelemetryConfig.builder().traceEnabled(false).configure()).isFalse();
    Spans.parentAndChild();
    assertThat(Spans.exported()).isEmpty();
  }

  @Test
  void sampler_fromBuilderIsApplied() {
    assertThat(memory().sampler("always_off").configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).isEmpty();
  }

  @Test
  void samplerRatio_zeroSamplesNothing() {
    env(Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "1"));
    assertThat(memory().samplerRatio(0.0).configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).isEmpty();
  }

  @Test
  void exporterTimeout_hugeValueDoesNotOverflow() {
    assertThat(memory().exporterTimeout(Duration.ofSeconds(Long.MAX_VALUE)).configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).hasSize(2);
    assertThat(warnings()).isEmpty();
  }

  @Test
  void exporterTimeout_winsOverEverySignalsOwnTimeout() {
    env(
        Map.of(
            "OTEL_EXPORTER_OTLP_TIMEOUT", "1001",
            "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "1002",
            "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", "1003",
            "OTEL_EXPORTER_OTLP_LOGS_TIMEOUT", "1004",
            "OTEL_BSP_EXPORT_TIMEOUT", "1005",
            "OTEL_BLRP_EXPORT_TIMEOUT", "1006"));
    System.setProperty("otel.exporter.otlp.logs.timeout", "1007");
    assertThat(memory().exporterTimeout(Duration.ofSeconds(7)).configure()).isTrue();
    ConfigProperties config = MemoryExporter.Provider.config;
    for (String signal : List.of("traces", "metrics", "logs")) {
      assertThat(config.getDuration(otlpKey(config, signal, "timeout")))
          .as(signal)
          .isEqualTo(Duration.ofSeconds(7));
    }
    assertThat(config.getDuration("otel.bsp.export.timeout")).isEqualTo(Duration.ofSeconds(7));
    assertThat(config.getDuration("otel.blrp.export.timeout")).isEqualTo(Duration.ofSeconds(7));
    assertThat(warnings()).isEmpty();
  }

  @Test
  void generalOtlpSettingsInCode_winOverEverySignalsOwnFromTheEnvironment() {
    env(
        Map.of(
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "origin=traces-env",
            "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "origin=metrics-env",
            "OTEL_EXPORTER_OTLP_LOGS_COMPRESSION", "none",
            "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", "1003"));
    System.setProperty("otel.exporter.otlp.traces.compression", "none");
    assertThat(
            memory()
                .property("otel.exporter.otlp.headers", "origin=code")
                .property("otel.exporter.otlp.compression", "gzip")
                .property("otel.exporter.otlp.timeout", "9s")
                // A signal's own setting given in code is kept.
                .property("otel.exporter.otlp.logs.headers", "origin=logs-code")
                .configure())
        .isTrue();
    ConfigProperties config = MemoryExporter.Provider.config;
    assertThat(config.getString(otlpKey(config, "traces", "headers"))).isEqualTo("origin=code");
    assertThat(config.getString(otlpKey(config, "metrics", "headers"))).isEqualTo("origin=code");
    assertThat(config.getString(otlpKey(config, "logs", "headers"))).isEqualTo("origin=logs-code");
    for (String signal : List.of("traces", "metrics", "logs")) {
      assertThat(config.getString(otlpKey(config, signal, "compression")))
          .as(signal)
          .isEqualTo("gzip");
      assertThat(config.getDuration(otlpKey(config, signal, "timeout")))
          .as(signal)
          .isEqualTo(Duration.ofSeconds(9));
    }
    assertThat(warnings()).isEmpty();
  }

  /**
   * The key a signal's OTLP exporter reads a setting from: the signal's own when it is set, else
   * the general one (as the OTLP exporter does).
   */
  private static String otlpKey(ConfigProperties config, String signal, String setting) {
    String own = "otel.exporter.otlp." + signal + "." + setting;
    return config.getString(own) != null ? own : "otel.exporter.otlp." + setting;
  }

  @Test
  void blankBuilderProperty_countsAsUnset() {
    env(Map.of("OTEL_SERVICE_NAME", "from-env"));
    assertThat(serviceName(run(memory().property("otel.service.name", " ")))).isEqualTo("from-env");
  }
}
