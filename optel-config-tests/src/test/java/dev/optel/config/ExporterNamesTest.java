package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.Span;
import dev.optel.TelemetryConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exporter names people type, with the SDK's logging exporter on the class path (its logging-otlp
 * sibling is not): {@code logging} works, a missing one gets the usual one-line warning, and {@code
 * jaeger} says how to reach Jaeger over OTLP.
 */
class ExporterNamesTest extends ConfigTestSupport {
  private static final Logger LOGGING_EXPORTER =
      Logger.getLogger("io.opentelemetry.exporter.logging.LoggingSpanExporter");
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureTheLoggingExporter() {
    LOGGING_EXPORTER.addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    LOGGING_EXPORTER.removeHandler(capture);
  }

  @Test
  void logging_fromVariable_logsEachSpan() {
    env(Map.of("OTEL_TRACES_EXPORTER", "logging"));
    assertThat(TelemetryConfig.configure()).isTrue();
    String traceId;
    try (Span span = Spans.TRACER.startSpan("logged-span")) {
      traceId = span.traceId();
    }
    TelemetryConfig.shutdown();
    assertThat(logged).anySatisfy(m -> assertThat(m).contains("logged-span").contains(traceId));
    assertThat(warnings()).isEmpty();
  }

  @Test
  void logging_fromBuilder_logsEachSpan() {
    assertThat(TelemetryConfig.builder().traceExporters(List.of("logging")).configure()).isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(logged).anySatisfy(m -> assertThat(m).contains("'child'"));
    assertThat(warnings()).isEmpty();
  }

  @Test
  void loggingOtlp_missing_oneWarningNamesItsArtifact() {
    env(Map.of("OTEL_TRACES_EXPORTER", "logging-otlp,memory"));
    assertThat(TelemetryConfig.configure()).isFalse();
    Spans.parentAndChild();
    assertThat(Spans.exported()).as("the other exporter still works").hasSize(2);
    assertThat(recordsAt(Level.WARNING))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getMessage())
                  .contains("OTEL_TRACES_EXPORTER")
                  .contains("logging-otlp")
                  .contains("add io.opentelemetry:opentelemetry-exporter-logging-otlp");
              assertThat(r.getThrown()).isNull();
            });
  }

  @Test
  void jaeger_fromVariable_saysThatJaegerAcceptsOtlp() {
    env(Map.of("OTEL_TRACES_EXPORTER", "jaeger,memory"));
    assertThat(TelemetryConfig.configure()).isTrue();
    Spans.parentAndChild();
    assertThat(Spans.exported()).hasSize(2);
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("OTEL_TRACES_EXPORTER=\"jaeger,memory\"")
        .contains("Jaeger accepts OTLP")
        .contains("OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4317");
  }

  @Test
  void jaeger_fromBuilder_isRejectedWithTheSameAdvice() {
    assertThatThrownBy(() -> TelemetryConfig.builder().traceExporters(List.of("jaeger")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("traceExporters")
        .hasMessageContaining("Jaeger accepts OTLP")
        .hasMessageContaining("http://jaeger:4317");
  }

  @Test
  void unknownExporter_warningListsEveryKnownName() {
    env(Map.of("OTEL_TRACES_EXPORTER", "bogus,memory"));
    assertThat(TelemetryConfig.configure()).isTrue();
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("otlp, console, zipkin, none, logging, logging-otlp");
    assertThatThrownBy(() -> TelemetryConfig.builder().traceExporters(List.of("bogus")))
        .hasMessageContaining("otlp, console, zipkin, none, logging, logging-otlp");
  }
}
