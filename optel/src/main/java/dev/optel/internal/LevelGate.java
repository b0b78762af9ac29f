package dev.optel.internal;

import dev.optel.LogLevel;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A logger's level as its backend last announced it, so that {@code LogDispatcher} can drop a
 * disabled event without asking the backend. A binding whose backend announces every level change
 * (Logback's {@code LoggerContextListener}) keeps one gate per logger current; the dispatcher reads
 * it on every call.
 *
 * <p>The gate only ever answers "certainly off": a level at or above {@link #shutBelow} is still
 * asked of the backend, so the backend's own rules (filters, markers) decide every event that is
 * written, and a gate that lags behind a level raised at run time costs an extra check, never a
 * wrong answer. A gate that lags behind a level lowered would drop events; that is why the binding
 * must update it before {@code setLevel} returns.
 *
 * <p>{@link #vetoes} is a list of the backend that, while not empty, takes the gate's answer away:
 * Logback's turbo filters, which may accept an event below the level. The dispatcher reads the list
 * on every call (each facade holds it too), since Logback announces no change to it; a {@link
 * CopyOnWriteArrayList} (Logback's {@code TurboFilterList} is one) answers {@code isEmpty()} with
 * two loads and no lock.
 */
public final class LevelGate {
  private static final CopyOnWriteArrayList<Object> NONE = new CopyOnWriteArrayList<>();

  /** The gate of the no-op facade: every level is off, and stays so. */
  static final LevelGate CLOSED = new LevelGate(NONE, null);

  /** Where the binding keeps no gate for a logger: nothing is shut, the backend is always asked. */
  static final LevelGate ASK = new LevelGate(NONE, LogLevel.DEBUG);

  private final CopyOnWriteArrayList<?> vetoes;

  /**
   * The rank ({@link #rank}) of the lowest level that may be enabled; volatile, so that a change
   * made on another thread is seen by the next call, also in a loop the JIT compiled.
   */
  private volatile int lowest;

  /**
   * Creates a gate.
   *
   * @param vetoes the backend's list that, while not empty, makes the gate ask the backend
   * @param lowest the lowest level that may be enabled, {@code null} when none is
   */
  public LevelGate(CopyOnWriteArrayList<?> vetoes, LogLevel lowest) {
    this.vetoes = vetoes;
    this.lowest = rank(lowest);
  }

  /**
   * Records the logger's level as the backend has it now.
   *
   * @param lowest the lowest level that may be enabled; {@code null} when none is (level off);
   *     {@link LogLevel#DEBUG} also when the gate should always ask the backend
   */
  public void shutBelow(LogLevel lowest) {
    this.lowest = rank(lowest);
  }

  /**
   * Tells whether {@code level} is below the logger's level as the backend last announced it. The
   * event is then certainly off if {@link #vetoes} is empty; else the backend must be asked.
   *
   * @param level the level, never {@code null}
   * @return {@code true} when the level is below the logger's
   */
  boolean below(LogLevel level) {
    return rank(level) < lowest;
  }

  /**
   * Returns the list that, while not empty, takes the gate's answer away. The dispatcher holds it
   * in each facade as well, which saves one dependent load per call.
   *
   * @return the list, read by the caller on every call
   */
  CopyOnWriteArrayList<?> vetoes() {
    return vetoes;
  }

  /**
   * Ranks a level, {@code null} (off) above all. An if-chain, as in the SLF4J sink: comparisons
   * with enum constants fold away when the level is a constant, a switch or {@code ordinal()} read
   * would not.
   */
  private static int rank(LogLevel level) {
    if (level == LogLevel.DEBUG) {
      return 0;
    }
    if (level == LogLevel.INFO) {
      return 1;
    }
    if (level == LogLevel.WARNING) {
      return 2;
    }
    if (level == LogLevel.ERROR) {
      return 3;
    }
    return level == LogLevel.CRITICAL ? 4 : 5;
  }

  /** Keeps the gates of a backend's loggers current; implemented by a binding. */
  public interface Source {
    /**
     * Returns the gate of a logger, kept current from now on.
     *
     * @param logger a logger of the binding's sink
     * @return the gate, or {@code null} when the level of this logger cannot be followed
     */
    LevelGate gate(Object logger);
  }
}
