package dev.optel.internal;

import dev.optel.LogEventBuilder;
import dev.optel.LogLevel;
import java.util.Arrays;

/**
 * The builder of an enabled event: keeps the fields in the order they were added and hands them to
 * its facade at {@link #log(String)}, which writes them as it writes any other call's fields.
 * Primitives are boxed here, after the level check; a disabled event never gets this far ({@link
 * NoopEventBuilder}).
 */
final class EventBuilder implements LogEventBuilder {
  private static final Object[] NO_FIELDS = new Object[0];

  private final LogDispatcher facade;
  private final LogLevel level;

  /** Key, value, key, value, ...; the first {@link #count} slots are used. */
  private Object[] fields = NO_FIELDS;

  private int count;
  private Throwable cause;

  EventBuilder(LogDispatcher facade, LogLevel level) {
    this.facade = facade;
    this.level = level;
  }

  @Override
  public LogEventBuilder field(String key, Object value) {
    if (count == fields.length) {
      fields = Arrays.copyOf(fields, Math.max(8, count * 2));
    }
    fields[count++] = key;
    fields[count++] = value;
    return this;
  }

  @Override
  public LogEventBuilder field(String key, long value) {
    return field(key, (Object) value);
  }

  @Override
  public LogEventBuilder field(String key, int value) {
    return field(key, (Object) value);
  }

  @Override
  public LogEventBuilder field(String key, double value) {
    return field(key, (Object) value);
  }

  @Override
  public LogEventBuilder field(String key, float value) {
    return field(key, (Object) value);
  }

  @Override
  public LogEventBuilder field(String key, boolean value) {
    return field(key, (Object) value);
  }

  @Override
  public LogEventBuilder field(String key, char value) {
    return field(key, (Object) value);
  }

  @Override
  public LogEventBuilder cause(Throwable cause) {
    this.cause = cause;
    return this;
  }

  @Override
  public void log(String event) {
    if (level == LogLevel.ERROR || level == LogLevel.CRITICAL) {
      Backends.markCurrentSpanError(event);
    }
    facade.writeFields(level, event, fields, count, cause);
  }

  @Override
  public String toString() {
    return "LogEventBuilder(" + level + ", " + count / 2 + " fields)";
  }
}
