package dev.optel.internal.logging;

import dev.optel.internal.otel.OtelTracingBackend;

/**
 * Internal classes outside the bindings that break {@code ArchitectureTest}'s rules on purpose, so
 * that the test can show each rule fails. Test sources only; never imported with the core jar.
 */
final class ArchFixtures {
  private ArchFixtures() {}

  /** Names OpenTelemetry outside its binding. */
  static final class NamesOpenTelemetryInABody {
    static Object root() {
      return io.opentelemetry.context.Context.root();
    }
  }

  /** Links to a binding class instead of loading it by name after detection. */
  static final class NamesABindingClass {
    static Class<?> binding() {
      return OtelTracingBackend.class;
    }
  }
}
