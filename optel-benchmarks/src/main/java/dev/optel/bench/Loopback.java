package dev.optel.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The loopback HTTP setup of {@link HttpBench} and {@link LoadRun}: a JDK {@link HttpServer} on
 * 127.0.0.1 with a fixed pool of handler threads, JDK {@link HttpClient}s speaking HTTP/1.1 (the
 * JDK server has no HTTP/2), and a handler that answers {@code 200 ok} and checks the trace context
 * it runs in.
 */
final class Loopback implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;

  private Loopback(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Starts a server with {@code handlerThreads} handler threads; add contexts with {@link
   * #server()} before the first request.
   */
  static Loopback start(int handlerThreads) throws IOException {
    HttpServer server = newServer();
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            handlerThreads,
            task -> {
              Thread t = new Thread(task, "bench-http-server-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.start();
    return new Loopback(server, threads);
  }

  /** A JDK HTTP server on a free port of 127.0.0.1, not started. */
  static HttpServer newServer() throws IOException {
    // The JDK server writes the headers and the body of a response separately; without TCP_NODELAY
    // Nagle's algorithm holds the body until the client's delayed ACK (about 40 ms on Linux). The
    // server reads the property once, when its first instance is made.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
  }

  HttpServer server() {
    return server;
  }

  /** A GET request for {@code path} on this server. */
  HttpRequest request(String path) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .GET()
        .build();
  }

  /** A client as an application builds one: HTTP/1.1, no proxy. */
  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .build();
  }

  /** Sends {@code request}; fails unless the answer is 200. */
  static int send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
    }
    return response.statusCode();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /**
   * Answers {@code 200 ok}. It also counts the requests that carried a {@code traceparent} and ran
   * in a server span of that trace, so that a run can check that both ends were instrumented; the
   * uninstrumented requests do the same reads.
   */
  static final class Ok implements HttpHandler {
    private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

    final LongAdder handled = new LongAdder();
    final LongAdder traced = new LongAdder();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        SpanContext current = Span.current().getSpanContext();
        handled.increment();
        if (traceparent != null
            && current.isValid()
            && traceparent.regionMatches(3, current.getTraceId(), 0, 32)) {
          traced.increment();
        }
        exchange.sendResponseHeaders(200, BODY.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(BODY);
        }
      }
    }
  }
}
