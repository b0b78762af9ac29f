package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import dev.optel.LogLevel;
import dev.optel.Telemetry;
import dev.optel.internal.logging.StructuredOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An application's logback-test.xml (on this execution's class path) is never overwritten. */
class LogbackConfiguredTest {
  @Test
  void install_leavesTheApplicationsConfigurationAlone() {
    Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    List<Appender<ILoggingEvent>> before = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(before::add);
    assertThat(before).extracting(Appender::getName).containsExactly("APP_CONSOLE");

    try (StdoutCapture out = new StdoutCapture();
        OptelNotices notices = new OptelNotices()) {
      assertThat(StructuredOutput.install(LogLevel.DEBUG, List.of())).isFalse();
      assertThat(notices.messages())
          .as("optel says how to show the key-values")
          .anySatisfy(m -> assertThat(m).contains("leaving it alone").contains("%kvp"));
      assertThat(StructuredOutput.isInstalled()).isFalse();
      Telemetry.get("app.configured").logger().warning("not json");
      assertThat(out.text())
          .as("written by the application's own appender")
          .contains("APP WARN app.configured not json")
          .doesNotContain("{\"timestamp\"");
    }
    try (StdoutCapture out = new StdoutCapture()) {
      Telemetry.get("app.configured")
          .logger()
          .warning("arrays", "ids", new long[] {1, 2, 3}, "event", "user's");
      assertThat(out.text())
          .contains("APP WARN app.configured arrays")
          .contains("ids=\"[1, 2, 3]\"")
          .contains("field_event=\"user's\"");
    }
    List<Appender<ILoggingEvent>> after = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(after::add);
    assertThat(after).isEqualTo(before);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
  }
}
