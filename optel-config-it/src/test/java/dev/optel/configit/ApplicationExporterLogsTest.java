package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.configit.harness.Ports;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * optel keeps the OTLP exporter's own failure lines quiet only for its own exporters: an exporter
 * the application builds itself still logs its failures on the SDK's logger, at the SDK's level,
 * while optel's exporter to a dead collector is reported by optel alone. In this JVM, not a child:
 * it is about one logger shared by both.
 */
class ApplicationExporterLogsTest {
  private static final Logger SDK_EXPORTER_LOG =
      Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter");
  private static final Logger OPTEL_LOG = Logger.getLogger("dev.optel");

  /**
   * What was logged, after the type of the thread it was logged on (OkHttp renames its threads).
   */
  private final List<String> sdkLines = new CopyOnWriteArrayList<>();

  private final List<String> optelLines = new CopyOnWriteArrayList<>();
  private final Handler sdkCapture = capture(sdkLines);
  private final Handler optelCapture = capture(optelLines);

  private static Handler capture(List<String> into) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        into.add(
            Thread.currentThread().getClass().getName()
                + " "
                + record.getLevel()
                + " "
                + record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  @BeforeEach
  void captureLogs() {
    SDK_EXPORTER_LOG.addHandler(sdkCapture);
    OPTEL_LOG.addHandler(optelCapture);
  }

  @AfterEach
  void stopCapturing() {
    TelemetryConfig.shutdown();
    GlobalOpenTelemetry.resetForTest();
    SDK_EXPORTER_LOG.removeHandler(sdkCapture);
    OPTEL_LOG.removeHandler(optelCapture);
  }

  @Test
  void applicationsOwnExporter_stillLogsItsFailures_optelsDoesNot() {
    String dead = Ports.deadEndpoint();
    // Without retries, optel's line follows the SDK's on the same thread as soon as the export
    // failed.
    assertThat(
            TelemetryConfig.builder()
                .traceExporters(List.of("otlp"))
                .otlpProtocol("http/protobuf")
                .otlpEndpoint(dead)
                .property("otel.bsp.schedule.delay", "20")
                .property("otel.java.exporter.otlp.retry.disabled", "true")
                .configure())
        .isTrue();
    try (Span span = Telemetry.get("logs-test").tracer().startSpan("optel-span")) {
      span.setAttribute("by", "optel");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> optelLines.stream().anyMatch(line -> line.contains("cannot send spans to")));

    OtlpHttpSpanExporter own =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(dead + "/v1/traces")
            .setRetryPolicy(null)
            .build();
    SdkTracerProvider application =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(own)).build();
    try {
      application.get("application").spanBuilder("application-span").startSpan().end();
      application.forceFlush().join(30, TimeUnit.SECONDS);
    } finally {
      application.shutdown().join(30, TimeUnit.SECONDS);
    }

    assertThat(sdkLines)
        .as("the SDK's own lines")
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).doesNotStartWith("dev.optel."))
        .anySatisfy(
            line -> assertThat(line).contains(Level.SEVERE.getName()).contains("Failed to export"));
    assertThat(optelLines).allSatisfy(line -> assertThat(line).contains(dead));
  }
}
