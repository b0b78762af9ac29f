package dev.optel.configit.harness;

import java.util.Map;

/**
 * A span as a backend received it, the same shape for Zipkin and OTLP.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId 16 lower-case hex digits
 * @param parentSpanId the parent's span id, or {@code ""} for a root span
 * @param name the span name
 * @param kind {@code CLIENT}, {@code SERVER}, {@code PRODUCER} or {@code CONSUMER}; {@code ""} for
 *     an internal span (Zipkin has no kind for it)
 * @param serviceName the service the backend attributed the span to
 * @param attributes the span's attributes (Zipkin: tags) as strings
 * @param resource the resource attributes as strings (OTLP only; empty for Zipkin)
 */
public record ReceivedSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    String serviceName,
    Map<String, String> attributes,
    Map<String, String> resource) {

  /** Whether the span has no parent. */
  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }
}
