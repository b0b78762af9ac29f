package dev.optel.tests;

import dev.optel.LogContext;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;

/** A fresh JVM's first use of optel, run by {@link FirstUseTest}. */
@SuppressWarnings("try") // scopes opened only for their effect on the context
public final class ChildMain {
  private ChildMain() {}

  /**
   * Uses every entry point once and prints what was detected.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Telemetry telemetry = Telemetry.get("dev.optel.tests.child");
    LoggingFacade log = telemetry.logger();
    try (Span span = telemetry.tracer().startAsCurrentSpan("child.span");
        LogContext.Scope scope = LogContext.bind("child", true)) {
      log.info("child_event", "k", 1);
      span.setAttribute("k", 1L);
    }
    System.out.println(
        "otel=" + Telemetry.hasOpenTelemetry() + " slf4j=" + Telemetry.hasStructuredLogging());
  }
}
