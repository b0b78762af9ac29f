package dev.optel.internal.slf4j;

import dev.optel.LogLevel;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.LevelGate;
import dev.optel.internal.LogSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes optel events through the SLF4J 2.x fluent API: the event name is the message, fields are
 * key-value pairs, {@code CRITICAL} is {@code ERROR} with the {@code CRITICAL} marker. The fields
 * arrive named and converted by optel's dispatcher; this class only speaks SLF4J. When the provider
 * is Logback, the level gates come from the Logback binding ({@code LogbackLevels}).
 */
final class Slf4jLogSink implements LogSink<Logger, LoggingEventBuilder> {

  /** The marker of {@link LogLevel#CRITICAL} events. */
  static final String CRITICAL_MARKER = "CRITICAL";

  private static volatile Marker critical;

  /** Keeps the level gates of the provider's loggers, or {@code null} when it cannot. */
  private final LevelGate.Source levels;

  Slf4jLogSink(LevelGate.Source levels) {
    this.levels = levels;
  }

  @Override
  public boolean keepsGates() {
    return levels != null;
  }

  @Override
  public LevelGate gate(Logger logger) {
    return levels == null ? null : levels.gate(logger);
  }

  @Override
  public Logger logger(String name) {
    return LoggerFactory.getLogger(name);
  }

  @Override
  public boolean isEnabled(Logger logger, LogLevel level) {
    // An if-chain rather than a switch on purpose: this is the whole cost of a disabled call. A
    // switch on an enum reads the compiler's synthetic $SwitchMap array at run time, while
    // comparisons with the enum constants fold away once the JIT inlines a call such as
    // debug(...), whose level is a constant, leaving only the backend's own level check.
    try {
      if (level == LogLevel.DEBUG) {
        return logger.isDebugEnabled();
      }
      if (level == LogLevel.INFO) {
        return logger.isInfoEnabled();
      }
      if (level == LogLevel.WARNING) {
        return logger.isWarnEnabled();
      }
      if (level == LogLevel.ERROR) {
        return logger.isErrorEnabled();
      }
      return logger.isErrorEnabled(criticalMarker());
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("slf4j.isEnabled", "the SLF4J backend failed a level check", e);
      return false;
    }
  }

  @Override
  public LoggingEventBuilder begin(Logger logger, LogLevel level, String event) {
    // makeLoggingEventBuilder rather than atDebug() and its siblings: the level was checked just
    // now, and at...() would ask the backend (and its filters) a second time.
    LoggingEventBuilder builder;
    if (level == LogLevel.DEBUG) {
      builder = logger.makeLoggingEventBuilder(Level.DEBUG);
    } else if (level == LogLevel.INFO) {
      builder = logger.makeLoggingEventBuilder(Level.INFO);
    } else if (level == LogLevel.WARNING) {
      builder = logger.makeLoggingEventBuilder(Level.WARN);
    } else if (level == LogLevel.ERROR) {
      builder = logger.makeLoggingEventBuilder(Level.ERROR);
    } else {
      builder = logger.makeLoggingEventBuilder(Level.ERROR).addMarker(criticalMarker());
    }
    builder = RecordingEventBuilder.wrapIfWanted(builder, logger.getName());
    builder.setMessage(event);
    return builder;
  }

  @Override
  public void add(LoggingEventBuilder event, String key, Object value) {
    event.addKeyValue(key, value);
  }

  @Override
  public void cause(LoggingEventBuilder event, Throwable cause) {
    event.setCause(cause);
  }

  @Override
  public void emit(LoggingEventBuilder event) {
    event.log();
  }

  @Override
  public String loggerName(Logger logger) {
    return logger.getName();
  }

  private static Marker criticalMarker() {
    Marker m = critical;
    if (m == null) {
      m = MarkerFactory.getMarker(CRITICAL_MARKER);
      critical = m;
    }
    return m;
  }
}
