package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.LogLevel;
import dev.optel.Telemetry;
import dev.optel.internal.logging.StructuredOutput;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An application's log4j2-test.xml (on this execution's class path) is never overwritten. */
class Log4jConfiguredTest {
  @Test
  void install_leavesTheApplicationsConfigurationAlone() {
    LoggerFactory.getILoggerFactory();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    assertThat(config.getName()).isEqualTo("application-config");
    Map<String, Appender> before = Map.copyOf(config.getRootLogger().getAppenders());
    assertThat(before).containsOnlyKeys("APP_CONSOLE");

    try (StdoutCapture out = new StdoutCapture();
        OptelNotices notices = new OptelNotices()) {
      assertThat(StructuredOutput.install(LogLevel.DEBUG, List.of())).isFalse();
      assertThat(notices.messages())
          .as("optel says how to show the key-values")
          .anySatisfy(m -> assertThat(m).contains("leaving it alone").contains("%X"));
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
          .contains("ids=[1, 2, 3]")
          .contains("field_event=user's");
    }
    assertThat(ctx.getConfiguration()).isSameAs(config);
    assertThat(config.getRootLogger().getAppenders()).isEqualTo(before);
    assertThat(config.getRootLogger().getLevel()).isEqualTo(Level.WARN);
  }
}
