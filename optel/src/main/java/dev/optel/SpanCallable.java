package dev.optel;

/**
 * A body run by {@link TracingFacade#inSpan(String, java.util.Map, SpanCallable)} that returns a
 * value.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SpanCallable<T> {
  /**
   * Runs the body while {@code span} is current.
   *
   * @param span the span around the body; never {@code null}
   * @return the body's result
   * @throws Exception whatever the body throws; it reaches the caller unchanged
   */
  T call(Span span) throws Exception;
}
