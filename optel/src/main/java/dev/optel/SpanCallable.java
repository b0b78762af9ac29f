package dev.optel;

/**
 * A body run by {@link TracingFacade#inSpan(String, java.util.Map, SpanCallable)} that returns a
 * value.
 *
 * <p>{@code E} is the checked exception the body may throw, inferred from the lambda: a body that
 * throws {@code IOException} makes {@code inSpan} throw {@code IOException}, and a body that throws
 * no checked exception makes {@code inSpan} throw none ({@code E} is then inferred as {@link
 * RuntimeException}).
 *
 * @param <T> the result type
 * @param <E> the checked exception the body may throw
 */
@FunctionalInterface
public interface SpanCallable<T, E extends Exception> {
  /**
   * Runs the body while {@code span} is current.
   *
   * @param span the span around the body; never {@code null}
   * @return the body's result
   * @throws E whatever the body throws; it reaches the caller unchanged
   */
  T call(Span span) throws E;
}
