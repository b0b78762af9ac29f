package dev.optel.internal.sdk;

import dev.optel.internal.Diagnostics;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What optel says about one export endpoint, through {@link Diagnostics#exportLine}: while exports
 * fail, one WARNING line at most once a minute naming the endpoint and the cause ({@code connection
 * refused}, {@code timed out}, {@code HTTP 503}, ...); one INFO line when spans reach it again;
 * and, when its SDK closes, one WARNING line with the number of spans that were not delivered. The
 * exception is attached only when that logger is at DEBUG, so that a collector that is down costs a
 * line, not a stack trace.
 *
 * <p>The lines at close are written at JVM exit too, when {@code java.util.logging}, the default
 * backend of {@code System.Logger}, has already closed its handlers in its own shutdown hook: the
 * line then goes to standard error in the same form ({@code WARNING: optel: ...}).
 */
public final class ExportHealth {
  /** How often a lasting failure is repeated. */
  static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String endpoint;
  private final Function<Throwable, String> describe;
  private final LongSupplier nanoClock;

  // All guarded by this.
  /** Whether the last attempt failed. */
  private boolean failing;

  /** The last cause, or {@code null} before the first failure. */
  private String cause;

  private Throwable detail;

  /** Spans not delivered since the endpoint last worked. */
  private long lost;

  /** Whether a failure line was written since the endpoint last worked. */
  private boolean reported;

  private boolean anyFailureLine;
  private long lastFailureLine;
  private boolean closing;
  private boolean summarized;

  /**
   * Creates the health of one endpoint.
   *
   * @param endpoint names the endpoint in every line, for example {@code the OTLP endpoint
   *     http://localhost:4317 (grpc)}
   * @param describe turns a failure into a short cause; never throws
   * @param nanoClock a monotonic clock in nanoseconds, {@link System#nanoTime} outside tests
   */
  public ExportHealth(
      String endpoint, Function<Throwable, String> describe, LongSupplier nanoClock) {
    this.endpoint = endpoint;
    this.describe = describe;
    this.nanoClock = nanoClock;
  }

  /**
   * Notes a failed attempt of an export that may still be retried; says so like {@link #failed}.
   *
   * @param failure why it failed
   */
  public void attemptFailed(Throwable failure) {
    failed(0, failure);
  }

  /** Notes an export that reached the endpoint; says so when it had been reported failing. */
  public void delivered() {
    String line;
    synchronized (this) {
      failing = false;
      line =
          !reported
              ? null
              : "spans reach "
                  + endpoint
                  + " again"
                  + (lost == 0 ? "" : "; " + spans(lost) + " could not be delivered meanwhile");
      reported = false;
      lost = 0;
    }
    if (line != null) {
      Diagnostics.exportLine(Level.INFO, line, null, false);
    }
  }

  /**
   * Notes spans that could not be delivered; says so unless it did within the last minute or the
   * SDK is closing (the line at close says it then).
   *
   * @param spans the number of spans (0 for a failed attempt that may be retried)
   * @param failure why, or {@code null} for the cause seen last
   */
  public void failed(int spans, Throwable failure) {
    String line = null;
    Throwable lineDetail;
    synchronized (this) {
      failing = true;
      lost += spans;
      // While closing, a cause seen before wins: closing cancels what is still running.
      if (failure != null && (cause == null || !closing)) {
        cause = describe.apply(failure);
        detail = failure;
      }
      lineDetail = detail;
      long now = nanoClock.getAsLong();
      if (!closing && (!anyFailureLine || now - lastFailureLine >= REPEAT_NANOS)) {
        anyFailureLine = true;
        lastFailureLine = now;
        reported = true;
        line =
            "cannot send spans to "
                + endpoint
                + ": "
                + (cause == null ? "the exporter gave no cause" : cause)
                + (lost == 0 ? "" : "; " + spans(lost) + " not delivered so far")
                + " (said at most once a minute while it lasts)";
      }
    }
    if (line != null) {
      Diagnostics.exportLine(Level.WARNING, line, lineDetail, false);
    }
  }

  /**
   * Tells whether the last attempt failed.
   *
   * @return {@code true} while the endpoint is failing
   */
  public synchronized boolean failing() {
    return failing;
  }

  /** Notes that the SDK is closing: failures are told once, at {@link #summarize}. */
  public synchronized void closing() {
    closing = true;
  }

  /**
   * Tells whether the SDK is closing.
   *
   * @return {@code true} after {@link #closing()}
   */
  public synchronized boolean isClosing() {
    return closing;
  }

  /**
   * Says, once, how many spans were not delivered since the endpoint last worked.
   *
   * @param unanswered spans of exports that are still running, counted as not delivered
   * @param atExit whether the JVM is exiting
   * @return {@code true} when a line was written
   */
  public boolean summarize(long unanswered, boolean atExit) {
    String line;
    Throwable lineDetail;
    synchronized (this) {
      if (summarized) {
        return false;
      }
      summarized = true;
      long notDelivered = lost + unanswered;
      if (notDelivered == 0) {
        return false;
      }
      line =
          spans(notDelivered)
              + " could not be delivered to "
              + endpoint
              + ": "
              + (cause == null ? "no answer before the SDK closed" : cause);
      lineDetail = detail;
    }
    Diagnostics.exportLine(Level.WARNING, line, lineDetail, atExit);
    return true;
  }

  private static String spans(long n) {
    return n == 1 ? "1 span" : n + " spans";
  }
}
