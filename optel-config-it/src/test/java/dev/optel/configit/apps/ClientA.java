package dev.optel.configit.apps;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.TracedHttp;
import dev.optel.TracingFacade;
import dev.optel.configit.harness.ChildOutput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Client A of the distributed trace: an application with the OpenTelemetry SDK, configured by
 * {@code OTEL_*} variables. Each argument {@code name=url} is one GET through {@link
 * TracedHttp#client}, inside a root span {@code a.name} of its own trace; it reports {@code
 * trace.name} (the trace id), then {@code status.name} (the response status) or {@code
 * failure.name} (the class of the exception {@code send} threw). Then it shuts telemetry down, so
 * that every span has been sent when it exits.
 */
public final class ClientA {
  private static final TracingFacade TRACER = Telemetry.get(ClientA.class).tracer();

  private ClientA() {}

  /** Runs the calls; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    ChildOutput.report("configured", TelemetryConfig.configure());
    HttpClient client =
        TracedHttp.client(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    for (String arg : args) {
      String name = arg.substring(0, arg.indexOf('='));
      URI url = URI.create(arg.substring(name.length() + 1));
      try (Span root = TRACER.startAsCurrentSpan("a." + name)) {
        ChildOutput.report("trace." + name, root.traceId());
        try {
          HttpResponse<String> response =
              client.send(
                  HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
          ChildOutput.report("status." + name, response.statusCode());
        } catch (IOException e) {
          ChildOutput.report("failure." + name, e.getClass().getName());
        }
      }
    }
    TelemetryConfig.shutdown();
    ChildOutput.report("done", true);
    System.exit(0);
  }
}
