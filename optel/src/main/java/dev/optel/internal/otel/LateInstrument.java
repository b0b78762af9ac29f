package dev.optel.internal.otel;

import dev.optel.internal.Diagnostics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;

/**
 * One instrument of the facade, bound late: the OpenTelemetry instrument of the {@code
 * GlobalOpenTelemetry} installed now, built again when another one is installed (so a library's
 * {@code static final} counter records once the application installs its SDK, and follows a
 * replaced SDK). Also owns the instrument's attribute cache ({@link MetricAttributes}), shared by
 * the instrument and everything bound from it.
 *
 * <p>Each facade instrument (the one made by the meter and each one made by {@code bind}) keeps the
 * {@link Target} it last used in a plain field and checks it against the installed OpenTelemetry at
 * each measurement: one volatile read, one comparison and the OpenTelemetry call, with nothing else
 * on the path, so that the JIT inlines the whole measurement into the caller as it does the direct
 * OpenTelemetry call. While nothing is installed the check is one read and no allocation.
 *
 * @param <I> the OpenTelemetry instrument type
 */
abstract class LateInstrument<I> {
  final String scope;
  final String name;
  final MetricAttributes attributes;
  private volatile Target<I> current = none();

  /**
   * The instrument built for one installed OpenTelemetry. Immutable, so a facade instrument may
   * keep it in a plain field: a thread that reads a stale one finds it does not match the installed
   * OpenTelemetry and asks {@link #target} again.
   *
   * @param otel the OpenTelemetry it was built in; {@code null} for {@link #none}
   * @param instrument the instrument; {@code null} when building failed (or for {@link #none})
   */
  record Target<I>(OpenTelemetry otel, I instrument) {}

  private static final Target<?> NONE = new Target<>(null, null);

  /** The target of a facade instrument that has not measured yet: it matches no installed one. */
  @SuppressWarnings("unchecked")
  static <I> Target<I> none() {
    return (Target<I>) NONE;
  }

  LateInstrument(String scope, String name) {
    this.scope = scope;
    this.name = name;
    this.attributes = new MetricAttributes(name);
  }

  /** Builds the instrument in {@code meter}. */
  abstract I build(Meter meter);

  /**
   * Returns the target for {@code otel}, building the instrument when {@code otel} is not the one
   * it was last built in. Off the measuring path: called once per facade instrument and installed
   * OpenTelemetry.
   *
   * @param otel the installed OpenTelemetry, not {@code null}
   * @return the target; its instrument is {@code null} when building failed
   */
  final Target<I> target(OpenTelemetry otel) {
    Target<I> t = current;
    return t.otel() == otel ? t : rebind(otel);
  }

  private Target<I> rebind(OpenTelemetry otel) {
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
    Target<I> t = new Target<>(otel, built);
    current = t;
    // An instrument that sees a new OpenTelemetry first tells the gauges, which have no
    // measurement of their own to notice it with (their poll would, a little later).
    OtelGauge.syncAll();
    return t;
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
