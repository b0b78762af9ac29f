package dev.optel.demo;

import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's synchronous usage example (section 3.4) as a Java program: a "library" class that
 * only knows optel, run by an "application" that has the OpenTelemetry SDK and Logback.
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

    // The application's view: it installs its own OpenTelemetry SDK after the library loaded.
    SpanPrinter printer = new SpanPrinter(System.out);
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(printer)).build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).buildAndRegisterGlobal();

    System.out.println("optel demo: OpenTelemetry found = " + Telemetry.hasOpenTelemetry()
        + ", SLF4J structured logging found = " + Telemetry.hasStructuredLogging());
    System.out.println();
    System.out.println("== process_data([1, 2, 3]) ==");
    List<Integer> result = library.processData(List.of(1, 2, 3));
    System.out.println("returned " + result);
    System.out.println();
    System.out.println("== process_data([]) fails ==");
    try {
      library.processData(List.of());
    } catch (IllegalArgumentException expected) {
      System.out.println("caught the library's own exception unchanged: " + expected);
    }
    ProcessItems.run();
    sdk.close();
    System.out.println();
    System.out.println("Finished spans, as the SDK exported them:");
    printer.printTree();
  }

  /** What a library author writes: the seed's {@code process_data}. */
  static final class DataProcessor {
    private static final Telemetry TELEMETRY = Telemetry.get("dev.optel.demo.processor");
    private static final TracingFacade TRACER = TELEMETRY.tracer();
    private static final LoggingFacade LOG = TELEMETRY.logger();

    List<Integer> processData(List<Integer> data) throws Exception {
      LOG.info("processing_data", "data_size", data.size());
      return TRACER.inSpan("process_data", Map.of("data_size", data.size()), (Span span) -> {
        try {
          List<Integer> result = performProcessing(data);
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
