package dev.optel.tests;

import java.util.List;
import java.util.Map;

/**
 * A finished span as the in-memory exporter saw it, in plain Java types so that test classes never
 * name OpenTelemetry types (they must load on every class path).
 *
 * @param attributes attribute values (String, Boolean, Long, Double or a List of them)
 * @param attributeTypes the OpenTelemetry {@code AttributeType} name of each attribute
 * @param events event name -> event attributes (values as strings)
 * @param kind the OpenTelemetry {@code SpanKind} name
 */
record Finished(
    String name,
    String traceId,
    String spanId,
    String parentSpanId,
    String status,
    String statusDescription,
    Map<String, Object> attributes,
    Map<String, String> attributeTypes,
    List<Map.Entry<String, Map<String, String>>> events,
    String kind) {

  static final String INVALID_SPAN_ID = "0000000000000000";

  boolean isRoot() {
    return parentSpanId == null || INVALID_SPAN_ID.equals(parentSpanId);
  }

  Map<String, String> event(String eventName) {
    return events.stream()
        .filter(e -> e.getKey().equals(eventName))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
