package dev.optel.configit.apps;

import dev.optel.LogContext;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.configit.harness.ChildOutput;
import java.util.List;
import java.util.Map;

/**
 * An application configured by {@code OTEL_*} variables that logs inside a span: one {@code info}
 * event with fields of each type (a call field, a bound one, a {@code LogContext} one), a {@code
 * warning}, an {@code error}, one {@code critical} event with an exception, and a {@code debug}
 * event below the level; then one {@code info} event outside the span and the {@code LogContext}.
 * It reports the span's ids, shuts telemetry down and halts without shutdown hooks: what {@code
 * shutdown()} did not export is lost. When any {@code builder.*} argument is given ({@code
 * builder.traceExporters}, {@code builder.logExporters}, {@code builder.otlpEndpoint}, {@code
 * builder.otlpProtocol}, {@code builder.service}), the builder configures it instead of the
 * variables.
 */
public final class LogApp {
  private LogApp() {}

  /** Runs the application. */
  public static void main(String[] args) {
    Map<String, String> options = ChildOutput.options(args);
    ChildOutput.runAndHalt(
        () -> {
          ChildOutput.report("configured", configure(options));
          LoggingFacade log = Telemetry.get("it.logs").logger().bind("tenant", "acme");
          try (AutoCloseable request = LogContext.bind("request.id", 42L);
              Span span = Telemetry.get("it.logs").tracer().startAsCurrentSpan("handle")) {
            ChildOutput.report("traceId", span.traceId());
            ChildOutput.report("spanId", span.spanId());
            log.debug("below_level", "n", 1);
            log.info(
                "order_placed",
                "count",
                3,
                "price",
                9.5,
                "express",
                true,
                "tags",
                List.of("a", "b"));
            log.warning("cache_stale", "age.ms", 1500L);
            log.error("payment_failed", "code", "E42");
            log.critical("disk_full", "path", "/data", new IllegalStateException("disk gone"));
          }
          log.info("idle");
          TelemetryConfig.shutdown();
        });
  }

  private static boolean configure(Map<String, String> options) {
    if (options.isEmpty()) {
      return TelemetryConfig.configure();
    }
    TelemetryConfig.Builder builder = TelemetryConfig.builder();
    options.forEach(
        (key, value) -> {
          switch (key) {
            case "builder.traceExporters" -> builder.traceExporters(List.of(value.split(",")));
            case "builder.logExporters" -> builder.logExporters(List.of(value.split(",")));
            case "builder.otlpEndpoint" -> builder.otlpEndpoint(value);
            case "builder.otlpProtocol" -> builder.otlpProtocol(value);
            case "builder.service" -> builder.serviceName(value);
            default -> throw new IllegalArgumentException(key);
          }
        });
    return builder.configure();
  }
}
