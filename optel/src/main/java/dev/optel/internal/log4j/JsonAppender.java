package dev.optel.internal.log4j;

import dev.optel.internal.Diagnostics;
import dev.optel.internal.logging.JsonLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * Turns Log4j events into optel's field map and hands them to {@link JsonLines}.
 *
 * <p>log4j-slf4j2-impl passes SLF4J key-value pairs as context data (strings, like MDC entries),
 * so both appear as fields; {@code trace_id} and {@code span_id} are moved to the front.
 */
final class JsonAppender extends AbstractAppender {
  JsonAppender(JsonLines lines) {
    super("optel-json", null, null, true, Property.EMPTY_ARRAY);
    this.lines = lines;
  }

  private final JsonLines lines;

  @Override
  public void append(LogEvent event) {
    try {
      Marker marker = event.getMarker();
      String level = JsonLines.levelName(event.getLevel().name(),
          marker != null && marker.isInstanceOf("CRITICAL"));
      if (!lines.enabled(level)) {
        return;
      }
      Map<String, Object> fields = JsonLines.fields(event.getTimeMillis(), level,
          event.getLoggerName(), event.getMessage().getFormattedMessage());
      ReadOnlyStringMap data = event.getContextData();
      if (data != null) {
        Object traceId = data.getValue("trace_id");
        Object spanId = data.getValue("span_id");
        if (traceId != null) {
          fields.put("trace_id", traceId);
        }
        if (spanId != null) {
          fields.put("span_id", spanId);
        }
        data.forEach((k, v) -> fields.put(k, v));
      }
      Throwable thrown = event.getThrown();
      if (thrown != null) {
        fields.put("exception", stackTrace(thrown));
      }
      lines.emit(fields);
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("jsonlog.log4j", "a Log4j event could not be written as JSON", e);
    }
  }

  private static String stackTrace(Throwable t) {
    try {
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      String s = w.toString();
      return s.endsWith(System.lineSeparator())
          ? s.substring(0, s.length() - System.lineSeparator().length()) : s;
    } catch (RuntimeException e) {
      return Diagnostics.describe(t);
    }
  }
}
