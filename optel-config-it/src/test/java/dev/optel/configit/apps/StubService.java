package dev.optel.configit.apps;

import com.sun.net.httpserver.HttpServer;
import dev.optel.configit.harness.ChildOutput;

/**
 * Harness check for {@code ChildService}: with {@code serve}, answers every request with 200 until
 * its standard input closes, then reports {@code stopped=true}; with {@code exit}, exits with 4
 * before reporting a port; with {@code silent}, reports nothing and waits for its standard input to
 * close.
 */
public final class StubService {
  private StubService() {}

  /** Runs in the mode {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    System.err.println("stub " + args[0]);
    switch (args[0]) {
      case "serve" -> {
        HttpServer server = Services.loopbackServer();
        server.createContext("/", exchange -> Services.respond(exchange, 200, "stub"));
        Services.serveUntilStdinCloses(server, () -> ChildOutput.report("stopped", true));
      }
      case "exit" -> System.exit(4);
      default -> System.in.readAllBytes();
    }
  }
}
