package dev.optel;

/**
 * A counter that may go down (in-flight requests, queue length), from {@link
 * MeterFacade#upDownCounter}. Thread-safe; no method throws because of telemetry.
 */
public interface UpDownCounter {
  /**
   * Adds to the counter, with the attributes this instrument was bound to (none, unless it came
   * from {@link #bind}).
   *
   * @param value the change, negative to go down
   */
  void add(long value);

  /**
   * Adds to the counter with more attributes.
   *
   * @param value the change, negative to go down
   * @param keyValues attributes {@code k1, v1, k2, v2, ...}, read as {@link MeterFacade} says
   */
  void add(long value, Object... keyValues);

  /**
   * Returns this counter with attributes fixed: its {@link #add(long)} records them without
   * building anything per call. Keep it in a field.
   *
   * @param keyValues attributes {@code k1, v1, k2, v2, ...}, added to those already bound
   * @return the bound counter; never {@code null}
   */
  UpDownCounter bind(Object... keyValues);
}
