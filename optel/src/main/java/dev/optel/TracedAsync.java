package dev.optel;

import dev.optel.internal.ContextExecutors;
import dev.optel.internal.ContextSnapshot;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.TaskThreads;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries the caller's trace context and {@link LogContext} fields into asynchronous and concurrent
 * work: the Java form of the seed's {@code traced_async_operation}, {@code traced_gather} and
 * {@code traced_task_group}, plus executor wrappers.
 *
 * <p>OpenTelemetry's context and optel's {@code LogContext} are bound to a thread, so they are lost
 * when work moves to a pool, a {@link CompletableFuture} stage or a virtual thread. The helpers
 * here capture both where the work is handed over and make them current where it runs; the running
 * thread always gets back exactly what it had before, also when the work fails, is cancelled or is
 * interrupted. Without OpenTelemetry they behave the same, minus the spans, and still carry {@code
 * LogContext} fields.
 *
 * <pre>{@code
 * // Carry context into CompletableFuture.supplyAsync (or any executor):
 * Executor traced = TracedAsync.wrap(executor);
 * CompletableFuture<Price> price = CompletableFuture.supplyAsync(() -> quote(item), traced);
 *
 * // Run independent operations in parallel under one span, results in input order:
 * CompletableFuture<List<Price>> prices = TracedAsync.tracedGather(tracer,
 *     items.stream().map(i -> (Supplier<CompletableFuture<Price>>) () -> quoteAsync(i)).toList(),
 *     "quote_all");
 * }</pre>
 *
 * <p>All methods are thread-safe and never throw because of telemetry.
 */
public final class TracedAsync {
  private TracedAsync() {}

  /**
   * Traces an asynchronous operation: starts a span that is current while {@code body} runs and
   * ends when the stage that {@code body} returns completes, recording its failure. The same as
   * {@link TracingFacade#startAsCurrentAsyncSpan(String, Map, Function)}.
   *
   * <pre>{@code
   * CompletableFuture<Item> item = TracedAsync.tracedAsyncOperation(tracer, "process_item",
   *     Map.of("item_id", id), span -> CompletableFuture.supplyAsync(() -> process(id), traced));
   * }</pre>
   *
   * @param tracer the tracer; {@code null} means no span
   * @param name the span name
   * @param attributes initial attributes; may be {@code null}
   * @param body starts the work and returns its stage
   * @param <T> the result type
   * @return a future completed with the stage's outcome once the span ended; never {@code null}
   */
  public static <T> CompletableFuture<T> tracedAsyncOperation(
      TracingFacade tracer,
      String name,
      Map<String, ?> attributes,
      Function<Span, ? extends CompletionStage<T>> body) {
    return orNoop(tracer).startAsCurrentAsyncSpan(name, attributes, body);
  }

  /**
   * Starts operations concurrently under one span and collects their results in input order.
   *
   * <p>A span named {@code name} is current while each supplier is called, in order, on this
   * thread; each supplier starts its operation and returns its stage (spans it starts are children
   * of the gather span; work it hands to other threads keeps the context when it goes through
   * {@link #wrap(Executor)} or another helper of this class). When every stage has completed, the
   * span ends and the returned future completes with the results. When one fails, the returned
   * future fails with that failure, which is recorded on the span; the other stages are cancelled
   * and the remaining suppliers are not called. Cancelling the returned future cancels every stage.
   *
   * <pre>{@code
   * List<Supplier<CompletableFuture<Result>>> ops = new ArrayList<>();
   * for (Item item : items) {
   *   ops.add(() -> CompletableFuture.supplyAsync(() -> process(item), TracedAsync.wrap(pool)));
   * }
   * List<Result> results = TracedAsync.tracedGather(tracer, ops, "process_items").join();
   * }</pre>
   *
   * @param tracer the tracer; {@code null} means no span
   * @param operations suppliers that start the operations; a {@code null} supplier or stage fails
   *     the gather with a {@link NullPointerException}
   * @param name the span name; {@code null} means {@code "parallel_operations"}, as in the seed
   * @param <T> the result type
   * @return a future of the results in input order (an unmodifiable list); never {@code null}
   */
  public static <T> CompletableFuture<List<T>> tracedGather(
      TracingFacade tracer,
      List<? extends Supplier<? extends CompletionStage<? extends T>>> operations,
      String name) {
    Map<String, ?> attributes =
        operations == null ? null : Map.of("operation_count", operations.size());
    return orNoop(tracer)
        .startAsCurrentAsyncSpan(
            name == null ? "parallel_operations" : name,
            attributes,
            span -> Gather.<T>of(operations));
  }

