package dev.optel;

import dev.optel.internal.Backends;
import dev.optel.internal.Diagnostics;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Ties a span's end to the completion of a {@link CompletionStage}; the machinery behind {@link
 * TracingFacade#startAsyncSpan} and {@link TracingFacade#startAsCurrentAsyncSpan}.
 */
final class AsyncSpans {
  private AsyncSpans() {}

  /**
   * Runs {@code body} with {@code span} (current on this thread while it runs when {@code
   * makeCurrent}) and returns a future that completes like the body's stage, after the span ended.
   * Never throws.
   */
  static <T> CompletableFuture<T> run(Span span, boolean makeCurrent,
      Function<Span, ? extends CompletionStage<T>> body) {
    CompletionStage<T> stage;
    Backends.TracingBackend tracing = makeCurrent ? Backends.tracing() : null;
    Object scope = tracing == null ? null : tracing.makeCurrent(span);
    try {
      stage = body.apply(span);
      if (stage == null) {
        throw new NullPointerException("the async span body returned null instead of a stage");
      }
    } catch (Throwable t) {
      detach(tracing, scope);
      Spans.fail(span, t);
      span.end();
      return CompletableFuture.failedFuture(t);
    }
    detach(tracing, scope);
    return link(span, stage);
  }

  /** The future the caller gets: it completes after the span ended; completing it ends the span. */
  private static <T> CompletableFuture<T> link(Span span, CompletionStage<T> stage) {
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicBoolean ended = new AtomicBoolean();
    try {
      stage.whenComplete((value, failure) -> {
        if (ended.compareAndSet(false, true)) {
          finish(span, failure);
          if (failure == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(failure);
          }
        }
      });
    } catch (Throwable t) {
      // A broken CompletionStage implementation.
      if (ended.compareAndSet(false, true)) {
        finish(span, t);
        result.completeExceptionally(t);
      }
      return result;
    }
    // The caller cancelled (or otherwise completed) the future before the stage completed: end the
    // span now and pass the cancellation on to the stage.
    result.whenComplete((value, failure) -> {
      if (ended.compareAndSet(false, true)) {
        finish(span, failure);
        if (stage instanceof Future) {
          try {
            ((Future<?>) stage).cancel(true);
          } catch (RuntimeException e) {
            Diagnostics.warnOnce("async.cancel", "could not cancel an operation's stage", e);
          }
        }
      }
    });
    return result;
  }

  private static void finish(Span span, Throwable failure) {
    if (failure != null) {
      Spans.fail(span, unwrap(failure));
    }
    span.end();
  }

  /** The failure as the user's code raised it: without the {@link CompletionException} wrapper. */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Tells whether a failure means "cancelled" rather than "failed". */
  static boolean isCancellation(Throwable failure) {
    return unwrap(failure) instanceof CancellationException;
  }

  private static void detach(Backends.TracingBackend tracing, Object scope) {
    if (scope != null) {
      tracing.detach(scope);
    }
  }
}
