package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.TelemetryConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Invalid builder arguments throw IllegalArgumentException naming the argument. */
class BuilderArgumentsTest {
  private static void rejects(String argument, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(argument);
  }

  @Test
  void builder_rejectsInvalidArguments() {
    TelemetryConfig.Builder b = TelemetryConfig.builder();
    rejects("serviceName", () -> b.serviceName(null));
    rejects("serviceName", () -> b.serviceName("  "));
    rejects("resourceAttributes", () -> b.resourceAttributes(null));
    rejects("resourceAttributes", () -> b.resourceAttributes(Map.of(" ", "v")));
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    rejects("resourceAttributes", () -> b.resourceAttributes(nullValue));
    rejects("logLevel", () -> b.logLevel(null));
    rejects("logProcessors", () -> b.logProcessors(null));
    rejects("logProcessors", () -> b.logProcessors(Collections.singletonList(null)));
    rejects("traceExporters", () -> b.traceExporters(null));
    rejects("traceExporters", () -> b.traceExporters(Arrays.asList("console", "bogus")));
    rejects("traceExporters", () -> b.traceExporters(Collections.singletonList(null)));
    rejects("logExporters", () -> b.logExporters(null));
    rejects("logExporters", () -> b.logExporters(Arrays.asList("otlp", "zipkin")));
    rejects("logExporters", () -> b.logExporters(Collections.singletonList(null)));
    rejects("metricExporters", () -> b.metricExporters(null));
    rejects("metricExporters", () -> b.metricExporters(Arrays.asList("prometheus", "zipkin")));
    rejects("metricExporters", () -> b.metricExporters(Collections.singletonList(null)));
    rejects("sampler", () -> b.sampler("sometimes"));
    rejects("sampler", () -> b.sampler(null));
    rejects("samplerRatio", () -> b.samplerRatio(1.5));
    rejects("samplerRatio", () -> b.samplerRatio(-0.1));
    rejects("samplerRatio", () -> b.samplerRatio(Double.NaN));
    rejects("otlpEndpoint", () -> b.otlpEndpoint("localhost:4317"));
    rejects("otlpEndpoint", () -> b.otlpEndpoint(null));
    rejects("otlpEndpoint", () -> b.otlpEndpoint("http://127.0.0.1:99999"));
    rejects("otlpEndpoint", () -> b.otlpEndpoint("http://127.0.0.1:0"));
    rejects("otlpEndpoint", () -> b.otlpEndpoint("http://:4318"));
    rejects("otlpEndpoint", () -> b.otlpEndpoint("grpc://collector:4317"));
    rejects("otlpEndpoint", () -> b.otlpEndpoint("http://collector :4318"));
    rejects("otlpProtocol", () -> b.otlpProtocol("http/json"));
    rejects("zipkinEndpoint", () -> b.zipkinEndpoint("not a url"));
    rejects("zipkinEndpoint", () -> b.zipkinEndpoint("http://zipkin:65536/api/v2/spans"));
    rejects("zipkinEndpoint", () -> b.zipkinEndpoint("http:///api/v2/spans"));
    rejects("exporterTimeout", () -> b.exporterTimeout(Duration.ZERO));
    rejects("exporterTimeout", () -> b.exporterTimeout(Duration.ofSeconds(-1)));
    rejects("exporterTimeout", () -> b.exporterTimeout(null));
    rejects("property", () -> b.property("service.name", "x"));
    rejects("property", () -> b.property("otel.service.name", null));
  }

  @Test
  void builder_acceptsValidArguments() {
    TelemetryConfig.builder()
        .serviceName("svc")
        .resourceAttributes(Map.of("k", "v"))
        .traceEnabled(true)
        .logLevel(dev.optel.LogLevel.DEBUG)
        .logProcessors(java.util.List.of(event -> event))
        .traceExporters(java.util.List.of("OTLP", " console ", "zipkin", "none"))
        .logExporters(java.util.List.of("OTLP", " console ", "none"))
        .metricExporters(java.util.List.of("OTLP", " console ", "Prometheus", "none"))
        .sampler("ParentBased_TraceIdRatio")
        .samplerRatio(0.25)
        .otlpEndpoint("https://collector:4318")
        .otlpEndpoint("http://[::1]:65535")
        .otlpEndpoint(" http://collector ")
        .otlpProtocol("http/protobuf")
        .zipkinEndpoint("http://zipkin:9411/api/v2/spans")
        .exporterTimeout(Duration.ofMillis(1))
        .property("otel.bsp.schedule.delay", "100");
  }
}