  /**
   * Opens a {@link TaskGroup} whose tasks run on virtual threads (Java 21+) or on a shared pool of
   * daemon threads (at most 256 at once; Java 17-20, or {@code
   * -Doptel.virtualThreads.disabled=true}). Its span is current on this thread until the group is
   * closed and ends when the last task ends. Groups nest to any depth and width: on the pool, a
   * thread waiting in {@code close()} runs its group's tasks that no pool thread has started yet.
   *
   * <pre>{@code
   * try (TaskGroup group = TracedAsync.tracedTaskGroup(tracer, "sync_accounts", null)) {
   *   accounts.forEach(a -> group.startSoon(() -> sync(a)));
   * }
   * }</pre>
   *
   * @param tracer the tracer; {@code null} means no span
   * @param name the span name
   * @param attributes initial attributes; may be {@code null}
   * @return the open group; close it on this thread
   */
  public static TaskGroup tracedTaskGroup(
      TracingFacade tracer, String name, Map<String, ?> attributes) {
    return new TaskGroup(
        orNoop(tracer).startAsCurrentSpan(name, attributes),
        TaskThreads.executor(),
        !TaskThreads.virtual());
  }

  /**
   * Opens a {@link TaskGroup} whose tasks run on {@code executor}, which must run every task it
   * accepts (a task it rejects fails the group). Shutting the executor down is the caller's job.
   * Every task runs on the executor, so for nested groups a bounded executor needs more threads
   * than there can be tasks waiting in a {@code close()} at the same time.
   *
   * @param tracer the tracer; {@code null} means no span
   * @param name the span name
   * @param attributes initial attributes; may be {@code null}
   * @param executor runs the tasks
   * @return the open group; close it on this thread
   * @throws NullPointerException when {@code executor} is {@code null}
   */
  public static TaskGroup tracedTaskGroup(
      TracingFacade tracer, String name, Map<String, ?> attributes, Executor executor) {
    if (executor == null) {
      throw new NullPointerException("executor");
    }
    return new TaskGroup(orNoop(tracer).startAsCurrentSpan(name, attributes), executor, false);
  }

  /**
   * Returns an executor that runs each task in the trace context and {@code LogContext} fields
   * current on the thread that submits it (captured at {@code execute}). Pass it to {@code
   * CompletableFuture.supplyAsync(supplier, executor)}, {@code thenApplyAsync(fn, executor)} and
   * the like. Wrapping a wrapped executor returns it unchanged.
   *
   * <p>Note that {@code CompletableFuture} hands a {@code thenApplyAsync(fn, executor)} step to the
   * executor when the previous stage completes, so that step runs in the context of the thread that
   * completed it. The futures returned by {@link #tracedAsyncOperation}, {@link #tracedGather} and
   * {@link TracingFacade#startAsyncSpan} complete in their caller's context, so steps attached to
   * them run there.
   *
   * @param executor the executor that runs the tasks
   * @return the wrapping executor
   * @throws NullPointerException when {@code executor} is {@code null}
   */
  public static Executor wrap(Executor executor) {
    if (executor == null) {
      throw new NullPointerException("executor");
    }
    if (executor instanceof ExecutorService) {
      return ContextExecutors.wrap((ExecutorService) executor);
    }
    return ContextExecutors.wrap(executor);
  }

  /**
   * Returns an executor service whose {@code execute}, {@code submit}, {@code invokeAll} and {@code
   * invokeAny} run each task in the context current on the submitting thread; lifecycle methods go
   * to {@code executor}, and futures are the ones {@code executor} returns.
   *
   * <pre>{@code
   * ExecutorService pool = TracedAsync.wrap(Executors.newFixedThreadPool(8));
   * try (LogContext.Scope s = LogContext.bind("job_id", jobId)) {
   *   pool.submit(() -> log.info("chunk_done"));   // carries job_id, trace_id, span_id
   * }
   * }</pre>
   *
   * @param executor the executor service that runs the tasks
   * @return the wrapping executor service
   * @throws NullPointerException when {@code executor} is {@code null}
   */
  public static ExecutorService wrap(ExecutorService executor) {
    if (executor == null) {
      throw new NullPointerException("executor");
    }
    return ContextExecutors.wrap(executor);
  }

  /**
   * Binds {@code task} to the context current now (when {@code wrap} is called, not when the task
   * runs): wherever it runs later, it runs in that trace context and those {@code LogContext}
   * fields. When nothing is current, returns {@code task} itself.
   *
   * <pre>{@code
   * Thread worker = new Thread(TracedAsync.wrap(() -> log.info("worker_started")));
   * }</pre>
   *
   * @param task the work
   * @return the bound work
   * @throws NullPointerException when {@code task} is {@code null}
   */
  public static Runnable wrap(Runnable task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    return ContextSnapshot.wrapCurrent(task);
  }

  /**
   * Binds {@code task} to the context current now; see {@link #wrap(Runnable)}.
   *
   * @param task the work
   * @param <T> the result type
   * @return the bound work
   * @throws NullPointerException when {@code task} is {@code null}
   */
  public static <T> Callable<T> wrap(Callable<T> task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    return ContextSnapshot.wrapCurrent(task);
  }

  private static TracingFacade orNoop(TracingFacade tracer) {
    if (tracer == null) {
      Diagnostics.warnOnce(
          "tracedAsync.nullTracer",
          "a TracedAsync helper was given a null tracer; no span is started",
          null);
      return TracingFacade.noop();
    }
    return tracer;
  }
}
