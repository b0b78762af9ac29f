package dev.optel.configit.apps;

import com.sun.net.httpserver.HttpServer;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.TracedHttp;
import dev.optel.configit.harness.ChildOutput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Service B of the distributed trace: started without OpenTelemetry on its class path (SLF4J and
 * Logback only, so {@link TelemetryConfig#configure()} turns on the JSON log lines and nothing
 * else). {@code /forward} runs through {@link TracedHttp#handler}, opens a span (a no-op here),
 * logs {@code b_forwarding} and {@code b_forwarded}, reports the span's ids as {@code b.spanIds}
 * ({@code traceId-spanId}), and calls {@code args[0]} through {@link TracedHttp#client}, answering
 * with what it got. Serves until its standard input closes.
 */
public final class ServiceB {
  private static final Telemetry TELEMETRY = Telemetry.get(ServiceB.class);
  private static final LoggingFacade LOG = TELEMETRY.logger();

  private ServiceB() {}

  /** Runs the service; {@code args[0]} is the URL it forwards to. */
  public static void main(String[] args) throws Exception {
    ChildOutput.report(
        "openTelemetry", present("io.opentelemetry.api.trace.Span") ? "present" : "absent");
    ChildOutput.report("configured", TelemetryConfig.configure());
    URI downstream = URI.create(args[0]);
    HttpClient client =
        TracedHttp.client(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    HttpServer server = Services.loopbackServer();
    server.createContext(
        "/forward",
        TracedHttp.handler(
            exchange -> {
              try (Span span = TELEMETRY.tracer().startAsCurrentSpan("b.forward")) {
                ChildOutput.report("b.spanIds", span.traceId() + "-" + span.spanId());
                LOG.info("b_forwarding", "downstream", downstream.toString());
                HttpResponse<String> response =
                    client.send(
                        HttpRequest.newBuilder(downstream)
                            .timeout(Duration.ofSeconds(20))
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                LOG.info("b_forwarded", "status", response.statusCode());
                Services.respond(exchange, response.statusCode(), response.body());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Services.respond(exchange, 500, "interrupted");
              }
            }));
    Services.serveUntilStdinCloses(server, () -> {});
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ServiceB.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
