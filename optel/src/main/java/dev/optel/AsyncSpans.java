package dev.optel;

import dev.optel.internal.Backends;
import dev.optel.internal.ContextSnapshot;
import dev.optel.internal.ContextToken;
import dev.optel.internal.Diagnostics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
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
  static <T> CompletableFuture<T> run(
      Span span, boolean makeCurrent, Function<Span, ? extends CompletionStage<T>> body) {
    // Dependents of the returned future run in the caller's context, like code after an await.
    ContextSnapshot caller = ContextSnapshot.capture();
    CompletionStage<T> stage;
    Backends.TracingBackend tracing = makeCurrent ? Backends.tracing() : null;
    ContextToken scope = tracing == null ? ContextToken.NONE : tracing.makeCurrent(span);
    try {
      stage = body.apply(span);
      if (stage == null) {
        throw new NullPointerException("the async span body returned null instead of a stage");
      }
    } catch (Throwable t) {
      scope.close();
      Spans.fail(span, t);
      span.end();
      return CompletableFuture.failedFuture(t);
    }
    scope.close();
    return link(span, stage, caller, null);
  }

  /**
   * Ends {@code span} when {@code stage} completes, like {@link #run}, for work the caller already
   * started (in the span's context). {@code outcome} sees the value or the failure (unwrapped)
   * before the span ends, to set attributes; it must not throw, but is contained if it does. Never
   * throws.
   */
  static <T> CompletableFuture<T> follow(
      Span span, CompletionStage<T> stage, BiConsumer<? super T, Throwable> outcome) {
    return link(span, stage, ContextSnapshot.capture(), outcome);
  }

  /**
   * The future the caller gets: it completes after the span ended, in the caller's context;
   * completing it from outside ends the span.
   */
  private static <T> CompletableFuture<T> link(
      Span span,
      CompletionStage<T> stage,
      ContextSnapshot caller,
      BiConsumer<? super T, Throwable> outcome) {
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicBoolean ended = new AtomicBoolean();
    try {
      stage.whenComplete(
          (value, failure) -> {
            if (ended.compareAndSet(false, true)) {
              finish(span, value, failure, outcome);
              caller.run(
                  () -> {
                    if (failure == null) {
                      result.complete(value);
                    } else {
                      result.completeExceptionally(failure);
                    }
                  });
            }
          });
    } catch (Throwable t) {
      // A broken CompletionStage implementation.
      if (ended.compareAndSet(false, true)) {
        finish(span, null, t, outcome);
        result.completeExceptionally(t);
      }
      return result;
    }
    // The caller cancelled (or otherwise completed) the future before the stage completed: end the
    // span now and pass the cancellation on to the stage.
    result.whenComplete(
        (value, failure) -> {
          if (ended.compareAndSet(false, true)) {
            finish(span, null, failure, outcome);
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

  private static <T> void finish(
      Span span, T value, Throwable failure, BiConsumer<? super T, Throwable> outcome) {
    Throwable cause = failure == null ? null : unwrap(failure);
    if (outcome != null) {
      try {
        outcome.accept(value, cause);
      } catch (Throwable t) {
        Diagnostics.warnOnce("async.outcome", "could not record an operation's outcome", t);
      }
    }
    if (cause != null) {
      Spans.fail(span, cause);
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
}
