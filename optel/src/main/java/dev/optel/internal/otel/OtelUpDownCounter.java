package dev.optel.internal.otel;

import dev.optel.UpDownCounter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongUpDownCounter;

/**
 * A late-bound up-down counter with fixed attributes (none unless it came from {@link #bind}).
 *
 * <p>Parallel to OtelCounter and OtelHistogram on purpose: each implements its own public type
 * (whose {@code bind} returns that type) and calls its own OpenTelemetry instrument directly, so
 * that the recording path has no shared base, lambda or extra call to inline.
 */
final class OtelUpDownCounter implements UpDownCounter {
  private final LateInstrument<LongUpDownCounter> late;
  private final Attributes bound;

  /**
   * The OpenTelemetry instrument last used here. A plain field on purpose (see {@link
   * LateInstrument}): the target is immutable, and a stale one only sends a measurement to {@link
   * #retarget}.
   */
  private LateInstrument.Target<LongUpDownCounter> target = LateInstrument.none();

  OtelUpDownCounter(LateInstrument<LongUpDownCounter> late, Attributes bound) {
    this.late = late;
    this.bound = bound;
  }

  @Override
  public void add(long value) {
    try {
      LongUpDownCounter c = instrument();
      if (c != null) {
        c.add(value, bound);
      }
    } catch (RuntimeException | LinkageError e) {
      late.failed(e);
    }
  }

  @Override
  public void add(long value, Object... keyValues) {
    try {
      LongUpDownCounter c = instrument();
      if (c != null) {
        c.add(value, late.with(bound, keyValues));
      }
    } catch (RuntimeException | LinkageError e) {
      late.failed(e);
    }
  }

  @Override
  public UpDownCounter bind(Object... keyValues) {
    try {
      return new OtelUpDownCounter(late, late.with(bound, keyValues));
    } catch (RuntimeException | LinkageError e) {
      late.failed(e);
      return this;
    }
  }

  /** The instrument of the installed OpenTelemetry; {@code null} while none is installed. */
  private LongUpDownCounter instrument() {
    OpenTelemetry otel = GlobalOtel.installed();
    if (otel == null) {
      return null;
    }
    LateInstrument.Target<LongUpDownCounter> t = target;
    return t.otel() == otel ? t.instrument() : retarget(otel);
  }

  private LongUpDownCounter retarget(OpenTelemetry otel) {
    LateInstrument.Target<LongUpDownCounter> t = late.target(otel);
    target = t;
    return t.instrument();
  }

  @Override
  public String toString() {
    return "UpDownCounter[" + late.name + ", " + bound + "]";
  }
}
