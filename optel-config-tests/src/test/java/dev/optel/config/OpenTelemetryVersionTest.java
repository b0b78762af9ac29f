package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The suite runs on the OpenTelemetry version its module names ({@code
 * optel.test.opentelemetry.version}): 1.68 in optel-config-tests, the oldest supported
 * autoconfigure in optel-config-tests-oldest. Every jar checked here has that version.
 */
class OpenTelemetryVersionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "io.opentelemetry.api.GlobalOpenTelemetry",
        "io.opentelemetry.sdk.OpenTelemetrySdk",
        "io.opentelemetry.sdk.trace.SdkTracerProvider",
        "io.opentelemetry.sdk.common.CompletableResultCode",
        "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk",
        "io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties",
        "io.opentelemetry.exporter.logging.LoggingSpanExporter",
      })
  void jar_hasTheVersionUnderTest(String className) throws Exception {
    assertVersion(className);
  }

  /** Fails unless the jar of {@code className} is {@code <artifact>-<version under test>.jar}. */
  static void assertVersion(String className) throws ClassNotFoundException, URISyntaxException {
    String version = System.getProperty("optel.test.opentelemetry.version");
    assertThat(version)
        .as("optel.test.opentelemetry.version, set by the Surefire configuration")
        .isNotBlank();
    Path jar =
        Path.of(
            Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(jar.getFileName().toString())
        .as("the jar of %s", className)
        .endsWith("-" + version + ".jar");
  }
}
