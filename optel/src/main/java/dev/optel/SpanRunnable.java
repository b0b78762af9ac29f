package dev.optel;

/**
 * A body run by {@link TracingFacade#inSpan(String, java.util.Map, SpanRunnable)} that returns
 * nothing.
 *
 * <p>{@code E} is the checked exception the body may throw, inferred from the lambda: a body that
 * throws {@code IOException} makes {@code inSpan} throw {@code IOException}, and a body that throws
 * no checked exception makes {@code inSpan} throw none ({@code E} is then inferred as {@link
 * RuntimeException}).
 *
 * @param <E> the checked exception the body may throw
 */
@FunctionalInterface
public interface SpanRunnable<E extends Exception> {
  /**
   * Runs the body while {@code span} is current.
   *
   * @param span the span around the body; never {@code null}
   * @throws E whatever the body throws; it reaches the caller unchanged
   */
  void run(Span span) throws E;
}
