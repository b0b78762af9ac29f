package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.BasicConfigurator;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import dev.optel.TelemetryConfig;
import dev.optel.internal.logging.StructuredOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Reconfiguring while threads log, on Logback with its default (unconfigured) setup. */
class LogbackReconfigureTest extends ReconfigureWhileLoggingContract {

  @Test
  @Timeout(60)
  void configureAgain_afterTheApplicationConfiguredLogback_leavesItAlone() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    TelemetryConfig.builder().traceEnabled(false).configure();
    assertThat(StructuredOutput.isInstalled()).isTrue();
    ctx.reset(); // the application configures Logback after optel's first configure()
    ConsoleAppender<ILoggingEvent> own = new ConsoleAppender<>();
    own.setContext(ctx);
    own.setName("own");
    root.addAppender(own);
    root.setLevel(Level.WARN);
    try {
      TelemetryConfig.builder().traceEnabled(false).configure();

      List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
      root.iteratorForAppenders().forEachRemaining(appenders::add);
      assertThat(appenders).extracting(Appender::getName).containsExactly("own");
      assertThat(root.getLevel()).isEqualTo(Level.WARN);
      assertThat(StructuredOutput.isInstalled()).isFalse();
    } finally {
      TelemetryConfig.shutdown();
      ctx.reset();
      new BasicConfigurator().configure(ctx); // back to the default for the other tests
    }
  }
}
