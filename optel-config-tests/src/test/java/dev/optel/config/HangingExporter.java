package dev.optel.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exporter {@code hanging}: like a collector that accepts and never answers, until released. A test
 * sets fresh {@link #entered} and {@link #release} latches before configuring it.
 */
final class HangingExporter implements SpanExporter {
  static volatile CountDownLatch release = new CountDownLatch(1);

  /** Counted down when an export call starts. */
  static volatile CountDownLatch entered = new CountDownLatch(1);

  /** Export calls that started and have not returned yet. */
  static final AtomicInteger HANGING = new AtomicInteger();

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    HANGING.incrementAndGet();
    entered.countDown();
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      HANGING.decrementAndGet();
    }
    return CompletableResultCode.ofFailure();
  }

  @Override
  public CompletableResultCode flush() {
    return new CompletableResultCode();
  }

  @Override
  public CompletableResultCode shutdown() {
    return new CompletableResultCode();
  }

  /** Registered through META-INF/services. */
  public static final class Provider implements ConfigurableSpanExporterProvider {
    @Override
    public SpanExporter createExporter(ConfigProperties config) {
      return new HangingExporter();
    }

    @Override
    public String getName() {
      return "hanging";
    }
  }
}
