package dev.optel.configit.apps;

import com.sun.net.httpserver.HttpServer;
import dev.optel.TelemetryConfig;
import dev.optel.TracedHttp;
import dev.optel.configit.harness.ChildOutput;

/**
 * Service C of the distributed trace: an application with the OpenTelemetry SDK, configured by
 * {@code OTEL_*} variables ({@link TelemetryConfig#configure()}), serving four contexts through
 * {@link TracedHttp#handler}: {@code /ok} answers 200, {@code /missing} 404, {@code /busy} 503, and
 * {@code /boom} throws {@link IllegalStateException} without answering. Serves until its standard
 * input closes.
 */
public final class ServiceC {
  private ServiceC() {}

  /** Runs the service. */
  public static void main(String[] args) throws Exception {
    ChildOutput.report("configured", TelemetryConfig.configure());
    HttpServer server = Services.loopbackServer();
    server.createContext(
        "/ok", TracedHttp.handler(exchange -> Services.respond(exchange, 200, "ok")));
    server.createContext(
        "/missing", TracedHttp.handler(exchange -> Services.respond(exchange, 404, "missing")));
    server.createContext(
        "/busy", TracedHttp.handler(exchange -> Services.respond(exchange, 503, "busy")));
    server.createContext(
        "/boom",
        TracedHttp.handler(
            exchange -> {
              throw new IllegalStateException("boom");
            }));
    Services.serveUntilStdinCloses(server, TelemetryConfig::shutdown);
  }
}
