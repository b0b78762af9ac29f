package dev.optel.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Exporter {@code memory}: keeps every exported span in one static list, also after shutdown. */
final class MemoryExporter extends KeepingExporter<SpanData> implements SpanExporter {
  static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();

  /** How often any memory exporter was shut down in this JVM (tests compare before and after). */
  static final AtomicInteger SHUTDOWNS = new AtomicInteger();

  static List<SpanData> spans() {
    return new ArrayList<>(SPANS);
  }

  MemoryExporter() {
    super(SPANS);
  }

  @Override
  public CompletableResultCode shutdown() {
    SHUTDOWNS.incrementAndGet();
    return super.shutdown();
  }

  /** Registered through META-INF/services, like any third-party exporter. */
  public static final class Provider implements ConfigurableSpanExporterProvider {
    /**
     * The configuration the last memory exporter was created with: what autoconfigure was given.
     */
    static volatile ConfigProperties config;

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
      Provider.config = config;
      return new MemoryExporter();
    }

    @Override
    public String getName() {
      return "memory";
    }
  }
}
