package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.LogContext;
import dev.optel.Telemetry;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test of the module (registered for all of them through {@code META-INF/services} and
 * {@code junit-platform.properties}), and after the test's own {@code @AfterEach} methods have shut
 * telemetry down: no {@code LogContext} field and no OpenTelemetry context is left attached to the
 * test thread.
 */
public final class NothingLeftBehind implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    assertThat(LogContext.current()).as("LogContext fields left on the test thread").isEmpty();
    if (Telemetry.hasOpenTelemetry()) {
      assertThat(OtelContext.left()).as("OpenTelemetry context left on the test thread").isEmpty();
    }
  }

  /**
   * Names OpenTelemetry types; loaded only when the API is present (not in {@code no-backends}).
   */
  private static final class OtelContext {
    static String left() {
      Context current = Context.current();
      return current == Context.root() ? "" : current.toString();
    }
  }
}
