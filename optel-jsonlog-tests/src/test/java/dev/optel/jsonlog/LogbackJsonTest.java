package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import dev.optel.LogLevel;
import dev.optel.internal.logging.StructuredOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The JSON contract on Logback with its default (unconfigured) setup. */
class LogbackJsonTest extends JsonLogContract {
  @Override
  boolean keepsValueTypes() {
    return true;
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static List<Appender<ILoggingEvent>> rootAppenders() {
    List<Appender<ILoggingEvent>> list = new ArrayList<>();
    root().iteratorForAppenders().forEachRemaining(list::add);
    return list;
  }

  @Override
  void assertDefaultRestored() {
    assertThat(rootAppenders())
        .singleElement()
        .satisfies(a -> assertThat(a).isExactlyInstanceOf(ConsoleAppender.class))
        .satisfies(a -> assertThat(a.getName()).isEqualTo("console"))
        .satisfies(a -> assertThat(a.isStarted()).isTrue());
    assertThat(root().getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void install_replacesTheConsoleAppenderAndSetsTheRootLevel() {
    assertDefaultRestored();
    assertThat(StructuredOutput.install(LogLevel.WARNING, List.of())).isTrue();
    assertThat(rootAppenders())
        .singleElement()
        .satisfies(a -> assertThat(a.getName()).isEqualTo("optel-json"));
    assertThat(root().getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void uninstall_afterTheApplicationReconfigured_leavesItAlone() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(StructuredOutput.install(LogLevel.INFO, List.of())).isTrue();
    ctx.reset(); // the application reconfigures Logback after optel installed
    ConsoleAppender<ILoggingEvent> own = new ConsoleAppender<>();
    own.setContext(ctx);
    own.setName("own");
    root().addAppender(own);
    root().setLevel(Level.WARN);
    try {
      StructuredOutput.uninstall();
      assertThat(rootAppenders()).extracting(Appender::getName).containsExactly("own");
      assertThat(root().getLevel()).isEqualTo(Level.WARN);
    } finally {
      ctx.reset();
      new ch.qos.logback.classic.BasicConfigurator().configure(ctx); // back to the default
    }
    assertDefaultRestored();
  }

  @Test
  void applicationAppender_meansConfiguredByTheApplication() {
    Logger other = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("app.own");
    ConsoleAppender<ILoggingEvent> own = new ConsoleAppender<>();
    own.setName("own");
    other.addAppender(own);
    try {
      assertThat(StructuredOutput.install(LogLevel.INFO, List.of())).isFalse();
      assertThat(StructuredOutput.isInstalled()).isFalse();
      assertDefaultRestored();
    } finally {
      other.detachAppender(own);
    }
  }
}
