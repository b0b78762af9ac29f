package dev.optel.jpmsapp;

import dev.optel.LogContext;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.SpanCallable;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import java.util.Map;

/** Uses every entry point once and prints one {@code key=value} line per fact for the test. */
public final class App {
  private App() {}

  /**
   * Runs the application.
   *
   * @param args unused
   * @throws Exception never, unless optel breaks its promise
   */
  @SuppressWarnings("try") // the LogContext scope is opened only for its effect on the events
  public static void main(String[] args) throws Exception {
    Telemetry telemetry = Telemetry.get(App.class);
    TracingFacade tracer = telemetry.tracer();
    LoggingFacade log = telemetry.logger();
    String result;
    try (Span span = tracer.startAsCurrentSpan("jpms.span", Map.of("k", 1));
        LogContext.Scope scope = LogContext.bind("module", "dev.optel.jpmsapp")) {
      log.info("jpms_event", "k", 1, "span", span.spanId());
      result =
          tracer.inSpan("jpms.inner", (SpanCallable<String, RuntimeException>) inner -> "ok-value");
    }
    IllegalStateException boom = new IllegalStateException("boom");
    Throwable caught = null;
    try {
      tracer.inSpan(
          "jpms.fails",
          (SpanCallable<String, RuntimeException>)
              inner -> {
                throw boom;
              });
    } catch (IllegalStateException e) {
      caught = e;
    }
    System.out.println("module=" + Telemetry.class.getModule().getName());
    System.out.println("app.module=" + App.class.getModule().getName());
    System.out.println("otel=" + Telemetry.hasOpenTelemetry());
    System.out.println("slf4j=" + Telemetry.hasStructuredLogging());
    System.out.println("noopTracer=" + (tracer == TracingFacade.noop()));
    System.out.println("noopLogger=" + (log == LoggingFacade.noop()));
    System.out.println("noopSpan=" + (tracer.startSpan("s") == Span.noop()));
    System.out.println("result=" + result);
    System.out.println("sameException=" + (caught == boom));
    // optel requires the JDK's HTTP modules statically: they are not in this module graph.
    System.out.println(
        "httpModules="
            + ModuleLayer.boot().findModule("java.net.http").isPresent()
            + ","
            + ModuleLayer.boot().findModule("jdk.httpserver").isPresent());
  }
}
