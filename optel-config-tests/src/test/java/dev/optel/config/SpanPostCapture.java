package dev.optel.config;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A loopback HTTP endpoint that accepts Zipkin v2 span posts and keeps their bodies (gzip or not),
 * for tests that only need to see what optel's zipkin exporter sent; it can also answer with
 * another status ({@link #answer}), keeping nothing then. The real Zipkin server is used in
 * optel-config-it.
 */
final class SpanPostCapture implements AutoCloseable {
  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(202);
  private final AtomicInteger posts = new AtomicInteger();

  private SpanPostCapture(HttpServer server) {
    this.server = server;
  }

  /** Starts the endpoint on a free port of 127.0.0.1. */
  static SpanPostCapture start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SpanPostCapture capture = new SpanPostCapture(server);
    server.createContext(
        "/api/v2/spans",
        exchange -> {
          InputStream in = exchange.getRequestBody();
          if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
          }
          String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          int answer = capture.status.get();
          if (answer / 100 == 2) {
            capture.bodies.add(body);
          }
          capture.posts.incrementAndGet();
          if (answer / 100 == 3) {
            // Like Zipkin's UI answering a base URL: elsewhere, please.
            exchange.getResponseHeaders().set("Location", "/zipkin/");
          }
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    server.start();
    return capture;
  }

  /** The URL to configure as the Zipkin endpoint. */
  String endpoint() {
    return baseUrl() + "/api/v2/spans";
  }

  /** {@code http://127.0.0.1:port}, without the spans path (nothing else answers there). */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers every later post with {@code status}; bodies are kept only for 2xx answers. */
  void answer(int status) {
    this.status.set(status);
  }

  /** The number of posts answered so far, whatever the answer. */
  int posts() {
    return posts.get();
  }

  /** Every body received so far, joined by line breaks. */
  String received() {
    return String.join("\n", bodies);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
