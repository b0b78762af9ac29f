package dev.optel;

import java.util.Map;

/** The span used when OpenTelemetry is absent or not sampling: a stateless singleton. */
enum NoopSpan implements Span {
  INSTANCE;

  static final String INVALID_TRACE_ID = "00000000000000000000000000000000";
  static final String INVALID_SPAN_ID = "0000000000000000";

  @Override
  public Span setAttribute(String key, Object value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, String value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    return this;
  }

  @Override
  public Span addEvent(String name) {
    return this;
  }

  @Override
  public Span addEvent(String name, Map<String, ?> attributes) {
    return this;
  }

  @Override
  public Span recordException(Throwable exception) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode code) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode code, String description) {
    return this;
  }

  @Override
  public void end() {}

  @Override
  public void close() {}

  @Override
  public String traceId() {
    return INVALID_TRACE_ID;
  }

  @Override
  public String spanId() {
    return INVALID_SPAN_ID;
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public String toString() {
    return "Span.noop()";
  }
}
