package dev.optel.internal.logging;

import dev.optel.LogLevel;
import dev.optel.LogProcessor;
import dev.optel.internal.Backends;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.SpanIds;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The backend-neutral half of the JSON output: the backend adapters turn their events into a field
 * map with {@link #fields}, and {@link #emit} runs the processors in order, renders the result as
 * one JSON object and writes it as one line to the current {@link System#out}.
 *
 * <p>Nothing here throws (but the fatal errors of {@link Diagnostics#rethrowIfFatal}): a failing or
 * stack-overflowing processor is skipped for that event (reported once), a value that cannot be
 * rendered falls back to its string form, and an event that still cannot be written is dropped with
 * one warning.
 */
public final class JsonLines {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Set while this thread renders an event, so that a processor that logs cannot recurse. */
  private static final ThreadLocal<Boolean> EMITTING = new ThreadLocal<>();

  /**
   * The {@code level} field of each {@link LogLevel}, by ordinal: its name in lower case ({@code
   * debug}, {@code info}, {@code warning}, {@code error}, {@code critical}), computed once.
   */
  private static final String[] LEVEL_FIELDS =
      Arrays.stream(LogLevel.values())
          .map(l -> l.name().toLowerCase(Locale.ROOT))
          .toArray(String[]::new);

  private final LogProcessor[] processors;
  private final LogLevel minLevel;

  JsonLines(LogLevel level, List<LogProcessor> processors) {
    this.processors =
        processors == null
            ? new LogProcessor[0]
            : processors.stream().filter(p -> p != null).toArray(LogProcessor[]::new);
    this.minLevel = level == null ? LogLevel.INFO : level;
  }

  /**
   * Tells whether an event of this level passes the configured level. Lets a {@code CRITICAL}
   * setting drop plain {@code error} events, which the backends cannot tell apart by level.
   *
   * @param level the event's level, as returned by {@link #level}
   * @return {@code true} when the event should be written
   */
  public boolean enabled(LogLevel level) {
    // LogLevel's constants are declared from the least to the most severe.
    return level.compareTo(minLevel) >= 0;
  }

  /**
   * Returns the optel level of a backend level.
   *
   * @param backendLevel the backend's level name: TRACE, DEBUG, INFO, WARN, ERROR, FATAL (any case)
   * @param critical whether the event carries the {@code CRITICAL} marker
   * @return the level; {@link LogLevel#ERROR} (or {@link LogLevel#CRITICAL} with the marker) for a
   *     name it does not know
   */
  public static LogLevel level(String backendLevel, boolean critical) {
    String l = backendLevel == null ? "" : backendLevel.toUpperCase(Locale.ROOT);
    switch (l) {
      case "TRACE":
      case "DEBUG":
        return LogLevel.DEBUG;
      case "INFO":
        return LogLevel.INFO;
      case "WARN":
      case "WARNING":
        return LogLevel.WARNING;
      case "FATAL":
        return LogLevel.CRITICAL;
      default:
        return critical ? LogLevel.CRITICAL : LogLevel.ERROR;
    }
  }

  /**
   * Starts an event's field map with {@code timestamp}, {@code level}, {@code logger} and {@code
   * event}.
   *
   * @param epochMillis the event time
   * @param level the event's level
   * @param logger the logger name
   * @param event the message
   * @return a new mutable map in output order
   */
  public static Map<String, Object> fields(
      long epochMillis, LogLevel level, String logger, String event) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(epochMillis)));
    map.put("level", LEVEL_FIELDS[level.ordinal()]);
    map.put("logger", logger);
    map.put("event", event);
    return map;
  }

  /**
   * Adds {@code trace_id} and {@code span_id} of the span current on this thread, if any. Called by
   * an adapter that runs on the thread that logged the event (as both do while optel's output is
   * installed), so these are the ids of the span the event was logged in, whatever its fields say.
   *
   * @param fields the event's fields
   */
  public static void putCurrentIds(Map<String, Object> fields) {
    SpanIds ids = Backends.currentIds();
    if (ids != null) {
      putIds(fields, ids.traceId(), ids.spanId());
    }
  }

  /**
   * Adds {@code trace_id} and {@code span_id}, when both are known.
   *
   * @param fields the event's fields
   * @param traceId the trace id, or {@code null}
   * @param spanId the span id, or {@code null}
   */
  public static void putIds(Map<String, Object> fields, Object traceId, Object spanId) {
    if (traceId != null && spanId != null) {
      fields.put("trace_id", traceId);
      fields.put("span_id", spanId);
    }
  }

  /**
   * Adds an entry of the MDC (Log4j's thread context): a field of the application, named by {@link
   * FieldNames#forUser}. An entry that merely repeats optel's own field of that name (the
   * OpenTelemetry agent copies the ids into the MDC) is left out.
   *
   * @param fields the event's fields
   * @param key the entry's key
   * @param value the entry's value
   */
  public static void putContext(Map<String, Object> fields, String key, Object value) {
    if (!repeatsOwn(fields, key, value)) {
      fields.put(FieldNames.forUser(key), value);
    }
  }

  /**
   * Adds a key-value pair of the event. optel's logging facade has already renamed the fields of
   * its callers with {@link FieldNames#forUser} and its own ids are in place, so only a pair with
   * one of optel's exact names needs care: a copy of optel's value is left out, anything else (a
   * plain SLF4J call's pair) gets {@link FieldNames#PREFIX}.
   *
   * @param fields the event's fields
   * @param key the pair's key
   * @param value the pair's value
   */
  public static void putPair(Map<String, Object> fields, String key, Object value) {
    if (FieldNames.isOwn(key)) {
      if (repeatsOwn(fields, key, value)) {
        return;
      }
      key = FieldNames.PREFIX + key;
    }
    fields.put(key, value);
  }

  private static boolean repeatsOwn(Map<String, Object> fields, String key, Object value) {
    if (!FieldNames.isOwn(key)) {
      return false;
    }
    Object own = fields.get(key); // optel's own values are strings: equals cannot misbehave
    return own != null && own.equals(value);
  }

  /**
   * Runs the processors, renders and writes one event. Never throws.
   *
   * @param fields the event's fields, owned by this call
   */
  public void emit(Map<String, Object> fields) {
    if (EMITTING.get() != null) {
      Diagnostics.warnOnce(
          "jsonlog.reentrant",
          "an event logged while another was being rendered"
              + " (by a log processor or a toString()) was dropped",
          null);
      return;
    }
    String line;
    EMITTING.set(Boolean.TRUE);
    try {
      line = render(fields);
    } finally {
      EMITTING.remove();
    }
    if (line != null) {
      write(line);
    }
  }

  /**
   * Runs the processors and renders the event.
   *
   * @param fields the event's fields
   * @return the JSON line without a line break, or {@code null} when a processor dropped the event
   */
  String render(Map<String, Object> fields) {
    Map<String, Object> current = fields;
    for (LogProcessor p : processors) {
      try {
        Map<String, Object> next = p.process(current);
        if (next == null) {
          return null;
        }
        current = next;
      } catch (Throwable t) {
        Diagnostics.rethrowIfFatal(t);
        Diagnostics.warnOnce(
            "jsonlog.processor." + p.getClass().getName(),
            "log processor " + p.getClass().getName() + " threw; it is skipped for the event",
            t);
      }
    }
    try {
      return Json.object(current);
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce(
          "jsonlog.render",
          "a log event could not be rendered as JSON; its values are written as strings",
          e);
    }
    try {
      Map<String, Object> plain = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : current.entrySet()) {
        Object v = e.getValue();
        plain.put(
            e.getKey(),
            v instanceof Number || v instanceof Boolean || v == null
                ? v
                : Diagnostics.safeToString(v));
      }
      return Json.object(plain);
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("jsonlog.drop", "a log event could not be rendered and was dropped", e);
      return null;
    }
  }

  private static void write(String line) {
    try {
      // Looked up per event so that a later System.setOut is honoured; bytes are UTF-8 whatever the
      // platform encoding, and one write call keeps concurrent lines whole.
      PrintStream out = System.out;
      byte[] bytes = (line + '\n').getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
      out.flush();
    } catch (RuntimeException e) {
      Diagnostics.warnOnce("jsonlog.write", "a log line could not be written to System.out", e);
    }
  }
}
