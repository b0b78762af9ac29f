package dev.optel;

import dev.optel.internal.Backends;

/**
 * Holds the no-op logging facade, so that {@link LoggingFacade} itself names no internal class. The
 * facade is optel's one implementation with no backend: it writes nothing, and {@code error} and
 * {@code critical} still mark the current span.
 */
final class NoopLogging {
  static final LoggingFacade INSTANCE = Backends.noopLogger();

  private NoopLogging() {}
}
