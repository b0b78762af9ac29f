package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.TelemetryConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs with the OpenTelemetry SDK but without its autoconfigure module (the {@code
 * no-autoconfigure} Surefire execution removes it): one warning says so and names the extra that
 * brings both the way Maven resolves it, a pom-only artifact.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class NoAutoconfigureConfigTest extends ConfigTestSupport {

  @Test
  void autoconfigure_missing_namesThePomOnlyExtra() {
    assertThatThrownBy(
            () ->
                Class.forName("io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(TelemetryConfig.builder().traceExporters(List.of("console")).configure()).isFalse();
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("autoconfigure module is not")
        .contains("use dev.optel:optel-observability with <type>pom</type>");
  }
}
