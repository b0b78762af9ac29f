package example;

import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.TracingFacade;
import java.util.List;

/**
 * An application that uses optel the way README.md says, from the installed artifacts only. It
 * exits non-zero when something the dependencies should bring is missing; .ci/run also checks
 * the JSON log line it prints.
 */
public final class App {
  private static final Telemetry TELEMETRY = Telemetry.get(App.class);
  private static final TracingFacade TRACER = TELEMETRY.tracer();
  private static final LoggingFacade LOG = TELEMETRY.logger();

  private App() {}

  public static void main(String[] args) {
    check(Telemetry.hasOpenTelemetry(), "optel-otlp brings the OpenTelemetry API");
    check(Telemetry.hasStructuredLogging(), "SLF4J 2 with Logback is detected");

    // otlp is in place only when optel-otlp brought opentelemetry-exporter-otlp. No span is
    // started under this setup, so nothing is sent to a collector that is not there.
    check(TelemetryConfig.builder().traceExporters(List.of("otlp")).configure(),
        "configure() with the otlp exporter returns true");
    TelemetryConfig.shutdown();

    check(TelemetryConfig.builder().serviceName("optel-consumer")
        .traceExporters(List.of("console")).configure(),
        "configure() with the console exporter returns true");
    try (Span span = TRACER.startAsCurrentSpan("consumer.run")) {
      check(span.isRecording(), "spans are recorded by the SDK");
      LOG.info("consumer_ran", "answer", 42);
    }
    TelemetryConfig.shutdown();
    System.out.println("consumer: OK");
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      System.err.println("consumer: FAILED: " + what);
      System.exit(1);
    }
  }
}
