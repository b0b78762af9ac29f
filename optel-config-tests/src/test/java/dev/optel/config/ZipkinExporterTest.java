package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optel.Span;
import dev.optel.TelemetryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** optel's zipkin exporter against a minimal HTTP endpoint (the real Zipkin server: config-it). */
class ZipkinExporterTest extends ConfigTestSupport {
  private SpanPostCapture capture;

  @AfterEach
  void stopServer() {
    if (capture != null) {
      capture.close();
    }
  }

  private String startServer() throws IOException {
    capture = SpanPostCapture.start();
    return capture.endpoint();
  }

  @Test
  void zipkin_postsJsonV2WithParentLinksAndServiceName() throws Exception {
    String endpoint = startServer();
    assertThat(
            TelemetryConfig.builder()
                .serviceName("zipkin-test")
                .zipkinEndpoint(endpoint)
                .traceExporters(List.of("zipkin"))
                .configure())
        .isTrue();
    String parentId;
    String traceId;
    try (Span parent = Spans.TRACER.startAsCurrentSpan("parent")) {
      parentId = parent.spanId();
      traceId = parent.traceId();
      try (Span child = Spans.TRACER.startAsCurrentSpan("child")) {
        child.setAttribute("flag", true);
      }
    }
    TelemetryConfig.shutdown();
    String all = capture.received();
    assertThat(all)
        .contains("\"traceId\":\"" + traceId + "\"")
        .contains("\"parentId\":\"" + parentId + "\"")
        .contains("\"name\":\"child\"")
        .contains("\"serviceName\":\"zipkin-test\"")
        .contains("\"flag\":\"true\"")
        .contains("\"otel.scope.name\":\"dev.optel.config.test\"");
  }

  @Test
  void zipkin_fromVariable_usesTheEndpointVariable() throws Exception {
    String endpoint = startServer();
    env(
        java.util.Map.of(
            "OTEL_TRACES_EXPORTER", "zipkin", "OTEL_EXPORTER_ZIPKIN_ENDPOINT", endpoint));
    assertThat(TelemetryConfig.configure()).isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(capture.received()).contains("\"name\":\"parent\"");
  }

  @Test
  void zipkin_deadEndpoint_neitherThrowsNorSaysMoreThanOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThat(
            TelemetryConfig.builder()
                .traceExporters(List.of("zipkin"))
                .zipkinEndpoint("http://127.0.0.1:" + port + "/api/v2/spans")
                .exporterTimeout(Duration.ofSeconds(1))
                .configure())
        .isTrue();
    // No timing here: that exit stays bounded is DeadCollectorTest's (optel-config-it), which
    // compares child JVMs against exporter none in the same test. A hang fails on the timeout.
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("could not be delivered")
        .contains("127.0.0.1:" + port)
        .contains("connection refused");
  }

  @Test
  void zipkin_baseUrl_postsToTheSpecificationsPath() throws Exception {
    startServer();
    assertThat(
            TelemetryConfig.builder()
                .serviceName("zipkin-base")
                .zipkinEndpoint(capture.baseUrl())
                .traceExporters(List.of("zipkin"))
                .configure())
        .isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(capture.received()).contains("\"name\":\"child\"");
    assertThat(warnings()).isEmpty();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 404, 302})
  void zipkin_non2xxAnswer_isOneLineWithItsStatusCodeAndNoStackTrace(int status) throws Exception {
    String endpoint = startServer();
    capture.answer(status);
    optelLevel(Level.INFO);
    assertThat(zipkin(endpoint).configure()).isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();

    assertThat(recordsAt(Level.WARNING))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getMessage())
                  .contains(endpoint)
                  .contains("HTTP " + status)
                  .contains("2 spans");
              assertThat(r.getThrown()).as("a stack trace below debug level").isNull();
            });
  }

  @Test
  void zipkin_failure_atDebugLevel_carriesTheStackTrace() throws Exception {
    String endpoint = startServer();
    capture.answer(500);
    assertThat(zipkin(endpoint).configure()).isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();

    assertThat(recordsAt(Level.WARNING))
        .singleElement()
        .extracting(LogRecord::getThrown)
        .isNotNull();
  }

  @Test
  void zipkin_failingManyTimes_isReportedOnceThenOnceMoreAtShutdown() throws Exception {
    String endpoint = startServer();
    capture.answer(503);
    assertThat(zipkin(endpoint).configure()).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Spans.parentAndChild();
              return capture.posts() >= 5;
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> !warnings().isEmpty());
    assertThat(warnings()).singleElement().asString().contains(endpoint).contains("HTTP 503");

    TelemetryConfig.shutdown();
    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(1)).contains(endpoint).contains("could not be delivered");
  }

  @Test
  void zipkin_recovery_isReportedInOneLine() throws Exception {
    String endpoint = startServer();
    capture.answer(503);
    assertThat(zipkin(endpoint).configure()).isTrue();
    Spans.parentAndChild();
    await().atMost(Duration.ofSeconds(10)).until(() -> !warnings().isEmpty());
    capture.answer(202);
    Spans.parentAndChild();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> messagesAt(Level.INFO).stream().anyMatch(m -> m.contains(endpoint)));

    assertThat(messagesAt(Level.INFO))
        .filteredOn(m -> m.contains(endpoint))
        .singleElement()
        .asString()
        .contains("again")
        .contains("2 spans");
    assertThat(capture.received()).contains("\"name\":\"child\"");
    TelemetryConfig.shutdown();
    assertThat(warnings()).as("nothing was lost after the recovery").hasSize(1);
  }

  /** The zipkin exporter at {@code endpoint}, exporting every 20 ms. */
  private static TelemetryConfig.Builder zipkin(String endpoint) {
    return TelemetryConfig.builder()
        .traceExporters(List.of("zipkin"))
        .zipkinEndpoint(endpoint)
        .property("otel.bsp.schedule.delay", "20");
  }

  private List<String> messagesAt(Level level) {
    return recordsAt(level).stream().map(LogRecord::getMessage).toList();
  }
}
