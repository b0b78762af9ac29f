package dev.optel.config;

import static org.awaitility.Awaitility.await;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Makes the SDK's batch span processor lag the way a loaded machine can, deterministically: in an
 * SDK built while {@link #arm armed}, the processor's worker thread, having completed a flush that
 * someone asked for, stops before it clears that request until a {@code shutdown()} of the
 * processor has started on another thread and waits for the same flush. Registered through
 * META-INF/services for autoconfigure; inert unless armed.
 *
 * <p>That is the moment when OpenTelemetry's {@code BatchSpanProcessor} (1.68) takes the completed
 * flush for the one its shutdown asks for: the shutdown then stops the worker without exporting the
 * spans that ended since. The worker completes a flush (and runs its completion callbacks, this
 * class's among them) before it clears the request, so a callback can hold it exactly there.
 */
public final class LaggingFlush implements AutoConfigurationCustomizerProvider {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static volatile Lag armed;

  /**
   * Wraps the span processors and exporters of the SDKs built from now on until {@link #disarm}.
   */
  static void arm() {
    armed = new Lag();
  }

  static void disarm() {
    armed = null;
  }

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addSpanExporterCustomizer(
        (exporter, config) -> {
          Lag lag = armed;
          return lag == null ? exporter : new GatedExporter(exporter, lag);
        });
    // addSpanProcessorCustomizer is newer than the oldest autoconfigure optel supports (1.28, where
    // optel-config-tests-oldest compiles this class too): called by name, and inert where absent.
    BiFunction<SpanProcessor, ConfigProperties, SpanProcessor> wrap =
        (processor, config) -> {
          Lag lag = armed;
          return lag == null ? processor : new LaggingProcessor(processor, lag);
        };
    try {
      AutoConfigurationCustomizer.class
          .getMethod("addSpanProcessorCustomizer", BiFunction.class)
          .invoke(customizer, wrap);
    } catch (ReflectiveOperationException olderAutoconfigure) {
      // supported() is false: the test that arms this class is skipped.
    }
  }

  /** Tells whether this autoconfigure lets span processors be wrapped. */
  static boolean supported() {
    try {
      AutoConfigurationCustomizer.class.getMethod("addSpanProcessorCustomizer", BiFunction.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** The state shared by the processors and exporters of one armed SDK. */
  private static final class Lag {
    /** Open while a forceFlush() is registering its callback; the export it causes waits. */
    volatile CountDownLatch registering;

    /** The thread that called shutdown() on the processor. */
    volatile Thread shuttingDown;
  }

  /**
   * Holds the worker's first export of a flush until the flush's callback is registered, so that
   * the callback runs on the worker (it would run on the caller if the flush had already
   * completed).
   */
  private static final class GatedExporter implements SpanExporter {
    private final SpanExporter delegate;
    private final Lag lag;

    GatedExporter(SpanExporter delegate, Lag lag) {
      this.delegate = delegate;
      this.lag = lag;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      CountDownLatch registering = lag.registering;
      if (registering != null) {
        try {
          registering.await(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delegate.export(spans);
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }
  }

  private static final class LaggingProcessor implements SpanProcessor {
    private final SpanProcessor delegate;
    private final Lag lag;

    LaggingProcessor(SpanProcessor delegate, Lag lag) {
      this.delegate = delegate;
      this.lag = lag;
    }

    @Override
    public CompletableResultCode forceFlush() {
      CountDownLatch registering = new CountDownLatch(1);
      lag.registering = registering;
      Thread caller = Thread.currentThread();
      CompletableResultCode flushed = delegate.forceFlush();
      CompletableResultCode result = new CompletableResultCode();
      flushed.whenComplete(
          () -> {
            // The caller learns first that the flush is done, as it would on a fast machine ...
            if (flushed.isSuccess()) {
              result.succeed();
            } else {
              result.fail();
            }
            // ... then the worker lags before it clears the request.
            if (Thread.currentThread() != caller) {
              holdUntilAShutdownWaitsForThisThread();
            }
          });
      lag.registering = null;
      registering.countDown();
      return result;
    }

    /** Bounded: without a shutdown (or once a fix avoids this state) the worker goes on. */
    private void holdUntilAShutdownWaitsForThisThread() {
      long worker = Thread.currentThread().getId();
      try {
        await()
            .atMost(BOUND)
            .pollInterval(Duration.ofMillis(10))
            .until(
                () -> {
                  Thread shuttingDown = lag.shuttingDown;
                  if (shuttingDown == null) {
                    return false;
                  }
                  ThreadInfo info =
                      ManagementFactory.getThreadMXBean().getThreadInfo(shuttingDown.getId());
                  // Blocked on the completed flush's lock, which this thread holds while it
                  // completes it.
                  return info != null && info.getLockOwnerId() == worker;
                });
      } catch (ConditionTimeoutException noShutdownWaited) {
        // The worker goes on; the test sees whatever the code under test does then.
      }
    }

    @Override
    public CompletableResultCode shutdown() {
      lag.shuttingDown = Thread.currentThread();
      return delegate.shutdown();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      delegate.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
      return delegate.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
      delegate.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
      return delegate.isEndRequired();
    }
  }
}
