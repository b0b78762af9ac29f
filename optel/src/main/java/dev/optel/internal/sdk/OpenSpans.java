package dev.optel.internal.sdk;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last span processor of every SDK optel builds: counts the spans started and not yet ended, so
 * that a replaced SDK can stay open until they end, and exports nothing.
 *
 * <p>It also makes sure the SDK has a processor at all. An SDK without one hands out invalid spans
 * (all-zero ids), so with exporter {@code none} log lines would lose {@code trace_id} and nothing
 * could be propagated; "do not export" must not mean "do not trace".
 */
final class OpenSpans implements SpanProcessor {
  private final AtomicLong open = new AtomicLong();

  /** Set once someone waits in {@link #awaitNone}; until then ending a span signals nobody. */
  private volatile boolean awaited;

  /** Set by {@link #release}: waiting is over, whatever is open. */
  private volatile boolean released;

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    open.incrementAndGet();
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    // Runs after the exporting processors' onEnd (this one is added last), so that when the count
    // reaches zero every ended span is already queued for export.
    if (open.decrementAndGet() == 0 && awaited) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  /** The spans started and not yet ended. */
  long open() {
    return open.get();
  }

  /**
   * Waits until every started span has ended, or {@link #release} is called.
   *
   * @param timeoutNanos the longest wait
   * @return {@code false} when the time ran out with spans still open
   * @throws InterruptedException when interrupted while waiting
   */
  boolean awaitNone(long timeoutNanos) throws InterruptedException {
    awaited = true;
    long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
    synchronized (this) {
      while (open.get() > 0 && !released) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
    return true;
  }

  /** Ends a wait in {@link #awaitNone}: the SDK is being closed anyway. */
  void release() {
    released = true;
    synchronized (this) {
      notifyAll();
    }
  }

  @Override
  public String toString() {
    return "OpenSpans{open=" + open.get() + "}";
  }
}
