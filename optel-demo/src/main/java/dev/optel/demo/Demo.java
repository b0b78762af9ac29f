package dev.optel.demo;

import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.TracingFacade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's synchronous usage example (section 3.4) as a Java program: a "library" class that only
 * knows optel, run by an "application" that configures telemetry with {@link TelemetryConfig}.
 *
 * <p>Spans go to the {@code console} exporter (a tree per trace) unless {@code
 * OTEL_TRACES_EXPORTER} (or {@code -Dotel.traces.exporter}) names others, for example {@code
 * zipkin} or {@code otlp}; metrics to the {@code console} table, printed at shutdown, unless {@code
 * OTEL_METRICS_EXPORTER} names others. Standard output carries only the JSON log lines ({@code demo
 * | jq} works); the trees and the demo's own explanations go to standard error.
 */
public final class Demo {

  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args ignored
   * @throws Exception never, in practice
   */
  public static void main(String[] args) throws Exception {
    // The library's view: nothing but optel. It may be created before the SDK exists.
    DataProcessor library = new DataProcessor();

    // The application's view: it configures telemetry after the library loaded. The demo prints
    // spans on the console unless the environment asks for other exporters.
    TelemetryConfig.Builder config = TelemetryConfig.builder().serviceName("optel-demo");
    if (System.getenv("OTEL_TRACES_EXPORTER") == null
        && System.getProperty("otel.traces.exporter") == null) {
      config.traceExporters(List.of("console"));
    }
    // Metrics too: a table on standard error at shutdown (and every minute, for a longer run).
    if (System.getenv("OTEL_METRICS_EXPORTER") == null
        && System.getProperty("otel.metrics.exporter") == null) {
      config.metricExporters(List.of("console"));
    }
    boolean tracing = config.configure();

    say(
        "optel demo: OpenTelemetry found = "
            + Telemetry.hasOpenTelemetry()
            + ", SLF4J structured logging found = "
            + Telemetry.hasStructuredLogging()
            + ", tracing configured = "
            + tracing);
    say("");
    say("== process_data([1, 2, 3]) ==");
    List<Integer> result = library.processData(List.of(1, 2, 3));
    say("returned " + result);
    say("");
    say("== process_data([]) fails ==");
    try {
      library.processData(List.of());
    } catch (IllegalArgumentException expected) {
      say("caught the library's own exception unchanged: " + expected);
    }
    ProcessItems.run();
    OrderService.run();
    // Flushes every exporter; the JVM's shutdown hook would do it too.
    TelemetryConfig.shutdown();
  }

  /** Prints the demo's own text on standard error, beside the trees: stdout is JSON lines only. */
  static void say(String text) {
    System.err.println(text);
  }

  /** What a library author writes: the seed's {@code process_data}. */
  static final class DataProcessor {
    private static final Telemetry TELEMETRY = Telemetry.get("dev.optel.demo.processor");
    private static final TracingFacade TRACER = TELEMETRY.tracer();
    private static final LoggingFacade LOG = TELEMETRY.logger();

    List<Integer> processData(List<Integer> data) throws Exception {
      LOG.info("processing_data", "data_size", data.size());
      return TRACER.inSpan(
          "process_data",
          Map.of("data_size", data.size()),
          (Span span) -> {
            try {
              List<Integer> result =
                  TRACER.inSpan(
                      "perform_processing",
                      Map.of("items", data.size()),
                      (Span inner) -> performProcessing(data));
              span.setAttribute("result_size", result.size());
              LOG.info("processing_complete", "result_size", result.size());
              return result;
            } catch (IllegalArgumentException e) {
              // inSpan records the exception and sets ERROR; the log event carries the span's ids.
              LOG.error("processing_failed", "error", e.getMessage());
              throw e;
            }
          });
    }

    private static List<Integer> performProcessing(List<Integer> data) {
      if (data.isEmpty()) {
        throw new IllegalArgumentException("nothing to process");
      }
      List<Integer> out = new ArrayList<>();
      for (int d : data) {
        out.add(d * d);
      }
      return out;
    }
  }
}
