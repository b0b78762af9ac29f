package dev.optel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Combines stages into one list of results; the machinery behind {@code tracedGather}. */
final class Gather<T> {
  private final CompletableFuture<?>[] stages;
  private final Object[] results;
  private final AtomicInteger remaining;
  private final CompletableFuture<List<T>> all = new CompletableFuture<>();

  /** Set by the first failure; the cancellations it causes are not failures of their own. */
  private final AtomicBoolean failed = new AtomicBoolean();

  private Gather(int size) {
    stages = new CompletableFuture<?>[size];
    results = new Object[size];
    remaining = new AtomicInteger(size);
  }

  /**
   * Calls every supplier on this thread, in order, and returns a future of all results in input
   * order. The first failure fails the future and cancels the other stages; cancelling the future
   * cancels every stage.
   */
  static <T> CompletableFuture<List<T>> of(
      List<? extends Supplier<? extends CompletionStage<? extends T>>> operations) {
    Gather<T> gather = new Gather<>(operations.size());
    // The caller cancelled (or timed out) the gather: cancel every stage.
    gather.all.whenComplete(
        (value, failure) -> {
          if (failure != null && gather.failed.compareAndSet(false, true)) {
            gather.cancelAll();
          }
        });
    if (operations.isEmpty()) {
      gather.all.complete(Collections.emptyList());
      return gather.all;
    }
    int i = 0;
    for (Supplier<? extends CompletionStage<? extends T>> operation : operations) {
      if (gather.failed.get()) {
        // An earlier operation failed already: do not start the rest.
        break;
      }
      gather.start(i++, operation);
    }
    return gather.all;
  }

  private void start(int index, Supplier<? extends CompletionStage<? extends T>> operation) {
    CompletableFuture<? extends T> stage;
    try {
      CompletionStage<? extends T> started = operation.get();
      if (started == null) {
        throw new NullPointerException("operation " + index + " returned null instead of a stage");
      }
      stage = toFuture(started);
    } catch (Throwable t) {
      fail(t);
      return;
    }
    synchronized (stages) {
      stages[index] = stage;
    }
    stage.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            fail(failure);
            return;
          }
          results[index] = value;
          if (remaining.decrementAndGet() == 0) {
            all.complete(collect());
          }
        });
    if (failed.get()) {
      stage.cancel(true);
    }
  }

  /**
   * Cancels the other stages first, so that they are cancelled when the caller sees the failure.
   */
  private void fail(Throwable failure) {
    if (failed.compareAndSet(false, true)) {
      cancelAll();
      all.completeExceptionally(failure);
    }
  }

  private static <T> CompletableFuture<? extends T> toFuture(CompletionStage<? extends T> stage) {
    try {
      return stage.toCompletableFuture();
    } catch (UnsupportedOperationException e) {
      CompletableFuture<T> copy = new CompletableFuture<>();
      stage.whenComplete(
          (value, failure) -> {
            if (failure == null) {
              copy.complete(value);
            } else {
              copy.completeExceptionally(failure);
            }
          });
      return copy;
    }
  }

  @SuppressWarnings("unchecked")
  private List<T> collect() {
    // The remaining counter's decrement-and-get orders every results[] write before this read.
    List<T> list = new ArrayList<>(results.length);
    for (Object value : results) {
      list.add((T) value);
    }
    return Collections.unmodifiableList(list);
  }

  private void cancelAll() {
    CompletableFuture<?>[] copy;
    synchronized (stages) {
      copy = Arrays.copyOf(stages, stages.length);
    }
    for (CompletableFuture<?> stage : copy) {
      if (stage != null) {
        stage.cancel(true);
      }
    }
  }
}
