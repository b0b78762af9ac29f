package dev.optel.internal.otel;

import dev.optel.Histogram;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;

/**
 * A late-bound histogram with fixed attributes (none unless it came from {@link #bind}).
 *
 * <p>Parallel to OtelCounter and OtelUpDownCounter on purpose: each implements its own public type
 * (whose {@code bind} returns that type) and calls its own OpenTelemetry instrument directly, so
 * that the recording path has no shared base, lambda or extra call to inline.
 */
final class OtelHistogram implements Histogram {
  private final LateInstrument<DoubleHistogram> late;
  private final Attributes bound;

  /**
   * The OpenTelemetry instrument last used here. A plain field on purpose (see {@link
   * LateInstrument}): the target is immutable, and a stale one only sends a measurement to {@link
   * #retarget}.
   */
  private LateInstrument.Target<DoubleHistogram> target = LateInstrument.none();

  OtelHistogram(LateInstrument<DoubleHistogram> late, Attributes bound) {
    this.late = late;
    this.bound = bound;
  }

  @Override
  public void record(double value) {
    try {
      DoubleHistogram c = instrument();
      if (c != null) {
        c.record(value, bound);
      }
    } catch (RuntimeException | LinkageError e) {
      late.failed(e);
    }
  }

  @Override
  public void record(double value, Object... keyValues) {
    try {
      DoubleHistogram c = instrument();
      if (c != null) {
        c.record(value, late.with(bound, keyValues));
      }
    } catch (RuntimeException | LinkageError e) {
      late.failed(e);
    }
  }

  @Override
  public Histogram bind(Object... keyValues) {
    try {
      return new OtelHistogram(late, late.with(bound, keyValues));
    } catch (RuntimeException | LinkageError e) {
      late.failed(e);
      return this;
    }
  }

  /** The instrument of the installed OpenTelemetry; {@code null} while none is installed. */
  private DoubleHistogram instrument() {
    OpenTelemetry otel = GlobalOtel.installed();
    if (otel == null) {
      return null;
    }
    LateInstrument.Target<DoubleHistogram> t = target;
    return t.otel() == otel ? t.instrument() : retarget(otel);
  }

  private DoubleHistogram retarget(OpenTelemetry otel) {
    LateInstrument.Target<DoubleHistogram> t = late.target(otel);
    target = t;
    return t.instrument();
  }

  @Override
  public String toString() {
    return "Histogram[" + late.name + ", " + bound + "]";
  }
}
