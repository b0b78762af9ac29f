package dev.optel.bench;

import dev.optel.Counter;
import dev.optel.Telemetry;
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
 * Class paths "none" and "api": metric instruments without a metrics SDK, against JMH's call floor
 * ({@code NoBackendBench.floor}, and {@link #floor} here for the "api" JVM). Without OpenTelemetry
 * the instruments are optel's shared no-ops; with the API alone they are optel's late-bound
 * instruments, which look at {@code GlobalOpenTelemetry} at each call and find nothing installed.
 * The benchmarks are inherited by {@link MetricsNoneBench} and {@link MetricsApiBench}, one per
 * class path, so that their results keep apart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class MetricsOffBench {
  private static final Counter COUNTER =
      Telemetry.get("dev.optel.bench").meter().counter("bench.requests", "{request}", "");
  private static final Counter BOUND = COUNTER.bind("http.request.method", "GET");

  private Counter counter;
  private Counter bound;

  /** Fails the run when the class path is not the one this scenario is about. */
  @Setup
  public void setUp() {
    requireClassPath();
    counter = COUNTER;
    bound = BOUND;
  }

  /** Checks the class path, as {@link Scenario#require} does. */
  abstract void requireClassPath();

  /** The floor: an empty benchmark method. */
  @Benchmark
  public void floor() {
    // intentionally empty
  }

  /** {@code counter.add(1)}. */
  @Benchmark
  public void optelCounterAdd() {
    COUNTER.add(1);
  }

  /** A bound counter's {@code add(1)}. */
  @Benchmark
  public void optelBoundAdd() {
    BOUND.add(1);
  }

  /** {@code counter.add(1)}, the counter in an instance field. */
  @Benchmark
  public void optelCounterAddInstance() {
    counter.add(1);
  }

  /** A bound counter's {@code add(1)}, in an instance field. */
  @Benchmark
  public void optelBoundAddInstance() {
    bound.add(1);
  }
}
