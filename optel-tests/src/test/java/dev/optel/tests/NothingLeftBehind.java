package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.LogContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test of the suite (registered for all of them through {@code META-INF/services} and
 * {@code junit-platform.properties}): no {@code LogContext} field and no OpenTelemetry context is
 * left attached to the test thread, also when the test failed on purpose inside a span. Runs after
 * the test's own {@code @AfterEach} methods.
 */
public final class NothingLeftBehind implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    assertThat(LogContext.current()).as("LogContext fields left on the test thread").isEmpty();
    if (Cp.OTEL_API) {
      assertThat(OtelProbe.contextLeft())
          .as("OpenTelemetry context left on the test thread")
          .isEmpty();
    }
  }
}
