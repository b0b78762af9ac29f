package dev.optel.internal.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import dev.optel.LogLevel;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.LevelGate;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a {@link LevelGate} per Logback logger that optel wraps, current with Logback's level
 * changes, so that a disabled call reads the gate instead of asking the logger. Loaded by name from
 * the SLF4J binding when SLF4J's provider is Logback's.
 *
 * <p>A {@link LoggerContextListener} on the logger's context ({@link Follower}) hears every change
 * of an effective level: {@code setLevel} (by code, JMX or a configuration file, also on a parent)
 * announces itself after it updated the children, and {@code reset()} after it put every level
 * back. The listener survives resets; after the context is stopped, which drops every listener, its
 * gates ask Logback on every call again. Turbo filters need no listener: the gate reads their list
 * on every call and answers only while it is empty.
 *
 * <p>The gates live as long as the context that holds the listener, one per Logback logger, and
 * Logback keeps its loggers for the context's life anyway; facades and {@code bind} share them.
 */
public final class LogbackLevels implements LevelGate.Source {

  private LogbackLevels() {}

  /**
   * Creates the binding; called by name from the SLF4J binding.
   *
   * @return the binding
   */
  public static LogbackLevels create() {
    return new LogbackLevels();
  }

  @Override
  public LevelGate gate(Object logger) {
    try {
      // SLF4J hands out a stand-in while it initialises; its level cannot be followed.
      return logger instanceof Logger l ? Follower.of(l.getLoggerContext()).gate(l) : null;
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce(
          "logback.levels",
          "could not follow Logback's level changes; optel asks Logback at every level check",
          e);
      return null;
    }
  }

  /** The lowest optel level Logback lets through at this effective level; {@code null}: none. */
  private static LogLevel lowest(Logger logger) {
    int level = logger.getEffectiveLevel().toInt();
    if (level <= Level.DEBUG_INT) {
      return LogLevel.DEBUG;
    }
    if (level <= Level.INFO_INT) {
      return LogLevel.INFO;
    }
    if (level <= Level.WARN_INT) {
      return LogLevel.WARNING;
    }
    return level <= Level.ERROR_INT ? LogLevel.ERROR : null;
  }

  /**
   * The listener on one context, holding the gates of its loggers. Every announcement recomputes
   * all gates from the loggers' effective levels, under this object's lock, so that the last
   * announcement leaves every gate as Logback has it, whatever threads change levels at once.
   */
  static final class Follower implements LoggerContextListener {
    private static final Object LOCK = new Object();

    private final LoggerContext context;

    /** Guarded by {@code this}. */
    private final Map<Logger, LevelGate> gates = new HashMap<>();

    /**
     * Guarded by {@code this}: every gate asks Logback from now on, because the context was stopped
     * (and dropped this listener) or following a change failed.
     */
    private boolean asking;

    private Follower(LoggerContext context) {
      this.context = context;
    }

    /**
     * Returns the context's follower, registering one the first time. Logback's listener list is a
     * plain {@code ArrayList}: like every {@code addListener} (Logback's own configurators' too),
     * this one is unsafe against a level change announced at the same moment on another thread. It
     * happens once per context, when the first facade is made.
     */
    static Follower of(LoggerContext context) {
      synchronized (LOCK) {
        for (LoggerContextListener l : context.getCopyOfListenerList()) {
          if (l instanceof Follower f) {
            return f;
          }
        }
        Follower f = new Follower(context);
        context.addListener(f);
        return f;
      }
    }

    /** Returns the logger's gate, made and set now the first time. */
    synchronized LevelGate gate(Logger logger) {
      LevelGate gate = gates.get(logger);
      if (gate == null) {
        gate =
            new LevelGate(context.getTurboFilterList(), asking ? LogLevel.DEBUG : lowest(logger));
        gates.put(logger, gate);
      }
      return gate;
    }

    /**
     * Sets every gate from its logger's effective level. Runs inside Logback's {@code setLevel} and
     * {@code reset()}, so it must not throw: on a failure every gate asks Logback from then on.
     */
    private synchronized void follow() {
      try {
        for (Map.Entry<Logger, LevelGate> e : gates.entrySet()) {
          e.getValue().shutBelow(asking ? LogLevel.DEBUG : lowest(e.getKey()));
        }
      } catch (RuntimeException | LinkageError e) {
        asking = true;
        gates.values().forEach(g -> g.shutBelow(LogLevel.DEBUG));
        Diagnostics.warnOnce(
            "logback.levels",
            "could not follow Logback's level changes; optel asks Logback at every level check",
            e);
      }
    }

    @Override
    public boolean isResetResistant() {
      return true;
    }

    @Override
    public void onStart(LoggerContext context) {
      follow();
    }

    @Override
    public void onReset(LoggerContext context) {
      follow();
    }

    @Override
    public void onStop(LoggerContext context) {
      // Logback drops every listener after this, so no later change would reach the gates.
      synchronized (this) {
        asking = true;
      }
      follow();
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
      follow();
    }
  }
}
