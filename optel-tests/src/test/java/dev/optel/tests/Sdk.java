package dev.optel.tests;

import dev.optel.testsupport.InMemorySpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finished spans of the SDK that {@code OtelExtension} installed, read back as {@link Finished}
 * so that tests name no OpenTelemetry type. Only loaded when {@link Cp#SDK}.
 */
final class Sdk {
  private Sdk() {}

  static List<Finished> finished() {
    List<Finished> out = new ArrayList<>();
    for (SpanData d : InMemorySpans.all()) {
      Map<String, Object> attrs = new LinkedHashMap<>();
      Map<String, String> types = new LinkedHashMap<>();
      for (Map.Entry<AttributeKey<?>, Object> e : d.getAttributes().asMap().entrySet()) {
        attrs.put(e.getKey().getKey(), e.getValue());
        types.put(e.getKey().getKey(), e.getKey().getType().name());
      }
      List<Map.Entry<String, Map<String, String>>> events = new ArrayList<>();
      for (EventData ev : d.getEvents()) {
        Map<String, String> ea = new LinkedHashMap<>();
        ev.getAttributes().forEach((k, v) -> ea.put(k.getKey(), String.valueOf(v)));
        events.add(new AbstractMap.SimpleImmutableEntry<>(ev.getName(), ea));
      }
      out.add(
          new Finished(
              d.getName(),
              d.getTraceId(),
              d.getSpanId(),
              d.getParentSpanContext().getSpanId(),
              d.getStatus().getStatusCode().name(),
              d.getStatus().getDescription(),
              attrs,
              types,
              events,
              d.getKind().name()));
    }
    return out;
  }

  /**
   * Whether the first spans named {@code a} and {@code b} carry the attribute {@code key} under the
   * same {@link AttributeKey} object (OpenTelemetry's exporters cache a key's encoded name in it).
   */
  static boolean sameKey(String a, String b, String key) {
    return keyOf(a, key) == keyOf(b, key);
  }

  private static AttributeKey<?> keyOf(String span, String key) {
    for (SpanData d : InMemorySpans.all()) {
      if (d.getName().equals(span)) {
        for (AttributeKey<?> k : d.getAttributes().asMap().keySet()) {
          if (k.getKey().equals(key)) {
            return k;
          }
        }
        throw new AssertionError("no attribute " + key + " on " + span);
      }
    }
    throw new AssertionError("no finished span named " + span);
  }

  static Finished one(String name) {
    List<Finished> all = finished();
    return all.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finished span named " + name + " in " + all));
  }
}
