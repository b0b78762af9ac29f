package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.LogContext;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test of the module (registered for all of them through {@code META-INF/services} and
 * {@code junit-platform.properties}): no {@code LogContext} field and no OpenTelemetry context is
 * left attached to the test thread. The OpenTelemetry SDK is on every class path of this module.
 */
public final class NothingLeftBehind implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    assertThat(LogContext.current()).as("LogContext fields left on the test thread").isEmpty();
    assertThat(Context.current())
        .as("OpenTelemetry context left on the test thread")
        .isSameAs(Context.root());
  }
}
