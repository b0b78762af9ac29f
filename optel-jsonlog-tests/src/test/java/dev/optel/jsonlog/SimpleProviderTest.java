package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.LogLevel;
import dev.optel.Telemetry;
import dev.optel.internal.logging.StructuredOutput;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** With slf4j-simple (neither Logback nor Log4j2) optel declines and logging keeps working. */
class SimpleProviderTest {
  @Test
  void install_declinesForOtherProviders() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
    assertThat(Telemetry.hasStructuredLogging()).isTrue();
    try (StdoutCapture out = new StdoutCapture()) {
      assertThat(StructuredOutput.install(LogLevel.INFO, List.of(e -> e))).isFalse();
      assertThat(StructuredOutput.isInstalled()).isFalse();
      Telemetry.get("app.simple").logger().info("still logs");
      assertThat(out.text()).doesNotContain("{\"timestamp\"");
      StructuredOutput.uninstall();
    }
  }
}
