package dev.optel.tests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/** A Log4j appender on the root logger keeping immutable copies. Only loaded with Log4j present. */
final class Log4jCapture extends AbstractAppender implements LogCapture {
  static final Log4jCapture INSTANCE = new Log4jCapture();

  private final List<LogEvent> received = new ArrayList<>();

  private Log4jCapture() {
    super("optel-test-capture", null, null, true, Property.EMPTY_ARRAY);
    start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    config.getRootLogger().setLevel(Level.DEBUG);
    config.getRootLogger().addAppender(this, Level.ALL, null);
    context.updateLoggers();
  }

  @Override
  public synchronized void append(LogEvent event) {
    received.add(event.toImmutable());
  }

  @Override
  public synchronized List<dev.optel.tests.LogEvent> events() {
    List<dev.optel.tests.LogEvent> out = new ArrayList<>();
    for (LogEvent e : received) {
      Map<String, Object> kv = new LinkedHashMap<>(e.getContextData().toMap());
      List<String> markers = new ArrayList<>();
      if (e.getMarker() != null) {
        markers.add(e.getMarker().getName());
      }
      out.add(
          new dev.optel.tests.LogEvent(
              e.getLoggerName(),
              e.getLevel().name(),
              e.getMessage().getFormattedMessage(),
              kv,
              markers,
              e.getThrown()));
    }
    return out;
  }

  @Override
  public synchronized void clear() {
    received.clear();
  }

  @Override
  public void setLevel(String logger, String level) {
    Configurator.setLevel(logger, level == null ? null : Level.toLevel(level));
  }
}
