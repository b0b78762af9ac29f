package dev.optel.internal.slf4j;

import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.internal.Backends;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.LogFields;
import dev.optel.internal.SpanIds;
import dev.optel.internal.Throwables;
import dev.optel.internal.logging.FieldNames;
import dev.optel.internal.logging.LogValues;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes optel events through the SLF4J 2.x fluent API: the event name is the message, fields are
 * key-value pairs, {@code CRITICAL} is {@code ERROR} with the {@code CRITICAL} marker. Only
 * optel's own {@code trace_id} and {@code span_id} pairs carry those names: a caller's field named
 * like one of optel's fields is passed on as {@link FieldNames#forUser} names it.
 *
 * <p>A record for speed, not for its value semantics: HotSpot trusts the final fields of records
 * as constants (it does not for ordinary classes), so for a facade held in a {@code static final}
 * field, the usual way, the JIT folds the facade away and a disabled call costs what the backend's
 * own level check costs ({@code LogBench.optelDisabled} in optel-benchmarks).
 *
 * @param logger the SLF4J logger events go to
 * @param bound fields of {@link #bind}: key (as {@link FieldNames#forUser} names it), value, ...
 */
record Slf4jLoggingFacade(Logger logger, Object[] bound) implements LoggingFacade {
  /** The marker of {@link LogLevel#CRITICAL} events. */
  static final String CRITICAL_MARKER = "CRITICAL";

  private static volatile Marker critical;

  @Override
  public boolean isEnabled(LogLevel level) {
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
      return level != null && logger.isErrorEnabled(criticalMarker());
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("slf4j.isEnabled", "the SLF4J backend failed a level check", e);
      return false;
    }
  }

  @Override
  public LoggingFacade bind(String key, Object value) {
    Object[] more = new Object[bound.length + 2];
    System.arraycopy(bound, 0, more, 0, bound.length);
    more[bound.length] = FieldNames.forUser(String.valueOf(key));
    more[bound.length + 1] = value;
    return new Slf4jLoggingFacade(logger, more);
  }

  @Override
  public void log(LogLevel level, String event, Object... keyValues) {
    LoggingEventBuilder builder = begin(level, event);
    if (builder == null) {
      return;
    }
    try {
      if (keyValues != null) {
        addPairs(builder, keyValues);
      }
      finish(builder);
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("slf4j.log", "could not write a log event", e);
    }
  }

  @Override
  public void log(LogLevel level, String event, Map<String, ?> fields) {
    LoggingEventBuilder builder = begin(level, event);
    if (builder == null) {
      return;
    }
    try {
      if (fields != null) {
        try {
          for (Map.Entry<String, ?> e : fields.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if ("exception".equals(key) && value instanceof Throwable t) {
              builder.setCause(Throwables.safe(t));
            } else {
              builder.addKeyValue(FieldNames.forUser(key), value(value));
            }
          }
        } catch (Throwable e) {
          Diagnostics.rethrowIfFatal(e);
          Diagnostics.warnOnce("slf4j.fields", "a field map failed while being read", e);
        }
      }
      finish(builder);
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("slf4j.log", "could not write a log event", e);
    }
  }

  /** Starts an event with the context fields, or returns {@code null} when the level is off. */
  private LoggingEventBuilder begin(LogLevel level, String event) {
    if (level == null) {
      level = LogLevel.INFO;
    }
    if (level == LogLevel.ERROR || level == LogLevel.CRITICAL) {
      Backends.markCurrentSpanError(event);
    }
    if (!isEnabled(level)) {
      return null;
    }
    try {
      LoggingEventBuilder builder;
      switch (level) {
        case DEBUG:
          builder = logger.atDebug();
          break;
        case INFO:
          builder = logger.atInfo();
          break;
        case WARNING:
          builder = logger.atWarn();
          break;
        case ERROR:
          builder = logger.atError();
          break;
        default:
          builder = logger.atError().addMarker(criticalMarker());
      }
      builder = RecordingEventBuilder.wrapIfWanted(builder, logger.getName());
      builder.setMessage(event == null ? "null" : event);
      addFrames(builder, LogFields.current());
      for (int i = 0; i < bound.length; i += 2) {
        builder.addKeyValue((String) bound[i], value(bound[i + 1]));
      }
      return builder;
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("slf4j.log", "could not write a log event", e);
      return null;
    }
  }

  private void finish(LoggingEventBuilder builder) {
    SpanIds ids = Backends.currentIds();
    if (ids != null) {
      builder.addKeyValue("trace_id", ids.traceId());
      builder.addKeyValue("span_id", ids.spanId());
    }
    builder.log();
  }

  /**
   * Adds LogContext fields oldest first. Never recursive: the chain is as long as the caller nests
   * bindings, and a recursion of that depth would throw {@link StackOverflowError} into the caller.
   */
  private static void addFrames(LoggingEventBuilder builder, LogFields.Frame frame) {
    if (frame == null) {
      return;
    }
    for (LogFields.Frame f : LogFields.oldestFirst(frame)) {
      builder.addKeyValue(FieldNames.forUser(f.key()), value(f.value()));
    }
  }

  private static void addPairs(LoggingEventBuilder builder, Object[] kv) {
    int n = kv.length;
    if ((n & 1) == 1 && kv[n - 1] instanceof Throwable t) {
      builder.setCause(Throwables.safe(t));
      n--;
    }
    int i = 0;
    for (; i + 1 < n; i += 2) {
      Object key = kv[i];
      String name = key instanceof String s ? s : Diagnostics.safeToString(key);
      builder.addKeyValue(FieldNames.forUser(name), value(kv[i + 1]));
    }
    if (i < n) {
      builder.addKeyValue("extra", value(kv[i]));
    }
  }

  /**
   * Evaluates suppliers and turns the value into what {@link LogValues#of} hands on (plain JDK
   * values, immutable lists for arrays and collections, else a string), now, so that a hostile
   * {@code toString()} cannot fail inside the backend's appender and a collection changed after the
   * call does not change the event.
   */
  static Object value(Object v) {
    if (v instanceof Supplier<?> s) {
      try {
        v = s.get();
      } catch (Throwable e) {
        Diagnostics.rethrowIfFatal(e);
        Diagnostics.warnOnce("slf4j.supplier", "a lazy log value's Supplier threw", e);
        return "<Supplier threw " + e.getClass().getName() + ">";
      }
    }
    return LogValues.of(v);
  }

  private static Marker criticalMarker() {
    Marker m = critical;
    if (m == null) {
      m = MarkerFactory.getMarker(CRITICAL_MARKER);
      critical = m;
    }
    return m;
  }

  @Override
  public String toString() {
    return "Slf4jLoggingFacade[" + logger.getName() + "]";
  }
}
