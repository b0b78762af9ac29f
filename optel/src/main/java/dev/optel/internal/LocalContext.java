package dev.optel.internal;

/**
 * What optel's own context storage ({@link LocalContextStorage}, used without OpenTelemetry) holds
 * for a thread: one immutable value, so that it is captured and restored as a whole. A new kind of
 * propagated state becomes one more field here, not one more {@link ThreadLocal}.
 */
public final class LocalContext {
  private final LogFields.Frame fields;

  private LocalContext(LogFields.Frame fields) {
    this.fields = fields;
  }

  /**
   * Returns a context with {@code fields} and everything else of {@code base}.
   *
   * @param base the context to start from; {@code null} for none
   * @param fields the {@code LogContext} fields
   * @return a new context
   */
  static LocalContext withFields(LocalContext base, LogFields.Frame fields) {
    return new LocalContext(fields);
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
