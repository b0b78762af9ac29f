package dev.optel.internal.log4j;

import dev.optel.LogLevel;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.Throwables;
import dev.optel.internal.logging.FacadeEvent;
import dev.optel.internal.logging.JsonLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * Turns Log4j events into optel's field map and hands them to {@link JsonLines}.
 *
 * <p>log4j-slf4j2-impl passes SLF4J key-value pairs as context data (strings, like MDC entries).
 * For optel's own events the SLF4J binding publishes the typed pairs through {@link FacadeEvent},
 * so numbers and booleans stay JSON numbers and booleans; other events get the context data as
 * strings. {@code trace_id} and {@code span_id} come right after the message; fields named like
 * optel's own never replace them (see {@link JsonLines#putPair}).
 */
final class JsonAppender extends AbstractAppender {
  JsonAppender(JsonLines lines) {
    super("optel-json", null, null, true, Property.EMPTY_ARRAY);
    this.lines = lines;
  }

  /** Replaced when {@code configure()} is called again, without detaching this appender. */
  private volatile JsonLines lines;

  void lines(JsonLines lines) {
    this.lines = lines;
  }

  @Override
  public void append(LogEvent event) {
    try {
      Marker marker = event.getMarker();
      LogLevel level =
          JsonLines.level(
              event.getLevel().name(), marker != null && marker.isInstanceOf("CRITICAL"));
      if (!lines.enabled(level)) {
        return;
      }
      Map<String, Object> fields =
          JsonLines.fields(
              event.getTimeMillis(),
              level,
              event.getLoggerName(),
              event.getMessage().getFormattedMessage());
      ReadOnlyStringMap data = event.getContextData();
      if (event.getThreadId() == Thread.currentThread().getId()) {
        JsonLines.putCurrentIds(fields);
      } else if (data != null) {
        // Asynchronous loggers call appenders on another thread: take the ids optel's logging
        // facade put into the event (never a caller's field, which it renames).
        JsonLines.putIds(fields, data.getValue("trace_id"), data.getValue("span_id"));
      }
      Object[] typed = FacadeEvent.pairsFor(event.getLoggerName(), (String) fields.get("event"));
      if (typed != null) {
        addTyped(fields, typed, data);
      } else if (data != null) {
        data.forEach((k, v) -> JsonLines.putPair(fields, k, v));
      }
      Throwable thrown = event.getThrown();
      if (thrown != null) {
        fields.put("exception", stackTrace(thrown));
      }
      lines.emit(fields);
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("jsonlog.log4j", "a Log4j event could not be written as JSON", e);
    }
  }

  /**
   * Adds an optel event's pairs with their types and order: first the thread context entries that
   * are not pairs of the event (the MDC), then the pairs.
   */
  private static void addTyped(Map<String, Object> fields, Object[] typed, ReadOnlyStringMap data) {
    Map<String, Object> pairs = new LinkedHashMap<>();
    for (int i = 0; i + 1 < typed.length; i += 2) {
      pairs.put(String.valueOf(typed[i]), typed[i + 1]);
    }
    if (data != null) {
      data.forEach(
          (k, v) -> {
            if (!pairs.containsKey(k)) {
              JsonLines.putContext(fields, k, v);
            }
          });
    }
    pairs.forEach((k, v) -> JsonLines.putPair(fields, k, v));
  }

  /** The stack trace as the JDK prints it; optel's own events carry a safe exception already. */
  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    Throwables.safe(t).printStackTrace(new PrintWriter(w));
    String s = w.toString();
    return s.endsWith(System.lineSeparator())
        ? s.substring(0, s.length() - System.lineSeparator().length())
        : s;
  }
}
