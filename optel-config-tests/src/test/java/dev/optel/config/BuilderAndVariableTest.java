package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.TelemetryConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A builder method and its variable follow one rule: the builder accepts a value exactly when the
 * variable with that value is used without a warning.
 */
class BuilderAndVariableTest extends ConfigTestSupport {
  private static final Map<String, BiConsumer<TelemetryConfig.Builder, String>> METHODS =
      Map.of(
          "otlpProtocol", TelemetryConfig.Builder::otlpProtocol,
          "otlpEndpoint", TelemetryConfig.Builder::otlpEndpoint,
          "zipkinEndpoint", TelemetryConfig.Builder::zipkinEndpoint,
          "sampler", TelemetryConfig.Builder::sampler,
          "serviceName", TelemetryConfig.Builder::serviceName,
          "traceExporters", (b, v) -> b.traceExporters(List.of(v.split(","))),
          "samplerRatio", (b, v) -> b.samplerRatio(Double.parseDouble(v)));

  @ParameterizedTest(name = "{0}={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "OTEL_EXPORTER_OTLP_PROTOCOL   | otlpProtocol   | HTTP/Protobuf",
        "OTEL_EXPORTER_OTLP_PROTOCOL   | otlpProtocol   | GRPC",
        "OTEL_EXPORTER_OTLP_PROTOCOL   | otlpProtocol   | http/protobuf",
        "OTEL_EXPORTER_OTLP_PROTOCOL   | otlpProtocol   | http/json",
        "OTEL_EXPORTER_OTLP_ENDPOINT   | otlpEndpoint   | HTTPS://Collector:4318",
        "OTEL_EXPORTER_OTLP_ENDPOINT   | otlpEndpoint   | http://127.0.0.1:0",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT | zipkinEndpoint | http://zipkin:9411",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT | zipkinEndpoint | zipkin:9411",
        "OTEL_TRACES_SAMPLER           | sampler        | Always_Off",
        "OTEL_TRACES_SAMPLER           | sampler        | sometimes",
        "OTEL_SERVICE_NAME             | serviceName    | checkout",
        "OTEL_TRACES_EXPORTER          | traceExporters | Console,NONE",
        "OTEL_TRACES_EXPORTER          | traceExporters | jaeger",
      })
  void builderAcceptsWhatTheVariableAccepts(String variable, String method, String value) {
    Map<String, String> variables = new HashMap<>(Map.of("OTEL_TRACES_EXPORTER", "none"));
    variables.put(variable, value);
    env(variables);
    TelemetryConfig.configure();
    boolean variableAccepted = warnings().stream().noneMatch(w -> w.contains(variable));

    boolean builderAccepted;
    try {
      METHODS.get(method).accept(TelemetryConfig.builder(), value);
      builderAccepted = true;
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessageContaining(method);
      builderAccepted = false;
    }
    assertThat(builderAccepted)
        .as("%s(%s) accepted, like %s=%s", method, value, variable, value)
        .isEqualTo(variableAccepted);
  }

  @ParameterizedTest(name = "ratio {0}")
  @CsvSource({"0.25, true", "1.5, false", "NaN, false"})
  void samplerRatio_followsTheRuleOfItsVariable(String ratio, boolean valid) {
    env(
        Map.of(
            "OTEL_TRACES_SAMPLER",
            "traceidratio",
            "OTEL_TRACES_SAMPLER_ARG",
            ratio,
            "OTEL_TRACES_EXPORTER",
            "none"));
    TelemetryConfig.configure();
    assertThat(warnings().stream().noneMatch(w -> w.contains("OTEL_TRACES_SAMPLER_ARG")))
        .isEqualTo(valid);
    boolean builderAccepted;
    try {
      METHODS.get("samplerRatio").accept(TelemetryConfig.builder(), ratio);
      builderAccepted = true;
    } catch (IllegalArgumentException e) {
      builderAccepted = false;
    }
    assertThat(builderAccepted).isEqualTo(valid);
  }
}
