package dev.optel.bench;

import dev.optel.Telemetry;

/** {@link MetricsOffBench} on class path "none": optel's shared no-op instruments. */
public class MetricsNoneBench extends MetricsOffBench {
  @Override
  void requireClassPath() {
    Scenario.require("none", !Telemetry.hasOpenTelemetry() && !Telemetry.hasStructuredLogging());
  }
}
