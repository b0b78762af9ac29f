package dev.optel.internal.sdk;

import dev.optel.internal.Diagnostics;
import dev.optel.internal.config.SdkInstaller;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An SDK optel built. Closing is bounded so that a hanging collector cannot block, and quick when a
 * collector is down ({@link ReportingExporter}); a replaced SDK stays open until the spans started
 * in it have ended. Closing is the only flush: a forceFlush() before it can lose spans (see {@link
 * #retire}).
 */
final class SdkInstallation implements SdkInstaller.Installation {
  /**
   * How long a replaced SDK waits for its open spans to end before it closes anyway, so that a span
   * that is never ended cannot keep an exporter and its threads alive for good.
   */
  static final Duration RETIRE_LIMIT = Duration.ofMinutes(1);

  private final OpenTelemetrySdk sdk;
  private final OpenSpans open;

  /** optel's exporters in this SDK. */
  private final List<ReportingExporter> watched;

  private final boolean complete;
  private final Duration timeout;

  /** Set when closing started; guarded by this. */
  private CompletableResultCode closing;

  SdkInstallation(
      OpenTelemetrySdk sdk,
      OpenSpans open,
      List<ReportingExporter> watched,
      boolean complete,
      Duration timeout) {
    this.sdk = sdk;
    this.open = open;
    this.watched = List.copyOf(watched);
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
    if (!SdkCompat.unsetGlobal()) {
      Diagnostics.warnOnce(
          "global.unset",
          "this OpenTelemetry API cannot unset"
              + " GlobalOpenTelemetry (it has no resetForTest()); optel's closed SDK stays installed,"
              + " so configure() cannot install a new one and the application cannot set its own",
          null);
    }
  }

  @Override
  public void retire() {
    // No forceFlush() first: shutdown() follows it, and OpenTelemetry's BatchSpanProcessor
    // completes
    // a flush before it clears the request, so a shutdown() that comes in between takes the
    // finished
    // flush for its own and stops the worker without exporting the spans queued since (on a loaded
    // machine, the spans of a replaced SDK that ended right after configure()). shutdown() flushes
    // by
    // itself; until then the processors export on their schedule.
    if (open.open() == 0) {
      // Closing flushes: what already ended goes out now.
      shutdown(timeout, false);
      return;
    }
    // What already ended is exported on the batch processor's schedule, at the latest when the SDK
    // closes.
    Thread closer = new Thread(this::closeWhenIdle, "optel-replaced-sdk");
    closer.setDaemon(true);
    closer.start();
  }

  private void closeWhenIdle() {
    try {
      if (!open.awaitNone(RETIRE_LIMIT.toNanos())) {
        Diagnostics.warnInConfigure(
            open.open()
                + " spans started before configure() was called"
                + " again were still open after "
                + RETIRE_LIMIT.toSeconds()
                + " s; the replaced"
                + " OpenTelemetry SDK is closed and they will not be exported",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shutdown(timeout, false);
  }

  @Override
  public void shutdown(Duration timeout, boolean atExit) {
    boolean done = await(close(), timeout);
    boolean told = false;
    for (ReportingExporter exporter : watched) {
      told |= exporter.summarize(atExit);
    }
    if (!done && !told && !timeout.isZero() && !timeout.isNegative()) {
      Diagnostics.exportLine(
          System.Logger.Level.WARNING,
          "the OpenTelemetry SDK did not finish"
              + " flushing within "
              + AutoconfigureInstaller.millis(timeout)
              + " ms (is the collector"
              + " reachable?); spans not yet sent may be lost",
          null,
          atExit);
    }
  }

  @Override
  public synchronized boolean closed() {
    return closing != null && closing.isDone();
  }

  private synchronized CompletableResultCode close() {
    if (closing == null) {
      // Before the SDK flushes: exports waiting on a failing endpoint are given up, and failed
      // attempts are no longer retried.
      watched.forEach(ReportingExporter::closing);
      closing = sdk.shutdown();
      open.release();
    }
    return closing;
  }

  /** Waits for {@code result} at most {@code timeout}; tells whether it is done. */
  private static boolean await(CompletableResultCode result, Duration timeout) {
    if (!timeout.isZero() && !timeout.isNegative()) {
      result.join(AutoconfigureInstaller.millis(timeout), TimeUnit.MILLISECONDS);
    }
    return result.isDone();
  }
}
