package dev.optel.configit.apps;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.TracingFacade;
import dev.optel.configit.harness.ChildOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An application configured by {@code OTEL_*} variables ({@link TelemetryConfig#configure()}) or,
 * when any {@code builder.*} argument is given, by the builder. It creates {@code traces} traces of
 * one root span with {@code children} child spans each (every third child has a grandchild), then
 * shuts telemetry down and halts the JVM <em>without</em> running shutdown hooks: whatever {@code
 * shutdown()} did not export is lost, which is what the tests check. With {@code exit=hook} it
 * calls neither: it exits normally ({@code System.exit(0)}), so that optel's JVM shutdown hook
 * flushes.
 *
 * <p>Arguments are {@code key=value}: {@code traces}, {@code children}, {@code work} (iterations of
 * computation per span), {@code builder.service}, {@code builder.exporter}, {@code
 * builder.otlpEndpoint}, {@code builder.otlpProtocol}, {@code builder.zipkinEndpoint}, {@code
 * builder.timeoutMs}, {@code builder.attr.NAME}, {@code exit}; with {@code warmup=true} the traces
 * are created twice and only the second round is measured and reported.
 */
public final class TraceApp {
  private TraceApp() {}

  /** Runs the application; see the class comment for the arguments. */
  public static void main(String[] args) {
    Map<String, String> options = ChildOutput.options(args);
    ChildOutput.runAndHalt(
        () -> {
          long start = System.nanoTime();
          boolean tracing = configure(options);
          ChildOutput.report("configure.ms", millisSince(start));
          ChildOutput.report("configured", tracing);

          int traces = Integer.parseInt(options.getOrDefault("traces", "1"));
          int children = Integer.parseInt(options.getOrDefault("children", "3"));
          int work = Integer.parseInt(options.getOrDefault("work", "0"));
          if (options.containsKey("warmup")) {
            // Same work once before measuring: the measured round compares steady states, not JIT.
            trace(traces, children, work);
          }
          start = System.nanoTime();
          List<String> traceIds = trace(traces, children, work);
          ChildOutput.report("work.ms", millisSince(start));
          ChildOutput.report("traceIds", String.join(",", traceIds));
          ChildOutput.reportLeaving();
          if ("hook".equals(options.get("exit"))) {
            System.out.flush();
            System.exit(0);
          }

          start = System.nanoTime();
          TelemetryConfig.shutdown();
          ChildOutput.report("shutdown.ms", millisSince(start));
        });
  }

  private static boolean configure(Map<String, String> options) {
    if (options.keySet().stream().noneMatch(k -> k.startsWith("builder."))) {
      return TelemetryConfig.configure();
    }
    TelemetryConfig.Builder builder = TelemetryConfig.builder();
    Map<String, String> attributes = new HashMap<>();
    options.forEach(
        (key, value) -> {
          switch (key) {
            case "builder.service" -> builder.serviceName(value);
            case "builder.exporter" -> builder.traceExporters(List.of(value.split(",")));
            case "builder.otlpEndpoint" -> builder.otlpEndpoint(value);
            case "builder.otlpProtocol" -> builder.otlpProtocol(value);
            case "builder.zipkinEndpoint" -> builder.zipkinEndpoint(value);
            case "builder.timeoutMs" ->
                builder.exporterTimeout(Duration.ofMillis(Long.parseLong(value)));
            default -> {
              if (key.startsWith("builder.attr.")) {
                attributes.put(key.substring("builder.attr.".length()), value);
              }
            }
          }
        });
    if (!attributes.isEmpty()) {
      builder.resourceAttributes(attributes);
    }
    return builder.configure();
  }

  private static List<String> trace(int traces, int children, int work) throws Exception {
    TracingFacade tracer = Telemetry.get(TraceApp.class).tracer();
    List<String> traceIds = new ArrayList<>();
    long sink = 0;
    for (int t = 0; t < traces; t++) {
      try (Span root = tracer.startAsCurrentSpan("root", Map.of("trace.index", (long) t))) {
        traceIds.add(root.traceId());
        for (int c = 0; c < children; c++) {
          final int index = c;
          sink +=
              tracer.inSpan(
                  "child",
                  Map.of("child.index", (long) c),
                  (Span child) -> {
                    long value = compute(work, index);
                    if (index % 3 == 0) {
                      try (Span grandchild = tracer.startSpan("grandchild")) {
                        grandchild.setAttribute("value", value);
                      }
                    }
                    return value;
                  });
        }
      }
    }
    ChildOutput.report("sink", sink);
    return traceIds;
  }

  /** Some of the application's own work, so that its duration means something. */
  private static long compute(int iterations, int seed) {
    long x = seed;
    for (int i = 0; i < iterations; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      x ^= x >>> 29;
    }
    return x;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
