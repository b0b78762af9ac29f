package dev.optel.bench;

import dev.optel.Telemetry;

/**
 * {@link MetricsOffBench} on class path "api": optel's late-bound instruments with nothing
 * installed as {@code GlobalOpenTelemetry}.
 */
public class MetricsApiBench extends MetricsOffBench {
  @Override
  void requireClassPath() {
    Scenario.require("api", Telemetry.hasOpenTelemetry() && !Telemetry.hasStructuredLogging());
  }
}
