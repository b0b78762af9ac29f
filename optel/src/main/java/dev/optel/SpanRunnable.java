package dev.optel;

/**
 * A body run by {@link TracingFacade#inSpan(String, java.util.Map, SpanRunnable)} that returns
 * nothing.
 */
@FunctionalInterface
public interface SpanRunnable {
  /**
   * Runs the body while {@code span} is current.
   *
   * @param span the span around the body; never {@code null}
   * @throws Exception whatever the body throws; it reaches the caller unchanged
   */
  void run(Span span) throws Exception;
}
