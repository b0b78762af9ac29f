package dev.optel;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Starts spans. Obtain one with {@link Telemetry#tracer()}; it is thread-safe and meant to be kept
 * in a field.
 *
 * <p>When OpenTelemetry is on the class path, spans are real spans of the {@code
 * GlobalOpenTelemetry} that is installed at the time the span starts (by the application, by the
 * OpenTelemetry Java agent, or by {@code TelemetryConfig}); until one is installed they are no-op
 * spans that still carry an incoming trace context. Without OpenTelemetry every span is {@link
 * Span#noop()}. No method throws because of telemetry; exceptions of the caller's own code pass
 * through unchanged.
 *
 * <pre>{@code
 * TracingFacade tracer = Telemetry.get(MyClient.class).tracer();
 * Response r = tracer.inSpan("send", Map.of("http.method", "GET"), span -> http.send(request));
 * }</pre>
 */
// The SpanCallable/SpanRunnable overloads are the contract's names; javac's "potentially
// ambiguous" note only concerns expression lambdas calling a value-returning method (see inSpan).
@SuppressWarnings("overloads")
public interface TracingFacade {

  /**
   * Returns a facade whose spans are all {@link Span#noop()}.
   *
   * @return the no-op facade
   */
  static TracingFacade noop() {
    return NoopTracing.INSTANCE;
  }

  /**
   * Starts a span that is not made current. {@link Span#close()} ends it.
   *
   * @param name the span name
   * @return the span; never {@code null}
   */
  Span startSpan(String name);

  /**
   * Starts a span with attributes that is not made current. {@link Span#close()} ends it.
   *
   * @param name the span name
   * @param attributes initial attributes; may be {@code null}
   * @return the span; never {@code null}
   */
  Span startSpan(String name, Map<String, ?> attributes);

  /**
   * Starts a span and makes it current on this thread until {@link Span#close()}, which ends it and
   * restores the previous context.
   *
   * @param name the span name
   * @return the span; never {@code null}
   */
  Span startAsCurrentSpan(String name);

  /**
   * Starts a span with attributes and makes it current on this thread until {@link Span#close()},
   * which ends it and restores the previous context.
   *
   * @param name the span name
   * @param attributes initial attributes; may be {@code null}
   * @return the span; never {@code null}
   */
  Span startAsCurrentSpan(String name, Map<String, ?> attributes);

  /**
   * Starts a span of the given kind with attributes that is not made current. {@link Span#close()}
   * ends it.
   *
   * @param name the span name
   * @param kind the span kind; {@code null} means {@link SpanKind#INTERNAL}
   * @param attributes initial attributes; may be {@code null}
   * @return the span; never {@code null}
   */
  Span startSpan(String name, SpanKind kind, Map<String, ?> attributes);

  /**
   * Starts a span of the given kind with attributes and makes it current on this thread until
   * {@link Span#close()}, which ends it and restores the previous context.
   *
   * @param name the span name
   * @param kind the span kind; {@code null} means {@link SpanKind#INTERNAL}
   * @param attributes initial attributes; may be {@code null}
   * @return the span; never {@code null}
   */
  Span startAsCurrentSpan(String name, SpanKind kind, Map<String, ?> attributes);

  /**
   * Runs {@code body} in a new current span and returns its result; see {@link #inSpan(String, Map,
   * SpanCallable)}.
   *
   * @param name the span name
   * @param body the work
   * @param <T> the result type
   * @param <E> the checked exception {@code body} may throw
   * @return what {@code body} returned
   * @throws E exactly what {@code body} threw
   */
  default <T, E extends Exception> T inSpan(String name, SpanCallable<T, E> body) throws E {
    return inSpan(name, null, body);
  }

  /**
   * Runs {@code body} in a new span that is current while it runs, and returns its result. When
   * {@code body} throws, the exception is recorded on the span, the status becomes {@link
   * StatusCode#ERROR}, and the same exception object is rethrown. The span always ends and the
   * previous context is always restored.
   *
   * <p>The body's own checked exception type passes through: when {@code body} throws {@code
   * IOException}, so does this method, and when {@code body} throws no checked exception, neither
   * does this method. Errors and runtime exceptions pass through as well.
   *
   * <p>Note for lambdas: {@code span -> doWork()} where {@code doWork()} returns a value matches
   * both this method and the {@link SpanRunnable} variant; write {@code span -> { doWork(); }} for
   * the void form, or {@code (Span span) -> doWork()} for this one.
   *
   * @param name the span name
   * @param attributes initial attributes; may be {@code null}
   * @param body the work
   * @param <T> the result type
   * @param <E> the checked exception {@code body} may throw
   * @return what {@code body} returned
   * @throws E exactly what {@code body} threw
   */
  default <T, E extends Exception> T inSpan(
      String name, Map<String, ?> attributes, SpanCallable<T, E> body) throws E {
    Span span = startAsCurrentSpan(name, attributes);
    try {
      return body.call(span);
    } catch (Throwable t) {
      Spans.fail(span, t);
      throw t;
    } finally {
      span.close();
    }
  }

  /**
   * Runs {@code body} in a new current span; see {@link #inSpan(String, Map, SpanRunnable)}.
   *
   * @param name the span name
   * @param body the work
   * @param <E> the checked exception {@code body} may throw
   * @throws E exactly what {@code body} threw
   */
  default <E extends Exception> void inSpan(String name, SpanRunnable<E> body) throws E {
    inSpan(name, null, body);
  }

  /**
   * Runs {@code body} in a new span that is current while it runs. When {@code body} throws, the
   * exception is recorded on the span, the status becomes {@link StatusCode#ERROR}, and the same
   * exception object is rethrown. The span always ends and the previous context is restored. The
   * body's own checked exception type passes through, as for the {@link SpanCallable} variant.
   *
   * @param name the span name
   * @param attributes initial attributes; may be {@code null}
   * @param body the work
   * @param <E> the checked exception {@code body} may throw
   * @throws E exactly what {@code body} threw
   */
  default <E extends Exception> void inSpan(
      String name, Map<String, ?> attributes, SpanRunnable<E> body) throws E {
    Span span = startAsCurrentSpan(name, attributes);
    try {
      body.run(span);
    } catch (Throwable t) {
      Spans.fail(span, t);
      throw t;
    } finally {
      span.close();
    }
  }

  /**
   * Starts a span that is not made current, passes it to {@code body}, and ends it when the stage
   * that {@code body} returns completes. When the stage fails, the failure (without a {@link
   * java.util.concurrent.CompletionException} wrapper) is recorded on the span and the status
   * becomes {@link StatusCode#ERROR}; the returned future fails with the stage's failure object
   * unchanged. When {@code body} throws (or returns {@code null}), the span records that and ends,
   * and the returned future fails with it: this method itself never throws.
   *
   * <p>The returned future completes after the span has ended, in the context that was current when
   * this method was called: functions attached to it (such as {@code thenApply}) see that trace
   * context and {@code LogContext}, as code after an {@code await} would. Cancelling it (or
   * completing it from outside) ends the span at once, with the {@link
   * java.util.concurrent.CancellationException} recorded, and cancels the body's stage when that is
   * a {@link java.util.concurrent.Future}.
   *
   * <pre>{@code
   * CompletableFuture<Order> order = tracer.startAsyncSpan("order.fetch", Map.of("id", id),
   *     span -> client.fetchAsync(id));
   * }</pre>
   *
   * @param name the span name
   * @param attributes initial attributes; may be {@code null}
   * @param body starts the work and returns its stage
   * @param <T> the result type
   * @return a future completed with the stage's outcome once the span ended
   */
  default <T> CompletableFuture<T> startAsyncSpan(
      String name, Map<String, ?> attributes, Function<Span, ? extends CompletionStage<T>> body) {
    return AsyncSpans.run(startSpan(name, attributes), false, body);
  }

  /**
   * Like {@link #startAsyncSpan(String, Map, Function)}, but the span is current on this thread
   * while {@code body} runs, so spans started and events logged inside {@code body} are its
   * children, and {@code TracedAsync.wrap} executors used inside carry it to other threads. The
   * previous context is restored when {@code body} returns; the span ends when the stage completes.
   *
   * <pre>{@code
   * CompletableFuture<Report> report = tracer.startAsCurrentAsyncSpan("report", null,
   *     span -> CompletableFuture.supplyAsync(this::buildReport, TracedAsync.wrap(executor)));
   * }</pre>
   *
   * @param name the span name
   * @param attributes initial attributes; may be {@code null}
   * @param body starts the work and returns its stage
   * @param <T> the result type
   * @return a future completed with the stage's outcome once the span ended
   */
  default <T> CompletableFuture<T> startAsCurrentAsyncSpan(
      String name, Map<String, ?> attributes, Function<Span, ? extends CompletionStage<T>> body) {
    return AsyncSpans.run(startSpan(name, attributes), true, body);
  }
}
