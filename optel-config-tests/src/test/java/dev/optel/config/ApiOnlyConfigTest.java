package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.LogLevel;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.internal.config.Environment;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs with the OpenTelemetry API and SLF4J but without the SDK, autoconfigure or Zipkin (the
 * {@code api-only} Surefire execution removes them): configuration loads, configures logging only
 * and never throws {@link NoClassDefFoundError}.
 */
class ApiOnlyConfigTest {
  private LogCapture log;

  @BeforeEach
  void setUp() {
    Environment.overrideForTesting(Map.of());
    log = new LogCapture();
  }

  @AfterEach
  void tearDown() {
    TelemetryConfig.shutdown();
    log.close();
    Environment.overrideForTesting(null);
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void classPath_hasTheApiButNoSdk() {
    assertThat(Telemetry.hasOpenTelemetry()).isTrue();
    assertThatThrownBy(() -> Class.forName("io.opentelemetry.sdk.OpenTelemetrySdk"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void configure_withoutSdk_returnsFalseAndSaysWhy() {
    assertThat(TelemetryConfig.configure()).isFalse();
    assertThat(log.messages(Level.WARNING))
        .singleElement()
        .asString()
        .contains("OpenTelemetry SDK is not on the class path")
        .contains("add dev.optel:optel-observability with <type>pom</type>");
    try (Span span = Telemetry.get("api-only").tracer().startSpan("noop")) {
      assertThat(span.isRecording()).isFalse();
    }
  }

  @Test
  void builder_withEveryArgument_loadsAndRuns() {
    boolean tracing =
        TelemetryConfig.builder()
            .serviceName("svc")
            .resourceAttributes(Map.of("k", "v"))
            .logLevel(LogLevel.DEBUG)
            .logProcessors(List.of(event -> event))
            .traceExporters(List.of("zipkin", "otlp", "console"))
            .sampler("always_on")
            .samplerRatio(0.5)
            .otlpEndpoint("http://localhost:4318")
            .otlpProtocol("http/protobuf")
            .zipkinEndpoint("http://localhost:9411/api/v2/spans")
            .exporterTimeout(Duration.ofSeconds(1))
            .configure();
    assertThat(tracing).isFalse();
    // configure() never throws: a NoClassDefFoundError would only show as a warning.
    assertThat(log.messages(Level.WARNING))
        .singleElement()
        .asString()
        .contains("OpenTelemetry SDK is not on the class path");
  }

  @Test
  void sdkDisabled_noWarningAboutTheSdk() {
    Environment.overrideForTesting(Map.of("OTEL_SDK_DISABLED", "true"));
    assertThat(TelemetryConfig.configure()).isFalse();
    assertThat(log.messages(Level.WARNING)).isEmpty();
  }

  @Test
  void globalSetByTheApplication_isUsed() {
    GlobalOpenTelemetry.set(OpenTelemetry.propagating(ContextPropagators.noop()));
    assertThat(TelemetryConfig.configure()).isTrue();
    assertThat(log.messages(Level.INFO))
        .anyMatch(m -> m.contains("GlobalOpenTelemetry was already set"));
  }
}
