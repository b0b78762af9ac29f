package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.sun.net.httpserver.HttpServer;
import dev.optel.TelemetryConfig;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exporter {@code otlp} (http/protobuf) with the OTLP exporter on the class path (the {@code otlp}
 * Surefire execution adds it), against a loopback endpoint that keeps what it receives: spans
 * arrive whether the builder or the variables ask for them, and a closed port costs no exception.
 * The span names are looked for in the protobuf bytes, where strings are plain UTF-8;
 * optel-config-it decodes them against real receivers.
 */
class OtlpExporterConfigTest extends ConfigTestSupport {
  private HttpServer collector;
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startCollector() throws IOException {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          paths.add(exchange.getRequestURI().getPath());
          bodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
          // An empty ExportTraceServiceResponse: everything accepted.
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  private String endpoint() {
    return "http://127.0.0.1:" + collector.getAddress().getPort();
  }

  @Test
  void exporter_hasTheVersionUnderTest() throws Exception {
    OpenTelemetryVersionTest.assertVersion(
        "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter");
  }

  @Test
  void otlpFromTheBuilder_sendsTheSpans() {
    assertThat(
            TelemetryConfig.builder()
                .traceExporters(List.of("otlp"))
                .otlpProtocol("http/protobuf")
                .otlpEndpoint(endpoint())
                .configure())
        .isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(paths).isNotEmpty().allSatisfy(p -> assertThat(p).isEqualTo("/v1/traces"));
    assertThat(String.join("", bodies)).contains("parent").contains("child");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void otlpFromTheVariables_sendsTheSpans() {
    env(
        Map.of(
            "OTEL_TRACES_EXPORTER",
            "otlp",
            "OTEL_EXPORTER_OTLP_PROTOCOL",
            "HTTP/Protobuf",
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            endpoint(),
            "OTEL_SERVICE_NAME",
            "otlp-service"));
    assertThat(TelemetryConfig.configure()).isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(paths).isNotEmpty().allSatisfy(p -> assertThat(p).isEqualTo("/v1/traces"));
    assertThat(String.join("", bodies))
        .contains("parent")
        .contains("child")
        .contains("otlp-service");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void shutdown_leavesNoGlobalBehind_evenWhenTheExporterLooksForOne() {
    // Before 1.4x the OTLP exporter looks up GlobalOpenTelemetry.get() for its own metrics on its
    // first export, which here happens during shutdown()'s flush: get() would install the no-op.
    assertThat(
            TelemetryConfig.builder()
                .traceExporters(List.of("otlp"))
                .otlpProtocol("http/protobuf")
                .otlpEndpoint(endpoint())
                .configure())
        .isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(paths).isNotEmpty();
    assertThatCode(() -> GlobalOpenTelemetry.set(OpenTelemetry.noop()))
        .as("the application can install its own OpenTelemetry")
        .doesNotThrowAnyException();
  }

  @Test
  void otlpToAClosedPort_costsNoExceptionAndAtMostOneLine() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    assertThat(
            TelemetryConfig.builder()
                .traceExporters(List.of("otlp"))
                .otlpProtocol("http/protobuf")
                .otlpEndpoint("http://127.0.0.1:" + closed)
                .exporterTimeout(Duration.ofSeconds(2))
                .configure())
        .isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(warnings())
        .hasSizeLessThanOrEqualTo(1)
        .allSatisfy(w -> assertThat(w).contains("127.0.0.1:" + closed));
  }
}
