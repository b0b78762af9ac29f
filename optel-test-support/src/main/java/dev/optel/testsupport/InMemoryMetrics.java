package dev.optel.testsupport;

import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

/**
 * The metrics part of the SDK that {@link InMemorySpans} installs: an in-memory reader
 * (cumulative), added only where the class path has a metrics SDK and its testing reader (not on
 * OpenTelemetry 1.0.0, for one).
 */
public final class InMemoryMetrics {
  private static volatile Object reader;

  private InMemoryMetrics() {}

  /**
   * Adds the meter provider to {@code builder}; only where the class path has a metrics SDK and its
   * in-memory reader (checked by {@link InMemorySpans}).
   */
  static void addTo(OpenTelemetrySdkBuilder builder) {
    try {
      InMemoryMetricReader created = InMemoryMetricReader.create();
      builder.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(created).build());
      reader = created;
    } catch (LinkageError e) {
      // an older metrics SDK with another API: no metrics in this JVM
    }
  }

  /**
   * Returns the reader of the installed SDK.
   *
   * @return the reader
   * @throws IllegalStateException when no metrics SDK was installed
   */
  public static InMemoryMetricReader reader() {
    Object r = reader;
    if (r == null) {
      throw new IllegalStateException("no metrics SDK was installed in this JVM");
    }
    return (InMemoryMetricReader) r;
  }
}
