package dev.optel.bench;

import dev.optel.Propagation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * optel's pass-through, the same on every class path (JMH runs it as {@code
 * PropagationNoneBench.optelPassThrough}, {@code PropagationApiBench...}, {@code
 * PropagationSdkBench...}): extract {@code traceparent} and {@code tracestate} from an incoming
 * request, make that context current, inject it into an outgoing request, close the scope, as a
 * service does that receives a request and calls the next one. Only optel types here, so that the
 * "none" class path can load it.
 */
@SuppressWarnings("try") // scopes opened only for their effect on the context
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class PropagationBase {
  final Headers headers = new Headers();

  /** optel: extract, inject within the extracted scope, close. */
  @Benchmark
  public void optelPassThrough() {
    headers.clear();
    try (Propagation.Scope scope = Propagation.extract(headers.getter)) {
      Propagation.inject(headers.setter);
    }
  }

  /** Fails the run when the last operation did not do its work. */
  @TearDown(Level.Iteration)
  public void check(BenchmarkParams params) {
    checkLast(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1));
  }

  /** Checks the last operation of the benchmark method {@code method}. */
  void checkLast(String method) {
    headers.requirePassedThrough();
  }
}
