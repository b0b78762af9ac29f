package dev.optel.bench;

import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Class path "logexport": an enabled log event written as a JSON line (Logback as in {@link
 * LogBench}: {@code JsonEncoder} to a discarding stream) and, in {@link #optelJsonAndOtlp}, also
 * exported as an OpenTelemetry log record, against the same event to JSON lines only ({@link
 * #optelJsonOnly}, the anchor).
 *
 * <p>Both configure optel the way an application does, {@code TelemetryConfig} with the SDK it
 * builds (traces and metrics exporter {@code none}), so both JVMs have the same SDK and the same
 * event path up to the export; only {@code logExporters} differs: {@code none} or {@code otlp}. The
 * records go through the SDK's batch processor (its defaults) and the real OTLP exporter ({@code
 * http/protobuf}) to a receiver on 127.0.0.1 in this JVM ({@link SpanReceiver}), which decodes and
 * counts them. That is the path an application with {@code OTEL_LOGS_EXPORTER=otlp} has; a
 * discarding exporter would cost the caller the same (the caller only builds the record and hands
 * it to the processor's queue) but is not something {@code TelemetryConfig} can be asked for. The
 * exporter's and receiver's threads are not counted in the CPU time per event (see the README's
 * "Reading the table"). The tear-down checks that records arrived.
 *
 * <p>JMH runs each benchmark in a JVM of its own, so each sets up its configuration in {@link
 * #setUp}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LogExportBench {
  private static final LoggingFacade LOG = Telemetry.get("dev.optel.bench").logger();

  private SpanReceiver receiver;
  private boolean exporting;

  /** Boxed once, as in {@link LogBench}. */
  private Object orderId;

  private String user;

  /**
   * Configures Logback, then optel with or without the logs exporter; fails the run on the wrong
   * class path or when the configuration did not take.
   *
   * @param params tells which benchmark this JVM runs
   * @throws IOException when the receiver cannot start
   */
  @Setup
  public void setUp(BenchmarkParams params) throws IOException {
    Scenario.require("logexport", Telemetry.hasStructuredLogging() && Telemetry.hasOpenTelemetry());
    LogBench.jsonToNullStream();
    exporting = params.getBenchmark().endsWith(".optelJsonAndOtlp");
    receiver = SpanReceiver.start();
    boolean configured =
        TelemetryConfig.builder()
            .serviceName("optel-bench")
            .traceExporters(List.of("none"))
            .metricExporters(List.of("none"))
            .logExporters(exporting ? List.of("otlp") : List.of())
            .otlpEndpoint("http://127.0.0.1:" + receiver.port())
            .otlpProtocol("http/protobuf")
            .configure();
    if (!configured) {
      throw new IllegalStateException("TelemetryConfig did not install its SDK");
    }
    orderId = 12345L;
    user = "alice";
  }

  /** Flushes the SDK, then checks that log records arrived when exporting and none otherwise. */
  @TearDown
  public void tearDown() {
    TelemetryConfig.shutdown();
    long received = receiver.logRecords();
    receiver.close();
    if (exporting ? received == 0 : received != 0) {
      throw new IllegalStateException(
          "the receiver got " + received + " log records; exporting: " + exporting);
    }
  }

  /** Anchor: the event to JSON lines only (logs exporter {@code none}). */
  @Benchmark
  public void optelJsonOnly() {
    LOG.info("order_placed", "order_id", orderId, "user", user);
  }

  /** The same event, also exported as an OpenTelemetry log record over OTLP. */
  @Benchmark
  public void optelJsonAndOtlp() {
    LOG.info("order_placed", "order_id", orderId, "user", user);
  }
}
