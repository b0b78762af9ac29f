package dev.optel.configit.apps;

import dev.optel.LogContext;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.configit.harness.ChildOutput;
import java.util.List;

/**
 * An application configured by {@code OTEL_*} variables that logs inside a span: one {@code info}
 * event with fields of each type (a call field, a bound one, a {@code LogContext} one), one {@code
 * critical} event with an exception, and a {@code debug} event below the level. It reports the
 * span's ids, shuts telemetry down and halts without shutdown hooks: what {@code shutdown()} did
 * not export is lost.
 */
public final class LogApp {
  private LogApp() {}

  /** Runs the application. */
  public static void main(String[] args) {
    int exit = 0;
    try {
      ChildOutput.report("configured", TelemetryConfig.configure());
      LoggingFacade log = Telemetry.get("it.logs").logger().bind("tenant", "acme");
      try (AutoCloseable request = LogContext.bind("request.id", 42L);
          Span span = Telemetry.get("it.logs").tracer().startAsCurrentSpan("handle")) {
        ChildOutput.report("traceId", span.traceId());
        ChildOutput.report("spanId", span.spanId());
        log.debug("below_level", "n", 1);
        log.info(
            "order_placed", "count", 3, "price", 9.5, "express", true, "tags", List.of("a", "b"));
        log.critical("disk_full", "path", "/data", new IllegalStateException("disk gone"));
      }
      TelemetryConfig.shutdown();
    } catch (Throwable t) {
      ChildOutput.report("escaped", t);
      t.printStackTrace();
      exit = 1;
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(exit);
  }
}
