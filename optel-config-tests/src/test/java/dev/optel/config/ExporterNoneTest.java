package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Do not export" is not "do not trace": with exporter {@code none}, or when no requested exporter
 * is on the class path, spans still carry real ids, log lines carry them, and the context can be
 * sent downstream.
 */
class ExporterNoneTest extends ConfigTestSupport {
  private static final LoggingFacade LOG = Telemetry.get("dev.optel.config.none").logger();
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;

  @BeforeEach
  void captureStdout() {
    original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStdout() {
    System.setOut(original);
  }

  @Test
  void exporterNoneFromTheEnvironment_tracesWithRealIdsAndReturnsTrue() {
    env(Map.of("OTEL_TRACES_EXPORTER", "none"));
    assertTracesWithRealIds(TelemetryConfig::configure, true);
    assertThat(warnings()).isEmpty();
  }

  @Test
  void exporterNoneFromTheBuilder_tracesWithRealIdsAndReturnsTrue() {
    assertTracesWithRealIds(
        () -> TelemetryConfig.builder().traceExporters(List.of("none")).configure(), true);
    assertThat(warnings()).isEmpty();
  }

  @Test
  void everyRequestedExporterMissing_stillTracesButReturnsFalse() {
    // opentelemetry-exporter-otlp is not on this module's class path.
    assertTracesWithRealIds(
        () -> TelemetryConfig.builder().traceExporters(List.of("otlp")).configure(), false);
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("otlp")
        .contains("dev.optel:optel-otlp");
  }

  private void assertTracesWithRealIds(BooleanSupplier configure, boolean expected) {
    assertThat(configure.getAsBoolean()).isEqualTo(expected);
    String traceId;
    String spanId;
    String childTraceId;
    Map<String, String> headers = new HashMap<>();
    try (Span parent = Spans.TRACER.startAsCurrentSpan("parent")) {
      traceId = parent.traceId();
      spanId = parent.spanId();
      assertThat(parent.isRecording()).isTrue();
      LOG.info("inside");
      GlobalOpenTelemetry.getPropagators()
          .getTextMapPropagator()
          .inject(Context.current(), headers, Map::put);
      try (Span child = Spans.TRACER.startSpan("child")) {
        childTraceId = child.traceId();
      }
    }
    assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertThat(spanId).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
    assertThat(childTraceId).isEqualTo(traceId);
    assertThat(headers.get("traceparent")).startsWith("00-" + traceId + "-" + spanId + "-");
    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output.lines().filter(l -> l.contains("\"event\":\"inside\"")))
        .as("the JSON line of the event logged in the span, in %s", output)
        .singleElement()
        .asString()
        .contains("\"trace_id\":\"" + traceId + "\"")
        .contains("\"span_id\":\"" + spanId + "\"");
  }
}
