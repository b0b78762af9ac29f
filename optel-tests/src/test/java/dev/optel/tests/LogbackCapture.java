package dev.optel.tests;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

/** A Logback {@link ListAppender} on the root logger. Only loaded with Logback present. */
final class LogbackCapture implements LogCapture {
  static final LogbackCapture INSTANCE = new LogbackCapture();

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogbackCapture() {
    appender.setContext(context());
    attach();
  }

  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  /**
   * Puts the appender (back) on the root logger at DEBUG, as after {@code LoggerContext.reset()},
   * which detaches and stops it.
   */
  synchronized void attach() {
    appender.start();
    ch.qos.logback.classic.Logger root = context().getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.DEBUG);
    if (!root.isAttached(appender)) {
      root.addAppender(appender);
    }
  }

  @Override
  public void setLevel(String logger, String level) {
    context().getLogger(logger).setLevel(level == null ? null : Level.toLevel(level));
  }

  @Override
  public synchronized List<LogEvent> events() {
    List<LogEvent> out = new ArrayList<>();
    for (ILoggingEvent e : appender.list) {
      Map<String, Object> kv = new LinkedHashMap<>();
      if (e.getKeyValuePairs() != null) {
        for (KeyValuePair p : e.getKeyValuePairs()) {
          kv.put(p.key, p.value);
        }
      }
      List<String> markers = new ArrayList<>();
      if (e.getMarkerList() != null) {
        for (Marker m : e.getMarkerList()) {
          markers.add(m.getName());
        }
      }
      IThrowableProxy proxy = e.getThrowableProxy();
      Throwable thrown = proxy instanceof ThrowableProxy tp ? tp.getThrowable() : null;
      out.add(
          new LogEvent(
              e.getLoggerName(), e.getLevel().toString(), e.getMessage(), kv, markers, thrown));
    }
    return out;
  }

  /** The key-value pairs of the event at {@code index} as Logback got them, duplicates included. */
  synchronized List<Map.Entry<String, Object>> pairs(int index) {
    List<Map.Entry<String, Object>> out = new ArrayList<>();
    List<KeyValuePair> pairs = appender.list.get(index).getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        out.add(Map.entry(p.key, p.value));
      }
    }
    return out;
  }

  @Override
  public synchronized void clear() {
    appender.list.clear();
  }

  /**
   * Runs {@code action} and returns how often Logback consulted its turbo filters meanwhile for
   * {@code logger} on this thread: once for every level check, and (Logback 1.5) once more for
   * every event it writes.
   */
  int turboFilterCalls(String logger, Runnable action) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Thread caller = Thread.currentThread();
    AtomicInteger calls = new AtomicInteger();
    TurboFilter counter =
        new TurboFilter() {
          @Override
          public FilterReply decide(
              Marker marker,
              ch.qos.logback.classic.Logger l,
              Level level,
              String format,
              Object[] params,
              Throwable t) {
            if (Thread.currentThread() == caller && l != null && l.getName().equals(logger)) {
              calls.incrementAndGet();
            }
            return FilterReply.NEUTRAL;
          }
        };
    counter.start();
    context.addTurboFilter(counter);
    try {
      action.run();
    } finally {
      context.getTurboFilterList().remove(counter);
    }
    return calls.get();
  }

  /**
   * Writes an event with one field through the SLF4J fluent API, the call an optel event stands
   * for: {@code INFO}, or {@code ERROR} with the {@code CRITICAL} marker.
   */
  void fluent(String logger, boolean critical, String event, String key, Object value) {
    Logger slf4j = LoggerFactory.getLogger(logger);
    if (critical) {
      slf4j
          .atError()
          .addMarker(MarkerFactory.getMarker("CRITICAL"))
          .setMessage(event)
          .addKeyValue(key, value)
          .log();
    } else {
      slf4j.atInfo().setMessage(event).addKeyValue(key, value).log();
    }
  }

  /**
   * Resets Logback's context, as an application does before reconfiguring: every logger but the
   * root inherits its level again, the root is DEBUG, appenders and turbo filters are gone. The
   * capture is attached again.
   */
  void reset() {
    context().reset();
    attach();
  }

  /**
   * Stops Logback's context, which resets it and drops every listener, and starts it again, as a
   * container does when it reloads an application; the capture is attached again.
   */
  void stopAndStart() {
    context().stop();
    context().start();
    attach();
  }

  /**
   * Configures Logback with its Joran configurator, as logback-test.xml does plus {@code more} (XML
   * elements inside {@code <configuration>}); the capture stays attached.
   */
  void configure(String more) throws JoranException {
    String xml =
        "<configuration>"
            + "<logger name=\"dev.optel.tests.quiet\" level=\"INFO\"/>"
            + "<logger name=\"dev.optel.tests.off\" level=\"OFF\"/>"
            + more
            + "<root level=\"DEBUG\"/>"
            + "</configuration>";
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context());
    joran.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    attach();
  }

  /**
   * Runs {@code action} while a turbo filter answers ACCEPT ({@code accept}) or DENY for events of
   * {@code level} of {@code logger}, and NEUTRAL for the rest.
   */
  void withTurboFilter(String logger, String level, boolean accept, Runnable action) {
    Level only = Level.toLevel(level);
    FilterReply reply = accept ? FilterReply.ACCEPT : FilterReply.DENY;
    TurboFilter filter =
        new TurboFilter() {
          @Override
          public FilterReply decide(
              Marker marker,
              ch.qos.logback.classic.Logger l,
              Level lv,
              String format,
              Object[] params,
              Throwable t) {
            return l != null && l.getName().equals(logger) && lv == only
                ? reply
                : FilterReply.NEUTRAL;
          }
        };
    filter.start();
    context().addTurboFilter(filter);
    try {
      action.run();
    } finally {
      context().getTurboFilterList().remove(filter);
    }
  }
}
