package dev.optel.internal.log4j;

import dev.optel.LogLevel;
import dev.optel.internal.logging.JsonLines;
import dev.optel.internal.logging.OutputBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.slf4j.LoggerFactory;

/**
 * Puts optel's JSON appender on Log4j's root logger in place of the console appender of Log4j's
 * {@link DefaultConfiguration}, which Log4j uses when it finds no configuration.
 */
public final class Log4jOutput implements OutputBackend {
  // Shaped like LogbackOutput; apart because only this package may name Log4j (ArchitectureTest).
  /**
   * How to see the fields when optel leaves the configuration alone: the SLF4J bridge of Log4j puts
   * an event's key-value pairs into the thread context map for the duration of the call.
   */
  private static final String SHOW_FIELDS =
      "Its log events carry their fields as SLF4J key-value "
          + "pairs, which Log4j puts in the thread context map: show them with %X in a PatternLayout "
          + "or with a JSON layout such as JsonTemplateLayout";

  private LoggerContext context;
  private Configuration configuration;
  private JsonAppender appender;
  private Map<String, Appender> replaced;
  private Level previousLevel;

  private Log4jOutput() {}

  /**
   * Creates the adapter; called by name from {@code StructuredOutput}.
   *
   * @return a new adapter
   */
  public static Log4jOutput create() {
    return new Log4jOutput();
  }

  @Override
  public synchronized Installation install(LogLevel level, JsonLines lines) {
    // log4j-slf4j2-impl's factory lives in org.apache.logging.slf4j; compare by name so that this
    // class does not need that artifact to load.
    String provider = LoggerFactory.getILoggerFactory().getClass().getName();
    if (!provider.startsWith("org.apache.logging.slf4j.")) {
      return Outcome.NOT_PROVIDER;
    }
    if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
      return new LeftAlone("the Log4j context is not Log4j Core's");
    }
    Configuration config = ctx.getConfiguration();
    if (!(config instanceof DefaultConfiguration)) {
      return new LeftAlone(
          "Log4j was configured by the application ("
              + config.getName()
              + "); leaving it alone. "
              + SHOW_FIELDS);
    }
    LoggerConfig root = config.getRootLogger();
    Map<String, Appender> old = new LinkedHashMap<>(root.getAppenders());
    if (old.size() != 1 || !old.keySet().iterator().next().startsWith("DefaultConsole")) {
      return new LeftAlone(
          "Log4j's default configuration was changed by the application; leaving"
              + " it alone. "
              + SHOW_FIELDS);
    }
    JsonAppender json = new JsonAppender(lines);
    json.start();
    context = ctx;
    configuration = config;
    appender = json;
    replaced = old;
    previousLevel = root.getLevel();
    root.addAppender(json, null, null);
    for (String name : old.keySet()) {
      root.removeAppender(name); // removed, not stopped: uninstall puts them back
    }
    root.setLevel(toLevel(level));
    ctx.updateLoggers();
    return Outcome.INSTALLED;
  }

  @Override
  public boolean wantsTypedPairs() {
    return true; // log4j-slf4j2-impl turns key-value pairs into context-data strings
  }

  @Override
  public synchronized boolean update(LogLevel level, JsonLines lines) {
    if (context == null
        || context.getConfiguration() != configuration
        || configuration.getRootLogger().getAppenders().get(appender.getName()) != appender) {
      return false; // the application reconfigured Log4j since
    }
    appender.lines(lines);
    configuration.getRootLogger().setLevel(toLevel(level));
    context.updateLoggers();
    return true;
  }

  @Override
  public synchronized void uninstall() {
    if (context == null) {
      return;
    }
    LoggerConfig root = configuration.getRootLogger();
    // When the context has another configuration now, the application reconfigured Log4j since;
    // the old configuration is no longer in use and must not be touched.
    if (context.getConfiguration() == configuration
        && root.getAppenders().containsKey(appender.getName())) {
      for (Appender a : replaced.values()) {
        root.addAppender(a, null, null);
      }
      root.removeAppender(appender.getName());
      root.setLevel(previousLevel);
      context.updateLoggers();
    }
    appender.stop();
    context = null;
    configuration = null;
    appender = null;
    replaced = null;
    previousLevel = null;
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
