package dev.optel.configit.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.optel.configit.harness.ChildOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the HTTP service apps share: a loopback server, plain responses, and serving until told to
 * stop.
 */
final class Services {
  private Services() {}

  /** An HTTP server on 127.0.0.1 on a port the system chose, handling requests on a few threads. */
  static HttpServer loopbackServer() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    return server;
  }

  /** Answers with {@code status} and a text body, and ends the exchange. */
  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Starts {@code server}, reports its port ({@code port=NNNN}, what {@code ChildService} waits
   * for), and serves until standard input ends: the parent closed it, or the parent died. Then
   * stops the server and runs {@code atStop} (the application's telemetry shutdown).
   */
  static void serveUntilStdinCloses(HttpServer server, Runnable atStop) throws IOException {
    server.start();
    ChildOutput.report("port", server.getAddress().getPort());
    InputStream in = System.in;
    while (in.read() != -1) {
      // Nothing is sent on standard input; only its end matters.
    }
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
    atStop.run();
  }
}
