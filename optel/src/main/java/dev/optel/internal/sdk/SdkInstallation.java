package dev.optel.internal.sdk;

import dev.optel.internal.config.SdkInstaller;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An SDK optel built. Closing is bounded so that a hanging collector cannot block; a replaced SDK
 * stays open until the spans started in it have ended.
 */
final class SdkInstallation implements SdkInstaller.Installation {
  /**
   * How long a replaced SDK waits for its open spans to end before it closes anyway, so that a span
   * that is never ended cannot keep an exporter and its threads alive for good.
   */
  static final Duration RETIRE_LIMIT = Duration.ofMinutes(1);

  private final OpenTelemetrySdk sdk;
  private final OpenSpans open;
  private final boolean complete;
  private final Duration timeout;
  /** Set when closing started; guarded by this. */
  private CompletableResultCode closing;

  SdkInstallation(OpenTelemetrySdk sdk, OpenSpans open, boolean complete, Duration timeout) {
    this.sdk = sdk;
    this.open = open;
    this.complete = complete;
    this.timeout = timeout;
  }

  @Override
  public boolean complete() {
    return complete;
  }

  @Override
  public boolean makeGlobal() {
    try {
      // Set here rather than with autoconfigure's setResultAsGlobal(), so that an SDK built while
      // someone else set the global meanwhile can be closed instead of leaking its threads.
      GlobalOpenTelemetry.set(sdk);
      return true;
    } catch (IllegalStateException alreadySet) {
      close();
      return false;
    }
  }

  @Override
  public void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  @Override
  public void retire() {
    // What already ended goes out now, as when a replaced SDK was closed at once.
    await(sdk.getSdkTracerProvider().forceFlush(), timeout);
    if (open.open() == 0) {
      shutdown(timeout);
      return;
    }
    Thread closer = new Thread(this::closeWhenIdle, "optel-replaced-sdk");
    closer.setDaemon(true);
    closer.start();
  }

  private void closeWhenIdle() {
    try {
      if (!open.awaitNone(RETIRE_LIMIT.toNanos())) {
        AutoconfigureInstaller.warn(open.open() + " spans started before configure() was called"
            + " again were still open after " + RETIRE_LIMIT.toSeconds() + " s; the replaced"
            + " OpenTelemetry SDK is closed and they will not be exported", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  @Override
  public void shutdown(Duration timeout) {
    await(close(), timeout);
  }

  @Override
  public synchronized boolean closed() {
    return closing != null && closing.isDone();
  }

  private synchronized CompletableResultCode close() {
    if (closing == null) {
      closing = sdk.shutdown();
      open.release();
    }
    return closing;
  }

  private static void await(CompletableResultCode result, Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      return;
    }
    long millis = AutoconfigureInstaller.millis(timeout);
    result.join(millis, TimeUnit.MILLISECONDS);
    if (!result.isDone()) {
      AutoconfigureInstaller.warn("the OpenTelemetry SDK did not finish flushing within " + millis
          + " ms (is the collector reachable?); spans not yet sent may be lost", null);
    }
  }
}
