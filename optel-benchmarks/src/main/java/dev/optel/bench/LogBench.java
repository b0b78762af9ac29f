package dev.optel.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import java.io.OutputStream;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class path "log": SLF4J with Logback, no OpenTelemetry. One Logback appender (Logback's {@link
 * JsonEncoder} writing to a discarding stream) serves optel and the SLF4J fluent API alike; the
 * root level is INFO, so DEBUG events are disabled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LogBench {
  private static final String NAME = "dev.optel.bench";

  // Static final, the way libraries hold both (SLF4J's own advice; optel's README): the JIT then
  // knows the receivers, on both sides alike. Logback is configured in setUp(), before any event.
  private static final Logger SLF4J = LoggerFactory.getLogger(NAME);
  private static final LoggingFacade LOG = Telemetry.get(NAME).logger();

  // The same two held in instance fields of the benchmark state, the way dependency injection and
  // most application code hold loggers: the JIT must then reach the logger through a field load
  // and inline the call on its type profile alone (issue 12).
  private Logger slf4j;
  private LoggingFacade log;

  /** Boxed once, so that neither side pays for boxing. */
  private Object orderId;

  private String user;

  /**
   * Boxed at each call (outside Long's cache), as when a caller passes a primitive. SLF4J's fluent
   * call boxes after its level check; optel's call boxes before it, so the JIT can drop the box of
   * a disabled call only if it can rebuild it at each deoptimisation point of the inlined check
   * (the receiver's null and type checks, the backend's branches). JDK 22+ can (C2's
   * ReduceAllocationMerges); JDK 17 cannot, because Long.valueOf merges a cached and a new box (see
   * optel-benchmarks/README.md). The {@code optelFluent...} benchmarks pass the same value to
   * {@code field(String, long)}, which boxes nothing.
   */
  private long orderNumber;

  /** Primitives of other types, passed to the fluent form (outside the box caches). */
  private int items;

  private double amount;

  /** Configures Logback; fails the run on the wrong class path. */
  @Setup
  public void setUp() {
    jsonToNullStream();
    Scenario.require("log", Telemetry.hasStructuredLogging() && !Telemetry.hasOpenTelemetry());
    slf4j = SLF4J;
    log = LOG;
    orderId = 12345L;
    user = "alice";
    orderNumber = 12345L;
    items = 1000;
    amount = 12.5;
  }

  /**
   * Configures Logback as the application would: one appender, Logback's {@link JsonEncoder}
   * writing to a discarding stream, root level INFO. Also used by {@link LogExportBench}.
   */
  static void jsonToNullStream() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("json-discarding");
    appender.setEncoder(encoder);
    appender.setOutputStream(OutputStream.nullOutputStream());
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
  }

  /** Anchor: a disabled (DEBUG) event through the SLF4J fluent API. */
  @Benchmark
  public void slf4jDisabled() {
    SLF4J
        .atDebug()
        .setMessage("order_placed")
        .addKeyValue("order_id", orderId)
        .addKeyValue("user", user)
        .log();
  }

  /** A disabled (DEBUG) optel event. */
  @Benchmark
  public void optelDisabled() {
    LOG.debug("order_placed", "order_id", orderId, "user", user);
  }

  /** A disabled optel event with one field boxed at the call (see {@link #orderNumber}). */
  @Benchmark
  public void optelDisabledBoxing() {
    LOG.debug("order_placed", "order_id", orderNumber);
  }

  /** Anchor: a disabled event with one field, the logger in an instance field. */
  @Benchmark
  public void slf4jDisabledInstance1() {
    slf4j.atDebug().setMessage("order_placed").addKeyValue("order_id", orderId).log();
  }

  /** A disabled optel event with one field, the facade in an instance field. */
  @Benchmark
  public void optelDisabledInstance1() {
    log.debug("order_placed", "order_id", orderId);
  }

  /** Anchor: a disabled event with two fields, the logger in an instance field. */
  @Benchmark
  public void slf4jDisabledInstance2() {
    slf4j
        .atDebug()
        .setMessage("order_placed")
        .addKeyValue("order_id", orderId)
        .addKeyValue("user", user)
        .log();
  }

  /** A disabled optel event with two fields, the facade in an instance field. */
  @Benchmark
  public void optelDisabledInstance2() {
    log.debug("order_placed", "order_id", orderId, "user", user);
  }

  /** Anchor: a disabled event with one field boxed at the call, the logger in an instance field. */
  @Benchmark
  public void slf4jDisabledInstanceBoxing() {
    slf4j.atDebug().setMessage("order_placed").addKeyValue("order_id", orderNumber).log();
  }

  /** A disabled optel event with one field boxed at the call, the facade in an instance field. */
  @Benchmark
  public void optelDisabledInstanceBoxing() {
    log.debug("order_placed", "order_id", orderNumber);
  }

  /**
   * The fluent form with the {@code long} of {@link #optelDisabledBoxing}: {@code field(String,
   * long)} takes it unboxed, and the disabled {@code atDebug()} returns a shared constant.
   */
  @Benchmark
  public void optelFluentDisabled() {
    LOG.atDebug().field("order_id", orderNumber).log("order_placed");
  }

  /** The fluent form with a {@code long}, the facade in an instance field. */
  @Benchmark
  public void optelFluentDisabledInstance() {
    log.atDebug().field("order_id", orderNumber).log("order_placed");
  }

  /**
   * Anchor: SLF4J's fluent call with an {@code int} and a {@code double}, boxed after its check.
   */
  @Benchmark
  public void slf4jDisabledInstancePrimitives() {
    slf4j
        .atDebug()
        .setMessage("order_placed")
        .addKeyValue("items", items)
        .addKeyValue("amount", amount)
        .log();
  }

  /** The fluent form with an {@code int} and a {@code double}, the facade in an instance field. */
  @Benchmark
  public void optelFluentDisabledInstancePrimitives() {
    log.atDebug().field("items", items).field("amount", amount).log("order_placed");
  }

  /** Anchor: an enabled INFO event through the SLF4J fluent API, written as JSON. */
  @Benchmark
  public void slf4jJson() {
    SLF4J
        .atInfo()
        .setMessage("order_placed")
        .addKeyValue("order_id", orderId)
        .addKeyValue("user", user)
        .log();
  }

  /** An enabled INFO optel event, written as JSON by the same appender. */
  @Benchmark
  public void optelJson() {
    LOG.info("order_placed", "order_id", orderId, "user", user);
  }
}
