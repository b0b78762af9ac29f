package dev.optel.configit.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver ({@code http/protobuf}) on a free 127.0.0.1 port, built on the JDK's HTTP
 * server: {@code POST /v1/traces} with a binary {@code ExportTraceServiceRequest}, {@code POST
 * /v1/logs} with an {@code ExportLogsServiceRequest} and {@code POST /v1/metrics} with an {@code
 * ExportMetricsServiceRequest}, optionally gzip-compressed.
 */
public final class OtlpHttpReceiver extends OtlpReceiver {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  private OtlpHttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/traces",
        exchange ->
            handle(
                exchange,
                body -> accept(ExportTraceServiceRequest.parseFrom(body)),
                ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
    server.createContext(
        "/v1/logs",
        exchange ->
            handle(
                exchange,
                body -> accept(ExportLogsServiceRequest.parseFrom(body)),
                ExportLogsServiceResponse.getDefaultInstance().toByteArray()));
    server.createContext(
        "/v1/metrics",
        exchange ->
            handle(
                exchange,
                body -> accept(ExportMetricsServiceRequest.parseFrom(body)),
                ExportMetricsServiceResponse.getDefaultInstance().toByteArray()));
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a receiver; {@link #close()} stops it. */
  public static OtlpHttpReceiver start() throws IOException {
    return new OtlpHttpReceiver();
  }

  /** Decodes and records one request body. */
  private interface Decoder {
    void accept(InputStream body) throws IOException;
  }

  private void handle(HttpExchange exchange, Decoder decoder, byte[] response) throws IOException {
    try (exchange) {
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!"POST".equals(exchange.getRequestMethod())
          || type == null
          || !type.startsWith("application/x-protobuf")) {
        exchange.sendResponseHeaders(415, -1);
        return;
      }
      InputStream body = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      decoder.accept(body);
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  /** The base endpoint; exporters append {@code /v1/traces}. */
  @Override
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public String protocol() {
    return "http/protobuf";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
