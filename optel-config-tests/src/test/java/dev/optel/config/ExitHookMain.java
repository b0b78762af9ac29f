package dev.optel.config;

import dev.optel.Span;
import dev.optel.TelemetryConfig;
import java.util.List;

/** Child JVM of {@link ExitHookTest}: ends spans and returns without calling shutdown(). */
public final class ExitHookMain {
  private ExitHookMain() {}

  /**
   * Configures the zipkin exporter, ends two spans and exits.
   *
   * @param args the Zipkin endpoint
   */
  public static void main(String[] args) {
    TelemetryConfig.builder()
        .serviceName("exit-hook")
        .zipkinEndpoint(args[0])
        .traceExporters(List.of("zipkin"))
        .property("otel.bsp.schedule.delay", "60000")
        .configure();
    try (Span parent = Spans.TRACER.startAsCurrentSpan("exit-parent")) {
      parent.setAttribute("role", "parent");
      try (Span child = Spans.TRACER.startAsCurrentSpan("exit-child")) {
        child.setAttribute("n", 1);
      }
    }
    System.exit(0);
  }
}
