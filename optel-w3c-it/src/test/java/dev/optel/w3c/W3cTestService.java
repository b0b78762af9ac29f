package dev.optel.w3c;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.optel.Propagation;
import dev.optel.Span;
import dev.optel.SpanKind;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The test service the W3C harness talks to (see the suite's {@code test/README.md}): each POST to
 * {@code /test} carries a JSON array of {@code {"url", "arguments"}}; for each element the service
 * POSTs {@code arguments} to {@code url}. The incoming context is extracted, the calls are made
 * inside one {@code SERVER} span, and each outgoing request gets a {@code CLIENT} span and the
 * injected headers.
 *
 * <p>All the HTTP plumbing is in this class, so that it can switch to {@code TracedHttp.handler}
 * and {@code TracedHttp.client} in one place. Repeated request headers are joined with {@code ","}
 * as HTTP combines fields, which {@code Propagation.extract} asks of its getter.
 *
 * <p>{@link #main} runs it alone (in a child JVM, for example without OpenTelemetry) and prints
 * {@code port=N} when it listens.
 */
final class W3cTestService implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TracingFacade TRACER = Telemetry.get(W3cTestService.class).tracer();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  private W3cTestService() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/test", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts the service on a free port of 127.0.0.1. */
  static W3cTestService start() throws IOException {
    return new W3cTestService();
  }

  /** The endpoint to give the harness. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/test";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
         Propagation.Scope received = Propagation.extract(name -> joined(exchange, name));
         Span server = TRACER.startAsCurrentSpan("POST /test", SpanKind.SERVER, Map.of())) {
      JsonNode calls;
      try (InputStream body = exchange.getRequestBody()) {
        calls = JSON.readTree(body);
      }
      for (JsonNode call : calls) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.get("url").asText()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                JSON.writeValueAsString(call.get("arguments"))));
        // One CLIENT span per call, as an instrumented client makes: each call has its own parent id.
        try (Span client = TRACER.startAsCurrentSpan("POST", SpanKind.CLIENT, Map.of())) {
          Propagation.inject(request::header);
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        }
      }
      exchange.sendResponseHeaders(200, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(500, -1);
    }
  }

  /** A request header's values joined with "," (HTTP's rule for repeated fields); null when absent. */
  private static String joined(HttpExchange exchange, String name) {
    List<String> values = exchange.getRequestHeaders().get(name);
    return values == null ? null : String.join(",", values);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /**
   * Runs the service until the JVM is stopped.
   *
   * @param args none
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    W3cTestService service = start();
    System.out.println("port=" + service.server.getAddress().getPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}
