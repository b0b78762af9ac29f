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
    if (!MetricNames.valid(name, "counter")) {
      return NoopMetrics.COUNTER;
    }
    String checkedUnit = MetricNames.unit(name, unit);
    if (backend == null) {
      return NoopMetrics.COUNTER;
    }
    try {
      return backend.counter(scope, name, checkedUnit, text(description));
    } catch (RuntimeException | LinkageError e) {
      failed(name, e);
      return NoopMetrics.COUNTER;
    }
  }

  @Override
  public UpDownCounter upDownCounter(String name, String unit, String description) {
    if (!MetricNames.valid(name, "up-down counter")) {
      return NoopMetrics.UP_DOWN_COUNTER;
    }
    String checkedUnit = MetricNames.unit(name, unit);
    if (backend == null) {
      return NoopMetrics.UP_DOWN_COUNTER;
    }
    try {
      return backend.upDownCounter(scope, name, checkedUnit, text(description));
    } catch (RuntimeException | LinkageError e) {
      failed(name, e);
      return NoopMetrics.UP_DOWN_COUNTER;
    }
  }

  @Override
  public Histogram histogram(String name, String unit, String description) {
    if (!MetricNames.valid(name, "histogram")) {
      return NoopMetrics.HISTOGRAM;
    }
    String checkedUnit = MetricNames.unit(name, unit);
    if (backend == null) {
      return NoopMetrics.HISTOGRAM;
    }
    try {
      return backend.histogram(scope, name, checkedUnit, text(description), null);
    } catch (RuntimeException | LinkageError e) {
      failed(name, e);
      return NoopMetrics.HISTOGRAM;
    }
  }

  @Override
  public Registration gauge(String name, String unit, String description, DoubleSupplier value) {
    if (!MetricNames.valid(name, "gauge")) {
      return NoopMetrics.REGISTRATION;
    }
    String checkedUnit = MetricNames.unit(name, unit);
    if (value == null) {
      Diagnostics.warnOnce(
          "metric.gauge.null." + name,
          "gauge \"" + name + "\" was given a null supplier; nothing is registered",
          null);
      return NoopMetrics.REGISTRATION;
    }
    if (backend == null) {
      return NoopMetrics.REGISTRATION;
    }
    try {
      return backend.gauge(scope, name, checkedUnit, text(description), value);
    } catch (RuntimeException | LinkageError e) {
      failed(name, e);
      return NoopMetrics.REGISTRATION;
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
