package dev.optel.internal;

/**
 * Gives back what a thread had current before {@link Backends.TracingBackend#makeCurrent} changed
 * it, like OpenTelemetry's {@code Scope}.
 *
 * <p>Close it once, on the thread that got it, in the reverse order of getting: try-with-resources
 * or a {@code finally} block does both.
 */
public interface ContextToken extends AutoCloseable {
  /** The token of a change that did not happen (no tracing backend, or nothing to make current). */
  ContextToken NONE = () -> {};

  /** Restores what was current before. Never throws. */
  @Override
  void close();
}
