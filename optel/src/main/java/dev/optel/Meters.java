package dev.optel;

import dev.optel.internal.Backends;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.MetricNames;
import java.util.function.DoubleSupplier;

/**
 * optel's one {@link MeterFacade}: checks names and units once, at creation, then asks the metrics
 * binding for the instrument, or hands out the shared no-ops when there is none (or the name is
 * invalid). Recording never passes through here.
 */
final class Meters implements MeterFacade {
  /** The meter without a metrics binding. */
  static final MeterFacade NOOP = new Meters("dev.optel.noop", null);

  private final String scope;
  private final Backends.MeterBackend backend;

  private Meters(String scope, Backends.MeterBackend backend) {
    this.scope = scope;
    this.backend = backend;
  }

  /** The meter of an instrumentation scope: the binding's when there is one, else {@link #NOOP}. */
  static MeterFacade of(String scope) {
    Backends.MeterBackend backend = Backends.metrics();
    return backend == null ? NOOP : new Meters(scope, backend);
  }

  @Override
  public Counter counter(String name, String unit, String description) {
    return make(
        name,
        unit,
        "counter",
        NoopMetrics.COUNTER,
        (b, u) -> b.counter(scope, name, u, text(description)));
  }

  @Override
  public UpDownCounter upDownCounter(String name, String unit, String description) {
    return make(
        name,
        unit,
        "up-down counter",
        NoopMetrics.UP_DOWN_COUNTER,
        (b, u) -> b.upDownCounter(scope, name, u, text(description)));
  }

  @Override
  public Histogram histogram(String name, String unit, String description) {
    return make(
        name,
        unit,
        "histogram",
        NoopMetrics.HISTOGRAM,
        (b, u) -> b.histogram(scope, name, u, text(description), null));
  }

  @Override
  public Registration gauge(String name, String unit, String description, DoubleSupplier value) {
    if (value == null) {
      // Reported as for any gauge (name, then unit), then the missing supplier.
      if (MetricNames.valid(name, "gauge")) {
        MetricNames.unit(name, unit);
        Diagnostics.warnOnce(
            "metric.gauge.null." + name,
            "gauge \"" + name + "\" was given a null supplier; nothing is registered",
            null);
      }
      return NoopMetrics.REGISTRATION;
    }
    return make(
        name,
        unit,
        "gauge",
        NoopMetrics.REGISTRATION,
        (b, u) -> b.gauge(scope, name, u, text(description), value));
  }

  /** What the binding is asked for, given the checked unit. */
  private interface Maker<T> {
    T make(Backends.MeterBackend backend, String checkedUnit);
  }

  /**
   * The one creation path of every instrument: the name and unit checked (and reported) whether or
   * not there is a binding, then the binding asked; the no-op on an invalid name, without a binding
   * or when the binding fails (reported once).
   */
  private <T> T make(String name, String unit, String kind, T noop, Maker<T> maker) {
    if (!MetricNames.valid(name, kind)) {
      return noop;
    }
    String checkedUnit = MetricNames.unit(name, unit);
    if (backend == null) {
      return noop;
    }
    try {
      return maker.make(backend, checkedUnit);
    } catch (RuntimeException | LinkageError e) {
      failed(name, e);
      return noop;
    }
  }

  private static String text(String description) {
    return description == null ? "" : description;
  }

  private static void failed(String name, Throwable e) {
    Diagnostics.warnOnce(
        "metric.create", "could not create the instrument \"" + name + "\"; it records nothing", e);
  }

  @Override
  public String toString() {
    return backend == null ? "MeterFacade.noop()" : "MeterFacade[" + scope + "]";
  }
}
