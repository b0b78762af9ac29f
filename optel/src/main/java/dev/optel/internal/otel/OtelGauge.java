package dev.optel.internal.otel;

import dev.optel.MeterFacade;
import dev.optel.internal.Diagnostics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * A gauge registration, late-bound like the other instruments: its callback is registered with the
 * {@code GlobalOpenTelemetry} installed now, and moved when another one is installed.
 *
 * <p>A gauge has no measurement call of its own in which to notice a new OpenTelemetry, so the open
 * gauges are checked (one volatile read) once a second by one daemon thread, {@code optel-gauges},
 * which exists only while gauges are open, and at once when any other instrument notices the
 * change. The set of open gauges holds each registration, and so its supplier, strongly until
 * {@link #close()}: a gauge never reads from a collected object.
 */
final class OtelGauge implements MeterFacade.Registration {
  private static final long POLL_MILLIS = 1000;
  private static final Set<OtelGauge> OPEN = ConcurrentHashMap.newKeySet();
  private static final Object POLL_LOCK = new Object();
  private static ScheduledThreadPoolExecutor poller; // guarded by POLL_LOCK
  private static ScheduledFuture<?> poll; // guarded by POLL_LOCK

  private final String scope;
  private final String name;
  private final String unit;
  private final String description;
  private volatile DoubleSupplier supplier;
  private OpenTelemetry boundTo; // guarded by this
  private Object registration; // guarded by this: OpenTelemetry's ObservableDoubleGauge

  private OtelGauge(
      String scope, String name, String unit, String description, DoubleSupplier supplier) {
    this.scope = scope;
    this.name = name;
    this.unit = unit;
    this.description = description;
    this.supplier = supplier;
  }

  static OtelGauge register(
      String scope, String name, String unit, String description, DoubleSupplier supplier) {
    OtelGauge gauge = new OtelGauge(scope, name, unit, description, supplier);
    OPEN.add(gauge);
    gauge.sync(GlobalOtel.installed());
    startPolling();
    return gauge;
  }

  /** Moves every open gauge to the installed OpenTelemetry, if it changed. Never throws. */
  static void syncAll() {
    if (OPEN.isEmpty()) {
      return;
    }
    OpenTelemetry otel = GlobalOtel.installed();
    for (OtelGauge gauge : OPEN) {
      gauge.sync(otel);
    }
  }

  private synchronized void sync(OpenTelemetry otel) {
    if (otel == boundTo || supplier == null) {
      return;
    }
    unregister();
    boundTo = otel;
    if (otel == null) {
      return;
    }
    try {
      registration =
          otel.getMeterProvider()
              .get(scope)
              .gaugeBuilder(name)
              .setUnit(unit)
              .setDescription(description)
              .buildWithCallback(this::observe);
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce(
          "metric.gauge.register." + name,
          "could not register the gauge \"" + name + "\"; it records nothing",
          e);
    }
  }

  /** The callback the SDK calls at each collection. */
  private void observe(ObservableDoubleMeasurement measurement) {
    DoubleSupplier s = supplier;
    if (s == null) {
      return;
    }
    double value;
    try {
      value = s.getAsDouble();
    } catch (Throwable e) { // the caller's code may throw anything
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce(
          "metric.gauge.supplier." + name,
          "the supplier of gauge \"" + name + "\" threw; this reading is skipped",
          e);
      return;
    }
    measurement.record(value);
  }

  private void unregister() {
    Object r = registration;
    registration = null;
    if (r instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception | LinkageError e) {
        Diagnostics.warnOnce(
            "metric.gauge.close." + name,
            "could not remove the gauge \"" + name + "\"; it reads nothing any more",
            e);
      }
    }
  }

  @Override
  public void close() {
    supplier = null;
    OPEN.remove(this);
    synchronized (this) {
      unregister();
      boundTo = null;
    }
  }

  private static void startPolling() {
    synchronized (POLL_LOCK) {
      if (poll != null) {
        return;
      }
      if (poller == null) {
        poller =
            new ScheduledThreadPoolExecutor(
                1,
                task -> {
                  Thread thread = new Thread(task, "optel-gauges");
                  thread.setDaemon(true);
                  return thread;
                });
        poller.setKeepAliveTime(POLL_MILLIS * 10, TimeUnit.MILLISECONDS);
        poller.allowCoreThreadTimeOut(true);
        poller.setRemoveOnCancelPolicy(true);
      }
      poll =
          poller.scheduleWithFixedDelay(
              OtelGauge::pollOnce, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private static void pollOnce() {
    try {
      syncAll();
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("metric.gauge.poll", "could not move gauges to a new OpenTelemetry", e);
    }
    synchronized (POLL_LOCK) {
      if (OPEN.isEmpty() && poll != null) {
        poll.cancel(false);
        poll = null;
      }
    }
  }

  @Override
  public String toString() {
    return "Gauge[" + name + (supplier == null ? ", closed]" : "]");
  }
}
