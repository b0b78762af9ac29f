package dev.optel;

import dev.optel.internal.Backends;
import java.util.Map;

/** The logging facade used without SLF4J 2.x: drops every event. */
enum NoopLogging implements LoggingFacade {
  INSTANCE;

  @Override
  public boolean isEnabled(LogLevel level) {
    return false;
  }

  @Override
  public LoggingFacade bind(String key, Object value) {
    return this;
  }

  @Override
  public void log(LogLevel level, String event, Object... keyValues) {
    if (level == LogLevel.ERROR || level == LogLevel.CRITICAL) {
      Backends.markCurrentSpanError(event);
    }
  }

  @Override
  public void log(LogLevel level, String event, Map<String, ?> fields) {
    if (level == LogLevel.ERROR || level == LogLevel.CRITICAL) {
      Backends.markCurrentSpanError(event);
    }
  }

  @Override
  public String toString() {
    return "LoggingFacade.noop()";
  }
}
