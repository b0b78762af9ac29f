package dev.optel.internal.otel;

import dev.optel.internal.Diagnostics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;

/**
 * One instrument of the facade, bound late: the OpenTelemetry instrument of the {@code
 * GlobalOpenTelemetry} installed now, built again when another one is installed (so a library's
 * {@code static final} counter records once the application installs its SDK, and follows a
 * replaced SDK). The check on each measurement is two volatile reads and a comparison; while
 * nothing is installed it is one read and no allocation. Also owns the instrument's attribute cache
 * ({@link MetricAttributes}), shared by the instrument and everything bound from it.
 *
 * @param <I> the OpenTelemetry instrument type
 */
abstract class LateInstrument<I> {
  final String scope;
  final String name;
  final MetricAttributes attributes;
  private volatile Bound<I> bound;

  /** The instrument built for one installed OpenTelemetry; {@code null} when building failed. */
  private record Bound<I>(OpenTelemetry otel, I instrument) {}

  LateInstrument(String scope, String name) {
    this.scope = scope;
    this.name = name;
    this.attributes = new MetricAttributes(name);
  }

  /** Builds the instrument in {@code meter}. */
  abstract I build(Meter meter);

  /**
   * Returns the instrument of the installed OpenTelemetry.
   *
   * @return the instrument, or {@code null} while nothing is installed (or building failed)
   */
  final I instrument() {
    OpenTelemetry otel = GlobalOtel.installed();
    if (otel == null) {
      return null;
    }
    Bound<I> b = bound;
    return b != null && b.otel() == otel ? b.instrument() : rebind(otel);
  }

  private I rebind(OpenTelemetry otel) {
    I built = null;
    try {
      built = build(otel.getMeterProvider().get(scope));
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce(
          "metric.build." + name,
          "could not create the instrument \""
              + name
              + "\" in the installed OpenTelemetry; it"
              + " records nothing there",
          e);
    }
    bound = new Bound<>(otel, built);
    // An instrument that sees a new OpenTelemetry first tells the gauges, which have no
    // measurement of their own to notice it with (their poll would, a little later).
    OtelGauge.syncAll();
    return built;
  }

  /** Reports a measurement that failed inside OpenTelemetry; never throws. */
  final void failed(Throwable e) {
    Diagnostics.warnOnce(
        "metric.record." + name,
        "the instrument \"" + name + "\" could not record a measurement",
        e);
  }

  /** The attributes of {@code base} plus {@code keyValues}; see {@link MetricAttributes}. */
  final Attributes with(Attributes base, Object[] keyValues) {
    return attributes.with(base, keyValues);
  }
}
