package dev.optel.internal;

import dev.optel.LogEventBuilder;

/**
 * The builder of a disabled event: every method returns at once, on a shared constant, so that a
 * disabled fluent call allocates nothing and its primitives are never boxed. {@link #MARK} is the
 * one of {@code ERROR} and {@code CRITICAL}, which still mark the current span. Looks like {@link
 * NonRecordingSpan} on purpose: the do-nothing shape of another interface.
 */
enum NoopEventBuilder implements LogEventBuilder {
  /** Does nothing. */
  DROP,
  /** Marks the current span as failed on {@link #log(String)}, and writes nothing. */
  MARK;

  @Override
  public LogEventBuilder field(String key, Object value) {
    return this;
  }

  @Override
  public LogEventBuilder field(String key, long value) {
    return this;
  }

  @Override
  public LogEventBuilder field(String key, int value) {
    return this;
  }

  @Override
  public LogEventBuilder field(String key, double value) {
    return this;
  }

  @Override
  public LogEventBuilder field(String key, float value) {
    return this;
  }

  @Override
  public LogEventBuilder field(String key, boolean value) {
    return this;
  }

  @Override
  public LogEventBuilder field(String key, char value) {
    return this;
  }

  @Override
  public LogEventBuilder cause(Throwable cause) {
    return this;
  }

  @Override
  public void log(String event) {
    if (this == MARK) {
      Backends.markCurrentSpanError(event);
    }
  }

  @Override
  public String toString() {
    return "LogEventBuilder(disabled)";
  }
}
