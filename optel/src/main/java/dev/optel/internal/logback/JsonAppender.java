package dev.optel.internal.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.optel.LogLevel;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.logging.JsonLines;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Turns Logback events into optel's field map and hands them to {@link JsonLines}. Unsynchronized:
 * each event is rendered on its own thread and written with one call on the stream.
 */
final class JsonAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** Replaced when {@code configure()} is called again, without detaching this appender. */
  private volatile JsonLines lines;

  JsonAppender(JsonLines lines) {
    this.lines = lines;
  }

  void lines(JsonLines lines) {
    this.lines = lines;
  }

  @Override
  protected void append(ILoggingEvent event) {
    try {
      LogLevel level = JsonLines.level(event.getLevel().toString(), critical(event));
      if (!lines.enabled(level)) {
        return;
      }
      Map<String, Object> fields =
          JsonLines.fields(
              event.getTimeStamp(), level, event.getLoggerName(), event.getFormattedMessage());
      // Logback calls its appenders on the logging thread, so the current span is the event's.
      JsonLines.putCurrentIds(fields);
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null) {
        mdc.forEach((k, v) -> JsonLines.putContext(fields, String.valueOf(k), v));
      }
      List<KeyValuePair> kvs = event.getKeyValuePairs();
      if (kvs != null) {
        for (KeyValuePair kv : kvs) {
          JsonLines.putPair(fields, String.valueOf(kv.key), kv.value);
        }
      }
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        fields.put("exception", ThrowableProxyUtil.asString(thrown).stripTrailing());
      }
      lines.emit(fields);
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("jsonlog.logback", "a Logback event could not be written as JSON", e);
    }
  }

  private static boolean critical(ILoggingEvent event) {
    List<Marker> markers = event.getMarkerList();
    if (markers != null) {
      for (Marker m : markers) {
        if ("CRITICAL".equals(m.getName())) {
          return true;
        }
      }
    }
    return false;
  }
}
