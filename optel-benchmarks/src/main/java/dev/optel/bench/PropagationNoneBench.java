package dev.optel.bench;

import dev.optel.Telemetry;
import org.openjdk.jmh.annotations.Setup;

/**
 * Class path "none": optel's own W3C codec passes the context through without any OpenTelemetry
 * class. The anchor is {@link PropagationSdkBench#otelW3cPassThrough}.
 */
public class PropagationNoneBench extends PropagationBase {
  /** Fails the run on the wrong class path. */
  @Setup
  public void setUp() {
    Scenario.require("none", !Telemetry.hasOpenTelemetry() && !Telemetry.hasStructuredLogging());
  }
}
