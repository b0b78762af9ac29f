package dev.optel.w3c;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.optel.TracedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The test service the W3C harness talks to (see the suite's {@code test/README.md}): each POST to
 * {@code /test} carries a JSON array of {@code {"url", "arguments"}}; for each element the service
 * POSTs {@code arguments} to {@code url}. It is built as an application would build it with optel:
 * the handler is wrapped with {@link TracedHttp#handler} (which extracts the incoming context,
 * joining repeated headers as HTTP does, and runs the handler in a {@code SERVER} span) and the
 * client with {@link TracedHttp#client} (one {@code CLIENT} span per call, its context injected).
 *
 * <p>{@link #main} runs it alone (in a child JVM, for example without OpenTelemetry) and prints
 * {@code port=N} when it listens.
 */
final class W3cTestService implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient http =
      TracedHttp.client(
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .version(HttpClient.Version.HTTP_1_1)
              .build());

  private W3cTestService() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/test", TracedHttp.handler(this::handle));
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
    try (exchange) {
      JsonNode calls;
      try (InputStream body = exchange.getRequestBody()) {
        calls = JSON.readTree(body);
      }
      for (JsonNode call : calls) {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(call.get("url").asText()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(call.get("arguments"))));
        http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      }
      exchange.sendResponseHeaders(200, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(500, -1);
    }
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
