package dev.optel.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * The local OTLP receiver of {@link LoadRun} ({@code http/protobuf} on 127.0.0.1, as the test
 * harness of optel-config-it has it): {@code POST /v1/traces} with a binary {@code
 * ExportTraceServiceRequest}, decoded with the real protobuf classes; it only counts the spans, by
 * kind (and {@code POST /v1/logs} the log records, for {@link LogExportBench}), and answers {@code
 * GET /count} with {@code <spans> <client spans> <server spans> <export requests>}.
 *
 * <p>It walks the message's protobuf wire format (field numbers from the generated classes) down to
 * each span's kind instead of building the message objects: it shares the machine's cores with the
 * load, and decoding everything cost it about 20 us of CPU per span there (2026-12-01), a tenth of
 * a loopback request per span, which a collector on another machine would not take from the
 * service.
 *
 * <p>{@link LoadRun} starts it in a JVM of its own ({@link #main}), as a collector is a process of
 * its own: its CPU time is then not counted in the load run's CPU time per request.
 */
public final class SpanReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, "otlp-receiver");
            t.setDaemon(true);
            return t;
          });
  private final LongAdder spans = new LongAdder();
  private final LongAdder clientSpans = new LongAdder();
  private final LongAdder serverSpans = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder logRecords = new LongAdder();

  private SpanReceiver() throws IOException {
    server = Loopback.newServer();
    server.createContext("/v1/traces", this::handle);
    server.createContext("/v1/logs", this::handleLogs);
    server.createContext("/count", this::count);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Runs a receiver until standard input ends (when the process that started it closes the pipe or
   * exits); prints {@code port <n>} on standard output once it accepts requests.
   *
   * @param args none
   * @throws IOException when the receiver cannot start
   */
  public static void main(String[] args) throws IOException {
    try (SpanReceiver receiver = start()) {
      System.out.println("port " + receiver.server.getAddress().getPort());
      System.out.flush();
      System.in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** Starts a receiver on a free port; {@link #close()} stops it. */
  static SpanReceiver start() throws IOException {
    return new SpanReceiver();
  }

  /** The port it listens on (127.0.0.1). */
  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    receive(
        exchange,
        body -> {
          count(CodedInputStream.newInstance(body.readAllBytes()));
          return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        });
  }

  /** {@code POST /v1/logs}: counts the log records ({@link LogExportBench}). */
  private void handleLogs(HttpExchange exchange) throws IOException {
    receive(
        exchange,
        body -> {
          for (ResourceLogs resourceLogs :
              ExportLogsServiceRequest.parseFrom(body).getResourceLogsList()) {
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
              logRecords.add(scopeLogs.getLogRecordsCount());
            }
          }
          return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
        });
  }

  /** Decodes one OTLP request body and returns the response. */
  private interface Decoder {
    byte[] decode(InputStream body) throws IOException;
  }

  private static void receive(HttpExchange exchange, Decoder decoder) throws IOException {
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
      byte[] response = decoder.decode(body);
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  private void count(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] counts =
          (spans.sum() + " " + clientSpans.sum() + " " + serverSpans.sum() + " " + requests.sum())
              .getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, counts.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(counts);
      }
    }
  }

  /** The log records received so far. */
  long logRecords() {
    return logRecords.sum();
  }

  /** Counts the spans of one {@code ExportTraceServiceRequest}. */
  private void count(CodedInputStream request) throws IOException {
    requests.increment();
    forEach(
        request,
        ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER,
        resourceSpans ->
            forEach(
                resourceSpans,
                ResourceSpans.SCOPE_SPANS_FIELD_NUMBER,
                scopeSpans -> forEach(scopeSpans, ScopeSpans.SPANS_FIELD_NUMBER, this::span)));
  }

  /** Counts one {@code Span} message, by its kind. */
  private void span(CodedInputStream span) throws IOException {
    int kind = Span.SpanKind.SPAN_KIND_UNSPECIFIED_VALUE;
    for (int tag = span.readTag(); tag != 0; tag = span.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == Span.KIND_FIELD_NUMBER
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
        kind = span.readEnum();
      } else {
        span.skipField(tag);
      }
    }
    spans.increment();
    if (kind == Span.SpanKind.SPAN_KIND_CLIENT_VALUE) {
      clientSpans.increment();
    } else if (kind == Span.SpanKind.SPAN_KIND_SERVER_VALUE) {
      serverSpans.increment();
    }
  }

  /**
   * Hands each embedded message of field {@code field} in the rest of {@code message} to {@code
   * each}, limited to its own bytes, and skips every other field.
   */
  private static void forEach(CodedInputStream message, int field, Reader each) throws IOException {
    for (int tag = message.readTag(); tag != 0; tag = message.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) != field
          || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        message.skipField(tag);
        continue;
      }
      int limit = message.pushLimit(message.readRawVarint32());
      each.read(message);
      message.popLimit(limit);
    }
  }

  /** Reads one embedded message. */
  private interface Reader {
    void read(CodedInputStream message) throws IOException;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
