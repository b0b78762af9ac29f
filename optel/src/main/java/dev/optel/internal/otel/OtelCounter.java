package dev.optel.internal.otel;

import dev.optel.Counter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;

/**
 * A late-bound counter with fixed attributes (none unless it came from {@link #bind}).
 *
 * <p>Parallel to OtelUpDownCounter and OtelHistogram on purpose: each implements its own public
 * type (whose {@code bind} returns that type) and calls its own OpenTelemetry instrument directly,
 * so that the recording path has no shared base, lambda or extra call to inline.
 */
final class OtelCounter implements Counter {
  private final LateInstrument<LongCounter> late;
  private final Attributes bound;

  /**
   * The OpenTelemetry instrument last used here. A plain field on purpose (see {@link
   * LateInstrument}): the target is immutable, and a stale one only sends a measurement to {@link
   * #retarget}.
   */
  private LateInstrument.Target<LongCounter> target = LateInstrument.none();

  OtelCounter(LateInstrument<LongCounter> late, Attributes bound) {
    this.late = late;
    this.bound = bound;
  }

  @Override
  public void add(long value) {
    try {
      LongCounter c = instrument();
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
      LongCounter c = instrument();
      if (c != null) {
        c.add(value, late.with(bound, keyValues));
      }
    } catch (RuntimeException | LinkageError e) {
      late.failed(e);
    }
  }

  @Override
  public Counter bind(Object... keyValues) {
    try {
      return new OtelCounter(late, late.with(bound, keyValues));
    } catch (RuntimeException | LinkageError e) {
      late.failed(e);
      return this;
    }
  }

  /** The instrument of the installed OpenTelemetry; {@code null} while none is installed. */
  private LongCounter instrument() {
    OpenTelemetry otel = GlobalOtel.installed();
    if (otel == null) {
      return null;
    }
    LateInstrument.Target<LongCounter> t = target;
    return t.otel() == otel ? t.instrument() : retarget(otel);
  }

  private LongCounter retarget(OpenTelemetry otel) {
    LateInstrument.Target<LongCounter> t = late.target(otel);
    target = t;
    return t.instrument();
  }

  @Override
  public String toString() {
    return "Counter[" + late.name + ", " + bound + "]";
  }
}
