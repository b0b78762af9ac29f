package dev.optel.configit.harness;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Zipkin server ({@code io.zipkin:zipkin-server} exec jar, in-memory storage) in a child
 * process on a free 127.0.0.1 port. {@link #start()} returns once its health endpoint says {@code
 * UP}; {@link #close()} stops the process. Spans are read back through Zipkin's v2 HTTP API.
 */
public final class ZipkinServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ZipkinServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Zipkin and waits until it is healthy (a few seconds; up to two minutes on a busy
   * machine).
   */
  public static ZipkinServer start() throws IOException {
    Path jar = ChildJvm.requiredJar("optel.it.zipkinJar");
    int port = Ports.freePort();
    Path log = jar.getParent().resolveSibling("zipkin-" + port + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].protocols[0]=http",
                "--zipkin.storage.type=mem",
                "--zipkin.ui.enabled=false",
                "--zipkin.self-tracing.enabled=false")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith("OTEL_")
                    || name.startsWith("ZIPKIN_")
                    || name.equals("JAVA_TOOL_OPTIONS")
                    || name.equals("QUERY_PORT")
                    || name.equals("STORAGE_TYPE"));
    Process process = builder.start();
    // Should this JVM end without close() (a killed build), take Zipkin along.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "zipkin-stop"));
    ZipkinServer server = new ZipkinServer(process, port, log);
    try {
      server.awaitHealthy();
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  private void awaitHealthy() {
    await("Zipkin healthy on port " + port)
        .atMost(STARTUP)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsMatching(
            e -> e instanceof IOException || e instanceof UncheckedIOException)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "Zipkin exited with " + process.exitValue() + ":\n" + logText());
              }
              HttpResponse<String> response = get("/health");
              return response.statusCode() == 200
                  && JSON.readTree(response.body()).path("status").asText().equals("UP");
            });
  }

  /** {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The value for {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}: the v2 span collector. */
  public String spansEndpoint() {
    return baseUrl() + "/api/v2/spans";
  }

  /** Every span of every trace Zipkin holds for {@code serviceName} (up to 10 000 traces). */
  public List<ReceivedSpan> spansOfService(String serviceName) {
    JsonNode traces =
        json(
            "/api/v2/traces?limit=10000&serviceName="
                + URLEncoder.encode(serviceName, StandardCharsets.UTF_8));
    List<ReceivedSpan> spans = new ArrayList<>();
    for (JsonNode trace : traces) {
      trace.forEach(span -> spans.add(span(span)));
    }
    return spans;
  }

  /** The spans of one trace, or an empty list while Zipkin does not know it. */
  public List<ReceivedSpan> trace(String traceId) {
    HttpResponse<String> response = get("/api/v2/trace/" + traceId);
    if (response.statusCode() == 404) {
      return List.of();
    }
    List<ReceivedSpan> spans = new ArrayList<>();
    parse(response).forEach(span -> spans.add(span(span)));
    return spans;
  }

  /** Posts spans in Zipkin's v2 JSON format, as a reporter would. */
  public int post(String jsonSpans) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(spansEndpoint()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(jsonSpans))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ReceivedSpan span(JsonNode span) {
    Map<String, String> tags = new LinkedHashMap<>();
    span.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    return new ReceivedSpan(
        span.path("traceId").asText(),
        span.path("id").asText(),
        span.path("parentId").asText(""),
        span.path("name").asText(),
        span.path("kind").asText(""),
        span.path("localEndpoint").path("serviceName").asText(""),
        Map.copyOf(tags),
        Map.of());
  }

  private JsonNode json(String path) {
    return parse(get(path));
  }

  private static JsonNode parse(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "Zipkin answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> get(String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .timeout(Duration.ofSeconds(10))
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "<no log: " + e + ">";
    }
  }

  /** Whether the Zipkin process is alive. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /**
   * Stops the Zipkin process (forcibly after 10 seconds).
   *
   * @throws IllegalStateException if the process is still alive after that
   */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (process.isAlive()) {
      throw new IllegalStateException("Zipkin on port " + port + " did not stop");
    }
  }
}
