package dev.optel.internal;

/**
 * What optel's own context storage ({@link LocalContextStorage}, used without OpenTelemetry) holds
 * for a thread: one immutable value, so that it is captured and restored as a whole. A new kind of
 * propagated state becomes one more field here, not one more {@link ThreadLocal}.
 */
public final class LocalContext {
  private final LogFields.Frame fields;

  /** The context {@code Propagation} received or bound, or {@code null}. */
  private final PlainPropagation propagation;

  private LocalContext(LogFields.Frame fields, PlainPropagation propagation) {
    this.fields = fields;
    this.propagation = propagation;
  }

  /**
   * Returns a context with {@code fields} and everything else of {@code base}.
   *
   * @param base the context to start from; {@code null} for none
   * @param fields the {@code LogContext} fields
   * @return a new context
   */
  static LocalContext withFields(LocalContext base, LogFields.Frame fields) {
    return new LocalContext(fields, base == null ? null : base.propagation);
  }

  /**
   * Returns a context with {@code propagation} and everything else of {@code base}.
   *
   * @param base the context to start from; {@code null} for none
   * @param propagation the received or bound propagation context
   * @return a new context
   */
  static LocalContext withPropagation(LocalContext base, PlainPropagation propagation) {
    return new LocalContext(base == null ? null : base.fields, propagation);
  }

  /**
   * Returns the context {@code Propagation} received or bound.
   *
   * @return the context, or {@code null} when none
   */
  PlainPropagation propagation() {
    return propagation;
  }

  /**
   * Returns the {@code LogContext} fields.
   *
   * @return the newest frame, or {@code null} when no field is bound
   */
  public LogFields.Frame fields() {
    return fields;
  }
}
