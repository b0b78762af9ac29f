package dev.optel.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Metric exporter {@code memory}: keeps every exported metric in one static list. */
final class MemoryMetricExporter extends KeepingExporter<MetricData> implements MetricExporter {
  static final List<MetricData> METRICS = new CopyOnWriteArrayList<>();

  /** How many memory metric exporters were created in this JVM. */
  static final AtomicInteger CREATED = new AtomicInteger();

  static List<MetricData> metrics() {
    return new ArrayList<>(METRICS);
  }

  MemoryMetricExporter() {
    super(METRICS);
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  /** Registered through META-INF/services, like any third-party exporter. */
  public static final class Provider implements ConfigurableMetricExporterProvider {
    @Override
    public MetricExporter createExporter(ConfigProperties config) {
      CREATED.incrementAndGet();
      return new MemoryMetricExporter();
    }

    @Override
    public String getName() {
      return "memory";
    }
  }
}
