package dev.optel;

import java.util.function.DoubleSupplier;

/**
 * Creates metric instruments. Obtain one with {@link Telemetry#meter()}; it is thread-safe and
 * meant to be kept in a field, and so are the instruments it creates. Applications get it from
 * {@link Telemetry} and do not implement it.
 *
 * <p>When the OpenTelemetry API (1.10 or later) is on the class path, instruments record into the
 * {@code MeterProvider} of the {@code GlobalOpenTelemetry} installed at the time of each
 * measurement: an instrument created before the application installs its SDK (a library's {@code
 * static final} counter) records once the SDK is installed, and follows a replaced SDK. Until then,
 * and without OpenTelemetry, instruments record nothing, cost about nothing and allocate nothing.
 *
 * <p>Names follow OpenTelemetry's instrument-name rules (a letter, then up to 254 letters, digits,
 * {@code _ . / -}); an invalid name gets one warning and an instrument that records nothing. A unit
 * longer than 63 characters or not ASCII gets one warning and is left out. Attributes are given as
 * key-values {@code k1, v1, k2, v2, ...}, read like a log event's (see {@link LoggingFacade}) and
 * keeping their types as span attributes do. No method throws because of telemetry.
 *
 * <pre>{@code
 * MeterFacade meter = Telemetry.get(MyClient.class).meter();
 * Counter requests = meter.counter("acme.client.requests", "{request}", "Requests sent");
 * Counter gets = requests.bind("http.request.method", "GET"); // records without allocating
 * gets.add(1);
 * requests.add(1, "http.request.method", method, "http.response.status_code", status);
 * }</pre>
 */
public interface MeterFacade {

  /**
   * Returns a meter whose instruments record nothing.
   *
   * @return the no-op meter
   */
  static MeterFacade noop() {
    return Meters.NOOP;
  }

  /**
   * Creates a monotonic counter (OpenTelemetry {@code LongCounter}).
   *
   * @param name the instrument name, for example {@code "acme.client.requests"}
   * @param unit the unit (UCUM, for example {@code "{request}"} or {@code "By"}); may be {@code
   *     null} or empty
   * @param description what it counts; may be {@code null}
   * @return the counter; never {@code null}
   */
  Counter counter(String name, String unit, String description);

  /**
   * Creates a counter that may go down (OpenTelemetry {@code LongUpDownCounter}).
   *
   * @param name the instrument name
   * @param unit the unit; may be {@code null} or empty
   * @param description what it counts; may be {@code null}
   * @return the counter; never {@code null}
   */
  UpDownCounter upDownCounter(String name, String unit, String description);

  /**
   * Creates a histogram (OpenTelemetry {@code DoubleHistogram}, with the SDK's default buckets
   * unless the application configures a view).
   *
   * @param name the instrument name
   * @param unit the unit, for example {@code "s"}; may be {@code null} or empty
   * @param description what it measures; may be {@code null}
   * @return the histogram; never {@code null}
   */
  Histogram histogram(String name, String unit, String description);

  /**
   * Registers a gauge whose value is read from {@code value} each time metrics are collected. The
   * registration holds {@code value} strongly until it is closed; closing removes the gauge. A
   * supplier that throws is reported once and that reading is skipped.
   *
   * @param name the instrument name
   * @param unit the unit; may be {@code null} or empty
   * @param description what it measures; may be {@code null}
   * @param value reads the current value; {@code null} registers nothing (reported)
   * @return the registration; never {@code null}
   */
  Registration gauge(String name, String unit, String description, DoubleSupplier value);

  /** A gauge registration: {@link #close()} removes the gauge. */
  interface Registration extends AutoCloseable {
    /** Removes the gauge and releases its supplier. Idempotent; never throws. */
    @Override
    void close();
  }
}
