package dev.optel.internal;

/**
 * The ids of a span as lowercase hex, as OpenTelemetry and the W3C {@code traceparent} write them.
 *
 * @param traceId 32 hex digits
 * @param spanId 16 hex digits
 */
public record SpanIds(String traceId, String spanId) {
  /** The ids of no span: all zeros, what a non-recording span without a parent reports. */
  public static final SpanIds INVALID =
      new SpanIds("00000000000000000000000000000000", "0000000000000000");
}
