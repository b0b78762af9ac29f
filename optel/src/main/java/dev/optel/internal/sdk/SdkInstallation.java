package dev.optel.internal.sdk;

import dev.optel.internal.config.SdkInstaller;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** An SDK optel installed; closing it is bounded so that a hanging collector cannot block. */
final class SdkInstallation implements SdkInstaller.Installation {
  private final OpenTelemetrySdk sdk;
  private final OpenSpans open;
  private final boolean complete;

  SdkInstallation(OpenTelemetrySdk sdk, OpenSpans open, boolean complete) {
    this.sdk = sdk;
    this.open = open;
    this.complete = complete;
  }

  @Override
  public boolean complete() {
    return complete;
  }

  @Override
  public void shutdown(Duration timeout) {
    CompletableResultCode result = sdk.shutdown();
    result.join(AutoconfigureInstaller.millis(timeout), TimeUnit.MILLISECONDS);
    if (!result.isDone()) {
      AutoconfigureInstaller.warn("the OpenTelemetry SDK did not finish flushing within "
          + AutoconfigureInstaller.millis(timeout) + " ms (is the collector reachable?); spans not yet sent may be"
          + " lost", null);
    }
  }

  @Override
  public void resetGlobal() {
    AutoconfigureInstaller.resetGlobal();
  }
}
