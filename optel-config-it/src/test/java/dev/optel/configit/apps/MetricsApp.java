package dev.optel.configit.apps;

import dev.optel.Counter;
import dev.optel.Histogram;
import dev.optel.MeterFacade;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.UpDownCounter;
import dev.optel.configit.harness.ChildOutput;
import java.util.List;
import java.util.Map;

/**
 * An application configured by {@code OTEL_*} variables or, when any {@code builder.*} argument is
 * given ({@code builder.metricExporters}, {@code builder.otlpEndpoint}, {@code
 * builder.otlpProtocol}, {@code builder.service}), by the builder. It records {@link
 * #record(MeterFacade) the metrics the tests expect} through {@code Telemetry.meter()}, shuts
 * telemetry down and halts without shutdown hooks: what {@code shutdown()} did not export is lost.
 */
public final class MetricsApp {
  private MetricsApp() {}

  /** Runs the application; see the class comment for the arguments. */
  public static void main(String[] args) {
    Map<String, String> options = ChildOutput.options(args);
    ChildOutput.runAndHalt(
        () -> {
          ChildOutput.report("configured", configure(options));
          // Open until the end: shutdown() reads the gauge for the last export.
          MeterFacade.Registration gauge = record(Telemetry.get("it.metrics").meter());
          TelemetryConfig.shutdown();
          gauge.close();
        });
  }

  private static boolean configure(Map<String, String> options) {
    if (options.keySet().stream().noneMatch(k -> k.startsWith("builder."))) {
      return TelemetryConfig.configure();
    }
    TelemetryConfig.Builder builder = TelemetryConfig.builder().traceExporters(List.of("none"));
    options.forEach(
        (key, value) -> {
          switch (key) {
            case "builder.metricExporters" -> builder.metricExporters(List.of(value.split(",")));
            case "builder.otlpEndpoint" -> builder.otlpEndpoint(value);
            case "builder.otlpProtocol" -> builder.otlpProtocol(value);
            case "builder.service" -> builder.serviceName(value);
            default -> throw new IllegalArgumentException(key);
          }
        });
    return builder.configure();
  }

  /**
   * Records one of each instrument, with attributes of each type:
   *
   * <ul>
   *   <li>counter {@code it.orders} ({@code {order}}, "Orders placed"): 5 with {@code region=eu,
   *       express=true}; bound to {@code region=us, express=false}, 3;
   *   <li>up-down counter {@code it.inflight} ({@code {request}}, "Requests in flight"): 3 with
   *       {@code shard=7} (a long);
   *   <li>histogram {@code it.duration} ({@code s}, "Handling time"): 0.5, 2.0 and 7.5 with {@code
   *       weight=1.5} (a double);
   *   <li>gauge {@code it.queue.size} ({@code {item}}, "Queued items"): 42.5.
   * </ul>
   *
   * @return the gauge's registration, for the caller to close once metrics were exported
   */
  public static MeterFacade.Registration record(MeterFacade meter) {
    Counter orders = meter.counter("it.orders", "{order}", "Orders placed");
    orders.add(2, "region", "eu", "express", true);
    orders.add(3, "region", "eu", "express", true);
    Counter us = orders.bind("region", "us", "express", false);
    for (int i = 0; i < 3; i++) {
      us.add(1);
    }
    UpDownCounter inflight = meter.upDownCounter("it.inflight", "{request}", "Requests in flight");
    inflight.add(5, "shard", 7L);
    inflight.add(-2, "shard", 7L);
    Histogram duration = meter.histogram("it.duration", "s", "Handling time");
    for (double seconds : new double[] {0.5, 2.0, 7.5}) {
      duration.record(seconds, "weight", 1.5);
    }
    return meter.gauge("it.queue.size", "{item}", "Queued items", () -> 42.5);
  }
}
