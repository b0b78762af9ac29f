package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.TelemetryConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs with the OpenTelemetry SDK and autoconfigure but without Zipkin's reporter (the {@code
 * no-zipkin} Surefire execution removes it): the warning names the extra to add the way Maven
 * resolves it, a pom-only artifact.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class NoZipkinConfigTest extends ConfigTestSupport {

  @Test
  void zipkinExporter_missing_namesThePomOnlyExtra() {
    assertThatThrownBy(() -> Class.forName("zipkin2.reporter.urlconnection.URLConnectionSender"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(TelemetryConfig.builder().traceExporters(List.of("zipkin")).configure()).isFalse();
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("traceExporters")
        .contains("zipkin")
        .contains("add dev.optel:optel-zipkin with <type>pom</type>");
  }
}
