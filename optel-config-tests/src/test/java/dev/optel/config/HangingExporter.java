package dev.optel.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Exporter {@code hanging}: like a collector that accepts and never answers, until released. */
final class HangingExporter implements SpanExporter {
  static volatile CountDownLatch release = new CountDownLatch(1);
  static final CountDownLatch ENTERED = new CountDownLatch(1);

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    ENTERED.countDown();
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
