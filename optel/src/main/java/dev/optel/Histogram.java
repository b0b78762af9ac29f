package dev.optel;

/**
 * A histogram from {@link MeterFacade#histogram}: records values (durations, sizes) into buckets,
 * with their count and sum. Thread-safe; no method throws because of telemetry.
 */
public interface Histogram {
  /**
   * Records a value, with the attributes this instrument was bound to (none, unless it came from
   * {@link #bind}).
   *
   * @param value the value
   */
  void record(double value);

  /**
   * Records a value with more attributes.
   *
   * @param value the value
   * @param keyValues attributes {@code k1, v1, k2, v2, ...}, read as {@link MeterFacade} says
   */
  void record(double value, Object... keyValues);

  /**
   * Returns this histogram with attributes fixed: its {@link #record(double)} records them without
   * building anything per call. Keep it in a field.
   *
   * @param keyValues attributes {@code k1, v1, k2, v2, ...}, added to those already bound
   * @return the bound histogram; never {@code null}
   */
  Histogram bind(Object... keyValues);
}
