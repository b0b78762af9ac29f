package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.LogLevel;
import dev.optel.Telemetry;
import dev.optel.internal.logging.StructuredOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    // slf4j-simple writes to whatever System.err is at the time of each event.
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try (StdoutCapture out = new StdoutCapture()) {
      assertThat(StructuredOutput.install(LogLevel.INFO, List.of(e -> e))).isFalse();
      assertThat(StructuredOutput.isInstalled()).isFalse();
      Telemetry.get("app.simple").logger().info("still_logs", "order_id", 42, "paid", true);
      assertThat(out.text()).doesNotContain("{\"timestamp\"");
      StructuredOutput.uninstall();
    } finally {
      System.setErr(previous);
    }
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .as("slf4j-simple's own line on stderr")
        .contains("INFO")
        .contains("app.simple")
        .contains("still_logs")
        .contains("order_id=42")
        .contains("paid=true");
  }
}
