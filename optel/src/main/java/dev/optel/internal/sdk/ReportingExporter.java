package dev.optel.internal.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of the exporters optel installs (OTLP, Zipkin), watched: the outcome of each export goes to
 * its endpoint's {@link ExportHealth}, and closing is bounded when the endpoint is failing.
 *
 * <p>Why closing needs help: the batch processor flushes at shutdown behind the export in flight,
 * and with a dead collector that export may be waiting between retries for seconds. So when the SDK
 * starts closing ({@link #closing()}) while the endpoint is failing, exports in flight are given up
 * at once (their spans counted as not delivered); each export after that is tried once. A collector
 * that accepts connections and never answers is still waited for, within the export timeout, as
 * before.
 */
final class ReportingExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final ExportHealth health;
  private final Runnable afterShutdown;
  private final Set<Export> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * Watches {@code delegate}.
   *
   * @param delegate the exporter
   * @param health its endpoint's health
   * @param afterShutdown run once the delegate has shut down (frees what optel gave it)
   */
  ReportingExporter(SpanExporter delegate, ExportHealth health, Runnable afterShutdown) {
    this.delegate = delegate;
    this.health = health;
    this.afterShutdown = afterShutdown;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    Export export = new Export(spans.size());
    inFlight.add(export);
    CompletableResultCode sent;
    try {
      sent = delegate.export(spans);
    } catch (RuntimeException e) {
      sent = SdkCompat.failed(e);
    }
    CompletableResultCode outcome = sent;
    outcome.whenComplete(() -> export.finish(outcome));
    return export.result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  /** Starts closing: no more repeated failure lines, and see the class comment. */
  void closing() {
    health.closing();
    if (health.failing()) {
      inFlight.forEach(Export::giveUp);
    }
  }

  /**
   * Says, once, how many spans were not delivered; exports still running count as not delivered.
   *
   * @param atExit whether the JVM is exiting
   * @return {@code true} when a line was written
   */
  boolean summarize(boolean atExit) {
    long unanswered = 0;
    for (Export export : inFlight) {
      unanswered += export.spans;
    }
    return health.summarize(unanswered, atExit);
  }

  @Override
  public CompletableResultCode shutdown() {
    CompletableResultCode result;
    try {
      result = delegate.shutdown();
    } catch (RuntimeException e) {
      result = SdkCompat.failed(e);
    }
    result.whenComplete(afterShutdown);
    return result;
  }

  @Override
  public String toString() {
    return "optel:" + delegate;
  }

  /** One export: ends once, when the delegate answers or when it is given up. */
  private final class Export {
    final int spans;
    final CompletableResultCode result = new CompletableResultCode();
    private final AtomicBoolean ended = new AtomicBoolean();

    Export(int spans) {
      this.spans = spans;
    }

    void finish(CompletableResultCode outcome) {
      if (end()) {
        if (outcome.isSuccess()) {
          health.delivered();
          result.succeed();
        } else {
          health.failed(spans, SdkCompat.failureOf(outcome));
          result.fail();
        }
      }
    }

    void giveUp() {
      if (end()) {
        health.failed(spans, null);
        result.fail();
      }
    }

    private boolean end() {
      if (!ended.compareAndSet(false, true)) {
        return false;
      }
      inFlight.remove(this);
      return true;
    }
  }
}
