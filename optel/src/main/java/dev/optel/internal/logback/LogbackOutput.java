package dev.optel.internal.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.layout.TTLLLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import dev.optel.LogLevel;
import dev.optel.internal.logging.JsonLines;
import dev.optel.internal.logging.OutputBackend;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Puts optel's JSON appender on Logback's root logger in place of the console appender that
 * Logback's {@code BasicConfigurator} adds when it finds no configuration.
 */
public final class LogbackOutput implements OutputBackend {
  // Shaped like Log4jOutput; apart because only this package may name Logback (ArchitectureTest).
  private LoggerContext context;
  private JsonAppender appender;
  private List<Appender<ILoggingEvent>> replaced;
  private Level previousLevel;

  private LogbackOutput() {}

  /**
   * Creates the adapter; called by name from {@code StructuredOutput}.
   *
   * @return a new adapter
   */
  public static LogbackOutput create() {
    return new LogbackOutput();
  }

  @Override
  public synchronized Installation install(LogLevel level, JsonLines lines) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext ctx)) {
      return Outcome.NOT_PROVIDER;
    }
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    String why = configuredBy(ctx, root);
    if (why != null) {
      return new LeftAlone(
          "Logback was configured by the application ("
              + why
              + "); leaving it"
              + " alone. Its log events carry their fields as SLF4J key-value pairs: add %kvp to your"
              + " pattern (or use Logback's JsonEncoder) to show them");
    }
    JsonAppender json = new JsonAppender(lines);
    json.setContext(ctx);
    json.setName("optel-json");
    json.start();
    List<Appender<ILoggingEvent>> old = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(old::add);
    context = ctx;
    appender = json;
    replaced = old;
    previousLevel = root.getLevel();
    root.addAppender(json);
    for (Appender<ILoggingEvent> a : old) {
      root.detachAppender(a); // detached, not stopped: uninstall puts them back as they were
    }
    root.setLevel(toLevel(level));
    return Outcome.INSTALLED;
  }

  @Override
  public synchronized boolean update(LogLevel level, JsonLines lines) {
    Logger root = context == null ? null : context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root == null || !root.isAttached(appender)) {
      return false; // the application reconfigured Logback since
    }
    appender.lines(lines);
    root.setLevel(toLevel(level));
    return true;
  }

  @Override
  public synchronized void uninstall() {
    if (context == null) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // When our appender is gone the application has reconfigured Logback since; restoring the old
    // console appender would then overwrite the application's configuration.
    if (root.detachAppender(appender)) {
      for (Appender<ILoggingEvent> a : replaced) {
        root.addAppender(a);
      }
      root.setLevel(previousLevel);
    }
    appender.stop();
    context = null;
    appender = null;
    replaced = null;
    previousLevel = null;
  }

  /**
   * Tells whether the context still looks exactly as {@code BasicConfigurator} left it: no
   * configuration file was read (none is watched, no Joran model was saved), the root logger's only
   * appender is the "console" appender with a {@code TTLLLayout}, and no other logger has
   * appenders.
   *
   * @return {@code null} when the configuration is Logback's default, else what shows it is not
   */
  private static String configuredBy(LoggerContext ctx, Logger root) {
    java.net.URL file = ConfigurationWatchListUtil.getMainWatchURL(ctx);
    if (file != null) {
      return "configuration file " + file;
    }
    if (ctx.getObject(CoreConstants.SAFE_JORAN_CONFIGURATION) != null) {
      return "an XML configuration was read";
    }
    Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders();
    if (!it.hasNext()) {
      return "the root logger has no appender";
    }
    Appender<ILoggingEvent> only = it.next();
    if (it.hasNext() || !isDefaultConsole(only)) {
      return "the root logger has its own appenders";
    }
    for (Logger l : ctx.getLoggerList()) {
      if (l != root && l.iteratorForAppenders().hasNext()) {
        return "logger " + l.getName() + " has appenders";
      }
    }
    return null;
  }

  private static boolean isDefaultConsole(Appender<ILoggingEvent> a) {
    return a.getClass() == ConsoleAppender.class
        && "console".equals(a.getName())
        && ((ConsoleAppender<ILoggingEvent>) a).getEncoder() instanceof LayoutWrappingEncoder<?> e
        && e.getLayout() instanceof TTLLLayout;
  }

  private static Level toLevel(LogLevel level) {
    switch (level == null ? LogLevel.INFO : level) {
      case DEBUG:
        return Level.DEBUG;
      case INFO:
        return Level.INFO;
      case WARNING:
        return Level.WARN;
      default:
        return Level.ERROR;
    }
  }
}
