package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.Span;
import dev.optel.TelemetryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
    assertThat(TelemetryConfig.builder().serviceName("zipkin-test").zipkinEndpoint(endpoint)
        .traceExporters(List.of("zipkin")).configure()).isTrue();
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
    assertThat(all).contains("\"traceId\":\"" + traceId + "\"")
        .contains("\"parentId\":\"" + parentId + "\"")
        .contains("\"name\":\"child\"")
        .contains("\"serviceName\":\"zipkin-test\"")
        .contains("\"flag\":\"true\"")
        .contains("\"otel.scope.name\":\"dev.optel.config.test\"");
  }

  @Test
  void zipkin_fromVariable_usesTheEndpointVariable() throws Exception {
    String endpoint = startServer();
    env(java.util.Map.of("OTEL_TRACES_EXPORTER", "zipkin",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT", endpoint));
    assertThat(TelemetryConfig.configure()).isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(capture.received()).contains("\"name\":\"parent\"");
  }

  @Test
  void zipkin_deadEndpoint_neitherThrowsNorBlocks() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThat(TelemetryConfig.builder().traceExporters(List.of("zipkin"))
        .zipkinEndpoint("http://127.0.0.1:" + port + "/api/v2/spans")
        .exporterTimeout(Duration.ofSeconds(1)).configure()).isTrue();
    long start = System.nanoTime();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    assertThat(warnings()).anyMatch(w -> w.contains("could not send") && w.contains("" + port));
  }
}
