package dev.optel.internal;

import dev.optel.LogLevel;

/**
 * What a logging binding does: find its loggers, answer level checks, and build and write the
 * events that {@code LogDispatcher} assembles. The dispatcher owns every rule of optel's log events
 * (span marking, field order and names, value conversion, containment of failures); a sink only
 * speaks its backend's API, so a second backend cannot drift from the first.
 *
 * <p>One sink serves all loggers of its binding, and there is one binding per JVM: the dispatcher
 * keeps the sink in a constant and each facade holds its logger and, when the sink keeps them, the
 * logger's {@link LevelGate}, so that a level check (the whole cost of a disabled call) reads the
 * gate, or one field of the facade before the backend's own check.
 *
 * <p>The dispatcher calls {@link #begin}, then {@link #add}/{@link #cause} any number of times,
 * then {@link #emit}, on one thread, and contains whatever these throw.
 *
 * @param <L> the backend's logger
 * @param <E> the backend's event under construction
 */
public interface LogSink<L, E> {

  /**
   * Returns the backend's logger of a name.
   *
   * @param name the logger name
   * @return the logger
   */
  L logger(String name);

  /**
   * Tells whether events of {@code level} reach the backend. Asked on every call that the logger's
   * {@link #gate} (if any) does not answer, since backends change levels at run time. Must not
   * throw: for a backend without gates this is the whole cost of a disabled call, inlined into the
   * caller.
   *
   * @param logger a logger of {@link #logger}
   * @param level the level, never {@code null}
   * @return {@code true} when such events are written
   */
  boolean isEnabled(L logger, LogLevel level);

  /**
   * Tells whether this sink keeps a {@link LevelGate} per logger. Asked once per JVM: the
   * dispatcher keeps the answer in a constant, so that without gates the JIT leaves the gate's read
   * out of every call.
   *
   * @return {@code true} when {@link #gate} returns gates
   */
  default boolean keepsGates() {
    return false;
  }

  /**
   * Returns the gate of a logger, kept current by the binding from now on as the backend announces
   * level changes; asked once per logger facade. A disabled call then reads the gate instead of
   * asking the backend.
   *
   * @param logger a logger of {@link #logger}
   * @return the gate, or {@code null} when this logger's level cannot be followed (then {@link
   *     #isEnabled} is asked on every call)
   */
  default LevelGate gate(L logger) {
    return null;
  }

  /**
   * Starts an event whose level {@link #isEnabled} has just accepted (so the sink need not ask its
   * backend again).
   *
   * @param logger a logger of {@link #logger}
   * @param level the level, never {@code null}
   * @param event the event name, never {@code null}
   * @return the event under construction, never {@code null}
   */
  E begin(L logger, LogLevel level, String event);

  /**
   * Adds a field to the event.
   *
   * @param event the event from {@link #begin}
   * @param key the field name, already as optel writes it
   * @param value the value, already converted as optel hands values on
   */
  void add(E event, String key, Object value);

  /**
   * Sets the event's exception.
   *
   * @param event the event from {@link #begin}
   * @param cause the exception, safe to read
   */
  void cause(E event, Throwable cause);

  /**
   * Writes the event.
   *
   * @param event the event from {@link #begin}
   */
  void emit(E event);

  /**
   * Names a logger, for {@code toString()}.
   *
   * @param logger a logger of {@link #logger}
   * @return its name
   */
  String loggerName(L logger);
}
