package dev.optel.bench;

import dev.optel.LogContext;
import dev.optel.TracedAsync;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Class path "sdk": handing a task to other work with the trace context. Each operation captures
 * the context while a recording span is current and runs the task after that span's scope closed,
 * the way a task submitted from a traced thread runs on a pool thread that has no context; the
 * scope costs the same on both sides. optel's {@link TracedAsync#wrap(Runnable)} and {@link
 * TracedAsync#wrap(Executor)} against OpenTelemetry's {@link Context#wrap(Runnable)} and {@link
 * Context#taskWrapping(Executor)}.
 */
@SuppressWarnings("try") // scopes opened only for their effect on the context
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AsyncBench {
  private Span span;
  private Context traced;
  private Deferred deferred;
  private Executor otelExecutor;
  private Executor optelExecutor;
  private Task task;

  /** An executor that keeps the task, to be run once the submitting scope has closed. */
  private static final class Deferred implements Executor {
    private Runnable task;

    @Override
    public void execute(Runnable command) {
      task = command;
    }

    void runTask() {
      Runnable t = task;
      task = null;
      t.run();
    }
  }

  /** The task: counts the runs that saw the span, so that the work is real and checked. */
  private static final class Task implements Runnable {
    private final String spanId;
    long traced;
    long runs;

    Task(String spanId) {
      this.spanId = spanId;
    }

    @Override
    public void run() {
      runs++;
      if (Span.current().getSpanContext().getSpanId() == spanId) {
        traced++;
      }
    }
  }

  /** Starts the span the tasks are submitted from. */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    if (params.getBenchmark().endsWith("LogContextInUse")) {
      // With OpenTelemetry, LogContext fields live in its Context, so a task costs the same whether
      // LogContext was used or not; bind once so that this fork shows it stays so (without
      // OpenTelemetry, optel's own ThreadLocal is read only once something was bound).
      try (LogContext.Scope used = LogContext.bind("warm", "up")) {
        if (LogContext.current().isEmpty()) {
          throw new IllegalStateException("LogContext did not bind");
        }
      }
    }
    span = BenchSdk.SDK.getTracer(BenchSdk.SCOPE).spanBuilder("bench.parent").startSpan();
    traced = Context.root().with(span);
    deferred = new Deferred();
    otelExecutor = Context.taskWrapping(deferred);
    optelExecutor = TracedAsync.wrap(deferred);
    task = new Task(span.getSpanContext().getSpanId());
  }

  /** Fails the run when a task did not see the span or a context leaked. */
  @TearDown(Level.Iteration)
  public void check() {
    if (task.traced != task.runs || Context.current() != Context.root()) {
      throw new IllegalStateException(
          "context not propagated ("
              + task.traced
              + " of "
              + task.runs
              + " runs) or leaked ("
              + Context.current()
              + ")");
    }
  }

  /** Ends the span. */
  @TearDown(Level.Trial)
  public void tearDown() {
    span.end();
  }

  /** Anchor: {@code Context.current().wrap(task)}. */
  @Benchmark
  public void otelContextWrap() {
    Runnable wrapped;
    try (Scope scope = traced.makeCurrent()) {
      wrapped = Context.current().wrap(task);
    }
    wrapped.run();
  }

  /** {@code TracedAsync.wrap(task)}. */
  @Benchmark
  public void optelWrapRunnable() {
    Runnable wrapped;
    try (Scope scope = traced.makeCurrent()) {
      wrapped = TracedAsync.wrap(task);
    }
    wrapped.run();
  }

  /** Anchor: an executor from {@code Context.taskWrapping}. */
  @Benchmark
  public void otelTaskWrapping() {
    try (Scope scope = traced.makeCurrent()) {
      otelExecutor.execute(task);
    }
    deferred.runTask();
  }

  /** An executor from {@code TracedAsync.wrap(Executor)}. */
  @Benchmark
  public void optelWrapExecutor() {
    try (Scope scope = traced.makeCurrent()) {
      optelExecutor.execute(task);
    }
    deferred.runTask();
  }

  /** {@code optelWrapExecutor} in a JVM that has used {@code LogContext} (see setUp). */
  @Benchmark
  public void optelWrapExecutorLogContextInUse() {
    try (Scope scope = traced.makeCurrent()) {
      optelExecutor.execute(task);
    }
    deferred.runTask();
  }
}
