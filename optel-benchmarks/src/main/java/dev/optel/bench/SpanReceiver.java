package dev.optel.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * The local OTLP receiver of {@link LoadRun} ({@code http/protobuf} on 127.0.0.1, as the test
 * harness of optel-config-it has it): {@code POST /v1/traces} with a binary {@code ExportTraceServiceRequest},
 * decoded with the real protobuf classes; it only counts the spans, by kind.
 */
final class SpanReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
    Thread t = new Thread(task, "otlp-receiver");
    t.setDaemon(true);
    return t;
  });
  private final LongAdder spans = new LongAdder();
  private final LongAdder clientSpans = new LongAdder();
  private final LongAdder serverSpans = new LongAdder();
  private final LongAdder requests = new LongAdder();

  private SpanReceiver() throws IOException {
    server = Loopback.newServer();
    server.createContext("/v1/traces", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a receiver on a free port; {@link #close()} stops it. */
  static SpanReceiver start() throws IOException {
    return new SpanReceiver();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!"POST".equals(exchange.getRequestMethod()) || type == null
          || !type.startsWith("application/x-protobuf")) {
        exchange.sendResponseHeaders(415, -1);
        return;
      }
      InputStream body = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      count(ExportTraceServiceRequest.parseFrom(body));
      byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  private void count(ExportTraceServiceRequest request) {
    requests.increment();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
          spans.increment();
          switch (span.getKind()) {
            case SPAN_KIND_CLIENT -> clientSpans.increment();
            case SPAN_KIND_SERVER -> serverSpans.increment();
            default -> { }
          }
        }
      }
    }
  }

  /** The base endpoint; the exporter's URL is this plus {@code /v1/traces}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long spans() {
    return spans.sum();
  }

  long clientSpans() {
    return clientSpans.sum();
  }

  long serverSpans() {
    return serverSpans.sum();
  }

  long requests() {
    return requests.sum();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
