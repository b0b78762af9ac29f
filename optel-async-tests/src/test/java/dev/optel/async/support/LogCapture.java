package dev.optel.async.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Collects the Logback events of one test; {@link #close()} detaches it. */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** The events named {@code message}, each as its key-value fields. */
  public synchronized List<Map<String, Object>> events(String message) {
    synchronized (appender.list) {
      return appender.list.stream()
          .filter(e -> message.equals(e.getMessage()))
          .map(LogCapture::fields)
          .collect(Collectors.toList());
    }
  }

  private static Map<String, Object> fields(ILoggingEvent event) {
    Map<String, Object> map = new LinkedHashMap<>();
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        map.put(p.key, p.value);
      }
    }
    return map;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
