package dev.optel.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.optel.Counter;
import dev.optel.Histogram;
import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import dev.optel.TracedHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Distributed tracing in one JVM: a small HTTP service ({@code com.sun.net.httpserver}) and its
 * client ({@code java.net.http}), both wrapped with {@link TracedHttp}. Each request is a {@code
 * client} span in the caller and a {@code server} span in the service whose remote parent is that
 * client span (the context travels in the {@code traceparent} header), each with the HTTP
 * semantic-convention attributes; the console tree prints the server span under its client span. A
 * 404 is an error for the client only. The service also counts its lookups and records the value of
 * each order served, beside the HTTP duration histograms that {@link TracedHttp} records.
 */
final class OrderService {
  private static final Telemetry TELEMETRY = Telemetry.get("dev.optel.demo.orders");
  private static final LoggingFacade LOG = TELEMETRY.logger();

  /** Lookups by result; bound once, so each {@code add} builds nothing. */
  private static final Counter LOOKUPS =
      TELEMETRY.meter().counter("demo.orders.lookups", "{lookup}", "Order lookups by result");

  private static final Counter FOUND = LOOKUPS.bind("result", "found");
  private static final Counter NOT_FOUND = LOOKUPS.bind("result", "not_found");

  /** The value of each order served. */
  private static final Histogram ORDER_VALUE =
      TELEMETRY.meter().histogram("demo.orders.value", "{USD}", "Value of the orders served");

  private OrderService() {}

  /** Starts the service on a loopback port, calls it twice, and stops it. */
  static void run() throws IOException, InterruptedException {
    Demo.say("");
    Demo.say("== an HTTP service and its client, traced with TracedHttp ==");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/orders", TracedHttp.handler(OrderService::handle));
    server.start();
    try {
      HttpClient http =
          TracedHttp.client(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/orders/";
      for (String id : new String[] {"42", "7"}) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(base + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        Demo.say("GET /orders/" + id + " -> " + response.statusCode() + " " + response.body());
      }
    } finally {
      // The handlers run on the server's own thread, which stop() waits for: the last server span
      // has ended when it returns.
      server.stop(0);
    }
  }

  /** The service: order 42 exists, every other does not. */
  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String id = path.substring(path.lastIndexOf('/') + 1);
    int status;
    String body;
    if (id.equals("42")) {
      LOG.info("order_served", "order_id", id);
      FOUND.add(1);
      ORDER_VALUE.record(99.5);
      status = 200;
      body = "{\"order_id\":42,\"total\":99.5}";
    } else {
      LOG.warning("order_not_found", "order_id", id);
      NOT_FOUND.add(1);
      status = 404;
      body = "{\"error\":\"no such order\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
