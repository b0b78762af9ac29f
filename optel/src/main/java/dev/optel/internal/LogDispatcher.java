package dev.optel.internal;

import dev.optel.LogEventBuilder;
import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.internal.logging.FieldNames;
import dev.optel.internal.logging.LogValues;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The one implementation of {@link LoggingFacade}, for every backend and for the no-op: the level
 * check, the span marking of {@code error} and {@code critical}, and the collection of an event's
 * fields ({@code LogContext}, bound, the call's own, then the trace ids; names by {@link
 * FieldNames#forUser}, values by {@link LogValues#of}) live here once. The binding's {@link
 * LogSink} only translates to its backend.
 *
 * <p>Every level method is a few bytecodes: ask the backend, and only then call a separate method
 * that does the work. The JIT inlines such a method into its caller wherever the facade is held (a
 * {@code static final} field or an instance field), so a disabled call is the backend's level check
 * and builds nothing. Were the work inlined into the level method, it would grow too big to be
 * inlined itself.
 *
 * <p>What the caller boxes for a call is the caller's: {@code Long.valueOf} and its siblings return
 * a cached or a new object, JDK 17 to 21 cannot rebuild such a merged value at a deoptimisation
 * point, so their JIT allocates the box whenever one follows it, and a facade in an instance field
 * always has one, its receiver check. An empty method called there allocates the box too, so no
 * shape of this class can drop it (JDK 22+ can: optel-benchmarks/README.md). The fluent {@code
 * at...()} methods are the answer: a disabled level returns a {@link NoopEventBuilder} constant
 * before any value exists, and its {@code field} overloads take primitives unboxed.
 *
 * <p>With Logback, whose listeners hear every level change, the binding keeps a {@link LevelGate}
 * per logger ({@code internal.logback.LogbackLevels}), and the check reads the gate instead of
 * asking the logger: the level Logback last announced, then Logback's turbo filter list, which must
 * be empty for the gate to answer. The gate only ever answers "off", so an enabled event is still
 * asked of Logback, filters and all. Other backends keep the plain check ({@link #GATED} folds the
 * gate away): the backend is asked on every call.
 *
 * <p>What a disabled call executes, read from the compiled loop of {@code
 * LogBench.optelDisabledInstance1} in optel-benchmarks (optel-benchmarks/README.md): the facade's
 * receiver check (the caller holds an interface, so the JIT compares the class before it inlines),
 * the gate's level, the list's array and its length, and one load per argument of the caller,
 * evaluated before the call and kept for the deoptimisation state of the checks: 15 instructions
 * and 8 loads, where SLF4J's fluent call on Logback executes 14 and 7 and its chain of dependent
 * loads (logger, context, list, array, length) is one longer than this one's (facade, list, array,
 * length). Nothing else: the sink is a constant of this class (one binding per JVM), {@link #gate}
 * and {@link #vetoes} have declared classes (no class check). For a facade in a {@code static
 * final} field the receiver check and the facade's loads go too: the facade is a record, whose
 * final fields HotSpot trusts as constants (it does not for ordinary classes). Without gates the
 * check reads {@link #logger} and the backend's logger does its own check after a second class
 * check (20 instructions and 10 loads with Logback).
 *
 * @param logger the backend's logger, or {@code null} for the no-op facade
 * @param bound fields of {@link #bind}: key (as {@link FieldNames#forUser} names it), value, ...
 * @param gate the logger's gate when the sink keeps gates, else {@link LevelGate#ASK} (unread);
 *     {@link LevelGate#CLOSED} for the no-op facade
 * @param vetoes the gate's {@link LevelGate#vetoes}, held here as well: the check then reaches the
 *     list in one load from the facade, not two, and its chain of dependent loads (facade, list,
 *     array, length) is one shorter than Logback's own (logger, context, list, array, length)
 */
record LogDispatcher(Object logger, Object[] bound, LevelGate gate, CopyOnWriteArrayList<?> vetoes)
    implements LoggingFacade {
  private static final Object[] NO_FIELDS = new Object[0];

  LogDispatcher(Object logger, Object[] bound, LevelGate gate) {
    this(logger, bound, gate, gate.vetoes());
  }

  /** The binding's sink; {@code null} without one, when every facade is the no-op. */
  private static final LogSink<Object, Object> SINK = sink();

  /** Whether {@link #SINK} keeps a {@link LevelGate} per logger; a constant, like the sink. */
  private static final boolean GATED = SINK != null && SINK.keepsGates();

  /**
   * Where enabled events also go as OpenTelemetry log records while a logs exporter is configured
   * ({@link Backends#exportLogs}), else {@code null}. Read only once an event is enabled, so a
   * disabled call does not pay for it.
   */
  private static volatile LogSink<Object, Object> exported;

  /** The facade without a backend: writes nothing, marks the span on {@code error}. */
  static final LoggingFacade OFF = new LogDispatcher(null, NO_FIELDS, LevelGate.CLOSED);

  /**
   * Returns the facade of a logger name: the binding's, or the no-op without a binding.
   *
   * @param name the logger name
   * @return the facade
   */
  static LoggingFacade of(String name) {
    LogSink<Object, Object> sink = SINK;
    if (sink == null) {
      return OFF;
    }
    Object logger = sink.logger(name);
    LevelGate gate = GATED ? sink.gate(logger) : null;
    return new LogDispatcher(logger, NO_FIELDS, gate == null ? LevelGate.ASK : gate);
  }

  @SuppressWarnings("unchecked") // the sink is only ever given loggers and events it made
  static void exportTo(LogSink<?, ?> records) {
    exported = (LogSink<Object, Object>) records;
  }

  /**
   * An event written to the backend and exported as a log record: each field goes to both, in the
   * same order. Only exists while logs are exported; otherwise the event is the backend's alone.
   */
  private record Tee(Object event, LogSink<Object, Object> records, Object record) {}

  @SuppressWarnings("unchecked") // the sink is only ever given loggers and events it made
  private static LogSink<Object, Object> sink() {
    Backends.LoggingBackend binding = Backends.logging();
    return binding == null ? null : (LogSink<Object, Object>) binding.sink();
  }

  /**
   * The level check: the whole of a disabled call. The constant {@link #SINK} is tested first, so
   * that without a binding the JIT folds the check to {@code false} and never reads {@link
   * #logger}; then, with a sink that keeps gates, the logger's gate, which answers a disabled call
   * alone; the backend is asked only when the gate does not answer. {@link #OFF} (from {@code
   * LoggingFacade.noop()}) has no logger and a closed gate.
   */
  private boolean on(LogLevel level) {
    LogSink<Object, Object> sink = SINK;
    if (sink == null || GATED && gate.below(level) && vetoes.isEmpty()) {
      return false;
    }
    Object l = logger;
    return l != null && sink.isEnabled(l, level);
  }

  // The fluent form. Like the level methods: the check, then (only when enabled) a new builder.

  @Override
  public LogEventBuilder atDebug() {
    return on(LogLevel.DEBUG) ? new EventBuilder(this, LogLevel.DEBUG) : NoopEventBuilder.DROP;
  }

  @Override
  public LogEventBuilder atInfo() {
    return on(LogLevel.INFO) ? new EventBuilder(this, LogLevel.INFO) : NoopEventBuilder.DROP;
  }

  @Override
  public LogEventBuilder atWarning() {
    return on(LogLevel.WARNING) ? new EventBuilder(this, LogLevel.WARNING) : NoopEventBuilder.DROP;
  }

  @Override
  public LogEventBuilder atError() {
    return on(LogLevel.ERROR) ? new EventBuilder(this, LogLevel.ERROR) : NoopEventBuilder.MARK;
  }

  @Override
  public LogEventBuilder atCritical() {
    return on(LogLevel.CRITICAL)
        ? new EventBuilder(this, LogLevel.CRITICAL)
        : NoopEventBuilder.MARK;
  }

  @Override
  public LogEventBuilder atLevel(LogLevel level) {
    LogLevel l = level == null ? LogLevel.INFO : level;
    if (on(l)) {
      return new EventBuilder(this, l);
    }
    return l == LogLevel.ERROR || l == LogLevel.CRITICAL
        ? NoopEventBuilder.MARK
        : NoopEventBuilder.DROP;
  }

  @Override
  public boolean isEnabled(LogLevel level) {
    return level != null && on(level);
  }

  @Override
  public LoggingFacade bind(String key, Object value) {
    if (logger == null) {
      return this; // the no-op writes nothing, so it has nothing to carry
    }
    Object[] more = Arrays.copyOf(bound, bound.length + 2);
    more[bound.length] = FieldNames.forUser(String.valueOf(key));
    more[bound.length + 1] = value;
    return new LogDispatcher(logger, more, gate);
  }

  @Override
  public void log(LogLevel level, String event, Object... keyValues) {
    LogLevel l = level == null ? LogLevel.INFO : level;
    if (l == LogLevel.ERROR || l == LogLevel.CRITICAL) {
      Backends.markCurrentSpanError(event);
    }
    if (on(l)) {
      writePairs(l, event, keyValues);
    }
  }

  @Override
  public void log(LogLevel level, String event, Map<String, ?> fields) {
    LogLevel l = level == null ? LogLevel.INFO : level;
    if (l == LogLevel.ERROR || l == LogLevel.CRITICAL) {
      Backends.markCurrentSpanError(event);
    }
    if (on(l)) {
      writeMap(l, event, fields);
    }
  }

  // The level methods. Each is the same two steps; the levels differ only in their constant, and
  // error and critical first mark the current span, whether the event is enabled or not.

  @Override
  public void debug(String event) {
    if (on(LogLevel.DEBUG)) {
      write(LogLevel.DEBUG, event, 0, null, null, null, null);
    }
  }

  @Override
  public void debug(String event, String key, Object value) {
    if (on(LogLevel.DEBUG)) {
      write(LogLevel.DEBUG, event, 1, key, value, null, null);
    }
  }

  @Override
  public void debug(String event, String key1, Object value1, String key2, Object value2) {
    if (on(LogLevel.DEBUG)) {
      write(LogLevel.DEBUG, event, 2, key1, value1, key2, value2);
    }
  }

  @Override
  public void debug(String event, Object... keyValues) {
    if (on(LogLevel.DEBUG)) {
      writePairs(LogLevel.DEBUG, event, keyValues);
    }
  }

  @Override
  public void debug(String event, Map<String, ?> fields) {
    if (on(LogLevel.DEBUG)) {
      writeMap(LogLevel.DEBUG, event, fields);
    }
  }

  @Override
  public void info(String event) {
    if (on(LogLevel.INFO)) {
      write(LogLevel.INFO, event, 0, null, null, null, null);
    }
  }

  @Override
  public void info(String event, String key, Object value) {
    if (on(LogLevel.INFO)) {
      write(LogLevel.INFO, event, 1, key, value, null, null);
    }
  }

  @Override
  public void info(String event, String key1, Object value1, String key2, Object value2) {
    if (on(LogLevel.INFO)) {
      write(LogLevel.INFO, event, 2, key1, value1, key2, value2);
    }
  }

  @Override
  public void info(String event, Object... keyValues) {
    if (on(LogLevel.INFO)) {
      writePairs(LogLevel.INFO, event, keyValues);
    }
  }

  @Override
  public void info(String event, Map<String, ?> fields) {
    if (on(LogLevel.INFO)) {
      writeMap(LogLevel.INFO, event, fields);
    }
  }

  @Override
  public void warning(String event) {
    if (on(LogLevel.WARNING)) {
      write(LogLevel.WARNING, event, 0, null, null, null, null);
    }
  }

  @Override
  public void warning(String event, String key, Object value) {
    if (on(LogLevel.WARNING)) {
      write(LogLevel.WARNING, event, 1, key, value, null, null);
    }
  }

  @Override
  public void warning(String event, String key1, Object value1, String key2, Object value2) {
    if (on(LogLevel.WARNING)) {
      write(LogLevel.WARNING, event, 2, key1, value1, key2, value2);
    }
  }

  @Override
  public void warning(String event, Object... keyValues) {
    if (on(LogLevel.WARNING)) {
      writePairs(LogLevel.WARNING, event, keyValues);
    }
  }

  @Override
  public void warning(String event, Map<String, ?> fields) {
    if (on(LogLevel.WARNING)) {
      writeMap(LogLevel.WARNING, event, fields);
    }
  }

  @Override
  public void error(String event) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.ERROR)) {
      write(LogLevel.ERROR, event, 0, null, null, null, null);
    }
  }

  @Override
  public void error(String event, String key, Object value) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.ERROR)) {
      write(LogLevel.ERROR, event, 1, key, value, null, null);
    }
  }

  @Override
  public void error(String event, String key1, Object value1, String key2, Object value2) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.ERROR)) {
      write(LogLevel.ERROR, event, 2, key1, value1, key2, value2);
    }
  }

  @Override
  public void error(String event, Object... keyValues) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.ERROR)) {
      writePairs(LogLevel.ERROR, event, keyValues);
    }
  }

  @Override
  public void error(String event, Map<String, ?> fields) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.ERROR)) {
      writeMap(LogLevel.ERROR, event, fields);
    }
  }

  @Override
  public void critical(String event) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.CRITICAL)) {
      write(LogLevel.CRITICAL, event, 0, null, null, null, null);
    }
  }

  @Override
  public void critical(String event, String key, Object value) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.CRITICAL)) {
      write(LogLevel.CRITICAL, event, 1, key, value, null, null);
    }
  }

  @Override
  public void critical(String event, String key1, Object value1, String key2, Object value2) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.CRITICAL)) {
      write(LogLevel.CRITICAL, event, 2, key1, value1, key2, value2);
    }
  }

  @Override
  public void critical(String event, Object... keyValues) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.CRITICAL)) {
      writePairs(LogLevel.CRITICAL, event, keyValues);
    }
  }

  @Override
  public void critical(String event, Map<String, ?> fields) {
    Backends.markCurrentSpanError(event);
    if (on(LogLevel.CRITICAL)) {
      writeMap(LogLevel.CRITICAL, event, fields);
    }
  }

  // The work of an enabled event. Never throws into the caller: a failure drops the event and is
  // reported once.

  /** Writes an event with {@code count} (0 to 2) fields given one by one: no array. */
  private void write(
      LogLevel level,
      String event,
      int count,
      String key1,
      Object value1,
      String key2,
      Object value2) {
    try {
      Object e = begin(level, event);
      if (count > 0) {
        add(e, key1, value1);
      }
      if (count > 1) {
        add(e, key2, value2);
      }
      finish(e);
    } catch (Throwable t) {
      failed(t);
    }
  }

  /**
   * Writes an event of the fluent form ({@link EventBuilder}): {@code count} slots of {@code
   * fields} hold key, value, ...; {@code cause} may be {@code null}.
   */
  void writeFields(LogLevel level, String event, Object[] fields, int count, Throwable cause) {
    try {
      Object e = begin(level, event);
      if (cause != null) {
        cause(e, Throwables.safe(cause));
      }
      for (int i = 0; i + 1 < count; i += 2) {
        add(e, (String) fields[i], fields[i + 1]);
      }
      finish(e);
    } catch (Throwable t) {
      failed(t);
    }
  }

  /** Writes an event with key-value pairs read as {@link LoggingFacade} describes. */
  private void writePairs(LogLevel level, String event, Object[] keyValues) {
    try {
      Object e = begin(level, event);
      if (keyValues != null) {
        int n = keyValues.length;
        if ((n & 1) == 1 && keyValues[n - 1] instanceof Throwable t) {
          cause(e, Throwables.safe(t));
          n--;
        }
        int i = 0;
        for (; i + 1 < n; i += 2) {
          Object key = keyValues[i];
          add(e, key instanceof String s ? s : Diagnostics.safeToString(key), keyValues[i + 1]);
        }
        if (i < n) {
          put(e, "extra", value(keyValues[i]));
        }
      }
      finish(e);
    } catch (Throwable t) {
      failed(t);
    }
  }

  /** Writes an event with the fields of a map; a map that fails midway keeps what was read. */
  private void writeMap(LogLevel level, String event, Map<String, ?> fields) {
    try {
      Object e = begin(level, event);
      if (fields != null) {
        try {
          for (Map.Entry<String, ?> entry : fields.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if ("exception".equals(key) && value instanceof Throwable t) {
              cause(e, Throwables.safe(t));
            } else {
              add(e, key, value);
            }
          }
        } catch (Throwable t) {
          Diagnostics.rethrowIfFatal(t);
          Diagnostics.warnOnce("log.fields", "a field map failed while being read", t);
        }
      }
      finish(e);
    } catch (Throwable t) {
      failed(t);
    }
  }

  /** Starts the event with the fields that precede the call's own: LogContext's, then bound. */
  private Object begin(LogLevel level, String event) {
    String name = event == null ? "null" : event;
    Object e = SINK.begin(logger, level, name);
    LogSink<Object, Object> records = exported;
    if (records != null) {
      try {
        e =
            new Tee(
                e, records, records.begin(records.logger(SINK.loggerName(logger)), level, name));
      } catch (Throwable t) {
        exportFailed(t);
      }
    }
    LogFields.Frame frame = LogFields.current();
    if (frame != null) {
      // Oldest first, iteratively: the chain is as long as the caller nests bindings, and a
      // recursion of that depth would throw StackOverflowError into the caller.
      for (LogFields.Frame f : LogFields.oldestFirst(frame)) {
        add(e, f.key(), f.value());
      }
    }
    for (int i = 0; i < bound.length; i += 2) {
      put(e, (String) bound[i], value(bound[i + 1]));
    }
    return e;
  }

  /** Adds the ids of the current span, after every other field, and writes the event. */
  private void finish(Object e) {
    Object written = e instanceof Tee tee ? tee.event() : e;
    SpanIds ids = Backends.currentIds();
    if (ids != null) {
      // Only for the backend: a log record carries the ids as its own fields (its context's).
      SINK.add(written, "trace_id", ids.traceId());
      SINK.add(written, "span_id", ids.spanId());
    }
    SINK.emit(written);
    if (e instanceof Tee tee) {
      try {
        tee.records().emit(tee.record());
      } catch (Throwable t) {
        exportFailed(t);
      }
    }
  }

  /** Adds a field, already named and converted, to the event (and its log record). */
  private static void put(Object e, String key, Object value) {
    if (e instanceof Tee tee) {
      SINK.add(tee.event(), key, value);
      try {
        tee.records().add(tee.record(), key, value);
      } catch (Throwable t) {
        exportFailed(t);
      }
    } else {
      SINK.add(e, key, value);
    }
  }

  /** Sets the exception of the event (and its log record). */
  private static void cause(Object e, Throwable cause) {
    if (e instanceof Tee tee) {
      SINK.cause(tee.event(), cause);
      try {
        tee.records().cause(tee.record(), cause);
      } catch (Throwable t) {
        exportFailed(t);
      }
    } else {
      SINK.cause(e, cause);
    }
  }

  /** A failure of the log record only: the backend's event is still written. */
  private static void exportFailed(Throwable t) {
    Diagnostics.rethrowIfFatal(t);
    Diagnostics.warnOnce(
        "log.export", "could not export a log event as an OpenTelemetry log record", t);
  }

  /** Adds a user's field: named by {@link FieldNames#forUser}, its value by {@link #value}. */
  private void add(Object e, String key, Object value) {
    put(e, FieldNames.forUser(key == null ? "null" : key), value(value));
  }

  /**
   * Evaluates suppliers and turns the value into what {@link LogValues#of} hands on (plain JDK
   * values, immutable lists for arrays and collections, else a string), now, so that a hostile
   * {@code toString()} cannot fail inside the backend's appender and a collection changed after the
   * call does not change the event.
   */
  private static Object value(Object v) {
    if (v instanceof Supplier<?> s) {
      try {
        v = s.get();
      } catch (Throwable e) {
        Diagnostics.rethrowIfFatal(e);
        Diagnostics.warnOnce("log.supplier", "a lazy log value's Supplier threw", e);
        return "<Supplier threw " + e.getClass().getName() + ">";
      }
    }
    return LogValues.of(v);
  }

  private static void failed(Throwable t) {
    Diagnostics.rethrowIfFatal(t);
    Diagnostics.warnOnce("log.write", "could not write a log event", t);
  }

  @Override
  public String toString() {
    return logger == null
        ? "LoggingFacade.noop()"
        : "LoggingFacade[" + SINK.loggerName(logger) + "]";
  }
}
