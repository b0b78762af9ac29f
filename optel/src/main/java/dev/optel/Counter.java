package dev.optel;

/**
 * A monotonic counter from {@link MeterFacade#counter}. Thread-safe; no method throws because of
 * telemetry. Negative values are not counted (the SDK drops them).
 */
public interface Counter {
  /**
   * Adds to the counter, with the attributes this instrument was bound to (none, unless it came
   * from {@link #bind}).
   *
   * @param value the increment, zero or more
   */
  void add(long value);

  /**
   * Adds to the counter with more attributes.
   *
   * @param value the increment, zero or more
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
  Counter bind(Object... keyValues);
}
