package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.TelemetryConfig;
import org.junit.jupiter.api.Test;

class PlaceholderSmokeTest {
  @Test
  void configure_noneExporter_returnsTrue() {
    assertThat(TelemetryConfig.builder().traceExporters(java.util.List.of("none")).configure())
        .isTrue();
    TelemetryConfig.shutdown();
  }
}
