package dev.optel.internal.logging;

/**
 * Hands the typed key-value pairs of an optel event to a JSON appender on the same thread, for
 * backends whose SLF4J bridge turns key-value pairs into strings (log4j-slf4j2-impl puts them into
 * the thread context as strings, in no particular order).
 *
 * <p>The SLF4J binding records the pairs only while {@link #wanted()} is true, and publishes them
 * just for the duration of the backend call; an appender accepts them only for the event they
 * belong to (same logger and message), so nested or asynchronous logging falls back to the
 * backend's own data.
 */
public final class FacadeEvent {
  private static final ThreadLocal<FacadeEvent> CURRENT = new ThreadLocal<>();
  private static volatile boolean wanted;

  private final String logger;
  private final String message;
  private final Object[] pairs;

  private FacadeEvent(String logger, String message, Object[] pairs) {
    this.logger = logger;
    this.message = message;
    this.pairs = pairs;
  }

  /**
   * Tells whether an installed JSON output asks for typed pairs.
   *
   * @return {@code true} while such an output is installed
   */
  public static boolean wanted() {
    return wanted;
  }

  static void setWanted(boolean value) {
    wanted = value;
  }

  /**
   * Runs {@code log} with the event's typed pairs published on this thread.
   *
   * @param logger the logger name
   * @param message the event's message
   * @param pairs key, value, key, value, ... in the order they were added
   * @param log the backend call
   */
  public static void publish(String logger, String message, Object[] pairs, Runnable log) {
    FacadeEvent previous = CURRENT.get();
    CURRENT.set(new FacadeEvent(logger, message, pairs));
    try {
      log.run();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /**
   * Returns the typed pairs of the event being logged on this thread, if it is this one.
   *
   * @param logger the event's logger name
   * @param message the event's formatted message
   * @return key, value, ... pairs, or {@code null} when none were published for this event
   */
  public static Object[] pairsFor(String logger, String message) {
    FacadeEvent e = CURRENT.get();
    return e != null && e.logger.equals(logger) && e.message.equals(message) ? e.pairs : null;
  }
}
