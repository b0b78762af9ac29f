package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Runs with neither OpenTelemetry nor SLF4J (the {@code no-backends} Surefire execution removes
 * them): {@code configure} returns {@code false} and nothing throws.
 */
class NoBackendsConfigTest {

  @Test
  void configure_withNeitherSdkNorSlf4j_returnsFalse() {
    assertThat(Telemetry.hasOpenTelemetry()).isFalse();
    assertThat(Telemetry.hasStructuredLogging()).isFalse();
    try (LogCapture log = new LogCapture()) {
      assertThat(TelemetryConfig.configure()).isFalse();
      assertThat(
              TelemetryConfig.builder()
                  .serviceName("svc")
                  .traceExporters(List.of("console"))
                  .configure())
          .isFalse();
      TelemetryConfig.shutdown();
      assertThat(log.messages(Level.INFO)).anyMatch(m -> m.contains("nothing to configure"));
      assertThat(log.messages(Level.WARNING)).isEmpty();
    }
  }
}
