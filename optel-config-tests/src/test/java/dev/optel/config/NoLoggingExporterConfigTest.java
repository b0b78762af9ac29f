package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.Span;
import dev.optel.TelemetryConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs without the SDK's logging exporter (the {@code no-logging-exporter} Surefire execution
 * removes it): asking for {@code logging}, the name OpenTelemetry Java users know, gets the same
 * one-line warning as any missing exporter, naming the artifact, and tracing stays on.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class NoLoggingExporterConfigTest extends ConfigTestSupport {

  @Test
  void classPath_lacksTheLoggingExporter() {
    assertThatThrownBy(() -> Class.forName("io.opentelemetry.exporter.logging.LoggingSpanExporter"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void logging_fromVariable_missing_oneWarningWithoutStackTrace() {
    env(Map.of("OTEL_TRACES_EXPORTER", "logging"));
    assertThat(TelemetryConfig.configure()).isFalse();
    assertOneWarningNamingTheArtifact("OTEL_TRACES_EXPORTER");
    try (Span span = Spans.TRACER.startSpan("still-traced")) {
      assertThat(span.isRecording()).isTrue();
    }
  }

  @Test
  void logging_fromBuilder_missing_oneWarningWithoutStackTrace() {
    assertThat(TelemetryConfig.builder().traceExporters(List.of("logging")).configure()).isFalse();
    assertOneWarningNamingTheArtifact("traceExporters");
    try (Span span = Spans.TRACER.startSpan("still-traced")) {
      assertThat(span.isRecording()).isTrue();
    }
  }

  private void assertOneWarningNamingTheArtifact(String origin) {
    assertThat(recordsAt(Level.WARNING))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getMessage())
                  .contains(origin)
                  .contains("logging")
                  .contains("add io.opentelemetry:opentelemetry-exporter-logging");
              assertThat(r.getThrown()).isNull();
            });
  }
}
