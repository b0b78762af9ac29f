package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.LogLevel;
import dev.optel.internal.logging.StructuredOutput;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The JSON contract on Log4j2 (log4j-slf4j2-impl) with its DefaultConfiguration. */
class Log4jJsonTest extends JsonLogContract {
  @Override
  boolean keepsValueTypes() {
    return true; // through FacadeEvent, although log4j-slf4j2-impl hands over strings
  }

  @Override
  boolean pairsHideMdcEntriesOfTheSameName() {
    return true;
  }

  private static LoggerConfig root() {
    LoggerFactory.getILoggerFactory(); // initialise SLF4J and Log4j as an application would
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    assertThat(ctx.getConfiguration()).isInstanceOf(DefaultConfiguration.class);
    return ctx.getConfiguration().getRootLogger();
  }

  @Override
  void assertDefaultRestored() {
    assertThat(root().getAppenders().keySet())
        .singleElement()
        .satisfies(name -> assertThat(name).startsWith("DefaultConsole"));
    assertThat(root().getLevel()).isEqualTo(Level.ERROR);
    assertThat(LogManager.getRootLogger().getLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void uninstall_afterTheApplicationReconfigured_leavesItAlone() {
    assertThat(StructuredOutput.install(LogLevel.INFO, List.of())).isTrue();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    DefaultConfiguration applications = new DefaultConfiguration();
    applications.getRootLogger().setLevel(Level.WARN);
    ctx.setConfiguration(applications); // the application reconfigures Log4j after optel installed
    Map<String, Appender> appenders = Map.copyOf(applications.getRootLogger().getAppenders());

    StructuredOutput.uninstall();

    assertThat(ctx.getConfiguration()).isSameAs(applications);
    assertThat(applications.getRootLogger().getAppenders()).isEqualTo(appenders);
    assertThat(applications.getRootLogger().getLevel()).isEqualTo(Level.WARN);
    ctx.setConfiguration(new DefaultConfiguration()); // back to the default for the other tests
    assertDefaultRestored();
  }

  @Test
  void install_replacesTheConsoleAppenderAndSetsTheRootLevel() {
    assertDefaultRestored();
    assertThat(StructuredOutput.install(LogLevel.DEBUG, List.of())).isTrue();
    assertThat(root().getAppenders().keySet()).containsExactly("optel-json");
    assertThat(root().getLevel()).isEqualTo(Level.DEBUG);
    assertThat(LogManager.getLogger("any").isDebugEnabled()).isTrue();
  }
}
