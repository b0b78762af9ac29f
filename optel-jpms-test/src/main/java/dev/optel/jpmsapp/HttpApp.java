package dev.optel.jpmsapp;

import com.sun.net.httpserver.HttpServer;
import dev.optel.TracedHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Uses {@code TracedHttp} over loopback (a traced client calling a traced handler) and prints one
 * {@code key=value} line per fact for the test.
 */
public final class HttpApp {
  private HttpApp() {}

  /**
   * Runs the application.
   *
   * @param args unused
   * @throws Exception never, unless optel breaks its promise
   */
  public static void main(String[] args) throws Exception {
    IOException boom = new IOException("boom");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hello",
        TracedHttp.handler(
            exchange -> {
              byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            }));
    var failing =
        TracedHttp.handler(
            exchange -> {
              throw boom;
            });
    server.createContext(
        "/fails",
        exchange -> {
          try {
            failing.handle(exchange);
          } catch (IOException e) {
            thrown.set(e);
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
          }
        });
    server.start();
    try {
      HttpClient client = TracedHttp.client(HttpClient.newHttpClient());
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      HttpResponse<String> ok =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/hello")).build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> failed =
          client
              .sendAsync(
                  HttpRequest.newBuilder(URI.create(base + "/fails")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .join();
      System.out.println("status=" + ok.statusCode());
      System.out.println("body=" + ok.body());
      System.out.println("failedStatus=" + failed.statusCode());
      System.out.println("sameHandlerException=" + (thrown.get() == boom));
    } finally {
      server.stop(0);
    }
  }
}
