package dev.optel.bench;

import dev.optel.Telemetry;
import org.openjdk.jmh.annotations.Setup;

/**
 * Class path "api": the OpenTelemetry API without an SDK, whose propagators are no-op; optel's own
 * W3C codec passes the context through. The anchor is {@link
 * PropagationSdkBench#otelW3cPassThrough}.
 */
public class PropagationApiBench extends PropagationBase {
  /** Fails the run on the wrong class path. */
  @Setup
  public void setUp() {
    Scenario.require("api", Telemetry.hasOpenTelemetry() && !Telemetry.hasStructuredLogging());
  }
}
