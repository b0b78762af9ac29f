package dev.optel.internal.otel;

import dev.optel.Counter;
import dev.optel.Histogram;
import dev.optel.MeterFacade;
import dev.optel.UpDownCounter;
import dev.optel.internal.Backends;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The OpenTelemetry metrics binding; loaded by {@link Backends} only after the API was found. Every
 * instrument is late-bound ({@link LateInstrument}): it finds its OpenTelemetry instrument in the
 * {@code GlobalOpenTelemetry} installed at the time of each measurement.
 */
public final class OtelMeterBackend implements Backends.MeterBackend {

  /**
   * Whether the API can pass bucket boundaries to the SDK: {@code
   * setExplicitBucketBoundariesAdvice} is stable API since 1.32. Older APIs build the histogram
   * without it, so the SDK's default boundaries apply there unless a view sets others. (Found in
   * {@link #create}, after the metrics API itself: a static initialiser would fail on 1.0.0.)
   */
  private final boolean advice;

  private OtelMeterBackend(boolean advice) {
    this.advice = advice;
  }

  /**
   * Creates the binding, or declines when the API has no stable metrics API (before 1.10, metrics
   * were a separate alpha artifact with other names). Declining is silent, as detection is: an
   * application on such an old API has chosen it, and the README says that its instruments are
   * no-ops.
   *
   * @return the binding, or {@code null}
   */
  public static OtelMeterBackend create() {
    try {
      OpenTelemetry.class.getMethod("getMeterProvider");
      MeterProvider.class.getMethod("get", String.class);
      Meter.class.getMethod("gaugeBuilder", String.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
    boolean advice;
    try {
      DoubleHistogramBuilder.class.getMethod("setExplicitBucketBoundariesAdvice", List.class);
      advice = true;
    } catch (NoSuchMethodException e) {
      advice = false;
    }
    return new OtelMeterBackend(advice);
  }

  @Override
  public Counter counter(String scope, String name, String unit, String description) {
    return new OtelCounter(
        new LateInstrument<LongCounter>(scope, name) {
          @Override
          LongCounter build(Meter meter) {
            return meter.counterBuilder(name).setUnit(unit).setDescription(description).build();
          }
        },
        Attributes.empty());
  }

  @Override
  public UpDownCounter upDownCounter(String scope, String name, String unit, String description) {
    return new OtelUpDownCounter(
        new LateInstrument<LongUpDownCounter>(scope, name) {
          @Override
          LongUpDownCounter build(Meter meter) {
            return meter
                .upDownCounterBuilder(name)
                .setUnit(unit)
                .setDescription(description)
                .build();
          }
        },
        Attributes.empty());
  }

  @Override
  public Histogram histogram(
      String scope, String name, String unit, String description, List<Double> boundaries) {
    List<Double> advised = advice ? boundaries : null;
    return new OtelHistogram(
        new LateInstrument<DoubleHistogram>(scope, name) {
          @Override
          DoubleHistogram build(Meter meter) {
            DoubleHistogramBuilder builder =
                meter.histogramBuilder(name).setUnit(unit).setDescription(description);
            if (advised != null) {
              builder = builder.setExplicitBucketBoundariesAdvice(advised);
            }
            return builder.build();
          }
        },
        Attributes.empty());
  }

  @Override
  public MeterFacade.Registration gauge(
      String scope, String name, String unit, String description, DoubleSupplier value) {
    return OtelGauge.register(scope, name, unit, description, value);
  }
}
