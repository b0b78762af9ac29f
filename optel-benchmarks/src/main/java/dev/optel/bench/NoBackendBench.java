package dev.optel.bench;

import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Class path "none": neither OpenTelemetry nor SLF4J. optel's calls against JMH's call floor (an
 * empty benchmark method).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NoBackendBench {
  // Static final, the way libraries hold them (see LogBench).
  private static final TracingFacade TRACER = Telemetry.get("dev.optel.bench").tracer();
  private static final LoggingFacade LOG = Telemetry.get("dev.optel.bench").logger();

  /** The facade in an instance field (see LogBench). */
  private LoggingFacade log;

  private Object orderId;
  private String user;

  /** Boxed at each call (see LogBench.orderNumber). */
  private long orderNumber;

  private int items;
  private double amount;

  /** Fails the run when the class path is not the one this scenario is about. */
  @Setup
  public void setUp() {
    Scenario.require("none", !Telemetry.hasOpenTelemetry() && !Telemetry.hasStructuredLogging());
    log = LOG;
    orderId = 12345L;
    user = "alice";
    orderNumber = 12345L;
    items = 1000;
    amount = 12.5;
  }

  /** The floor: an empty benchmark method. */
  @Benchmark
  public void floor() {
    // intentionally empty
  }

  /** Start a span, make it current, set one attribute, end it. */
  @Benchmark
  public void optelSpan() {
    try (Span span = TRACER.startAsCurrentSpan("bench.span")) {
      span.setAttribute("k", "v");
    }
  }

  /** An info event with two fields. */
  @Benchmark
  public void optelLog() {
    LOG.info("order_placed", "order_id", orderId, "user", user);
  }

  /** A debug event with one field boxed at the call (see LogBench.orderNumber). */
  @Benchmark
  public void optelLogBoxing() {
    LOG.debug("order_placed", "order_id", orderNumber);
  }

  /** A debug event with one field, the facade in an instance field. */
  @Benchmark
  public void optelLogInstance1() {
    log.debug("order_placed", "order_id", orderId);
  }

  /** A debug event with two fields, the facade in an instance field. */
  @Benchmark
  public void optelLogInstance2() {
    log.debug("order_placed", "order_id", orderId, "user", user);
  }

  /** A debug event with one field boxed at the call, the facade in an instance field. */
  @Benchmark
  public void optelLogInstanceBoxing() {
    log.debug("order_placed", "order_id", orderNumber);
  }

  /** The fluent form with the {@code long} unboxed (see LogBench.optelFluentDisabled). */
  @Benchmark
  public void optelFluentLog() {
    LOG.atDebug().field("order_id", orderNumber).log("order_placed");
  }

  /** The fluent form with the {@code long} unboxed, the facade in an instance field. */
  @Benchmark
  public void optelFluentLogInstance() {
    log.atDebug().field("order_id", orderNumber).log("order_placed");
  }

  /** The fluent form with an {@code int} and a {@code double}, the facade in an instance field. */
  @Benchmark
  public void optelFluentLogInstancePrimitives() {
    log.atDebug().field("items", items).field("amount", amount).log("order_placed");
  }
}
