package dev.optel.tests;

import dev.optel.testsupport.InMemoryMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the metrics of the SDK that {@code OtelExtension} installed ({@code InMemoryMetrics}).
 * Only loaded when {@link Cp#METRICS_SDK}; optel-tests-oldest (OpenTelemetry 1.0.0, no metrics SDK)
 * does not compile it.
 */
final class MetricsSdk {
  private MetricsSdk() {}

  /** The metric named {@code name} in a fresh collection, or {@code null}. */
  static MetricData metric(String name) {
    Collection<MetricData> all = InMemoryMetrics.reader().collectAllMetrics();
    return all.stream().filter(m -> m.getName().equals(name)).findFirst().orElse(null);
  }

  /** The metric named {@code name}; fails when it was not collected. */
  static MetricData one(String name) {
    MetricData m = metric(name);
    if (m == null) {
      throw new AssertionError("no metric named " + name);
    }
    return m;
  }

  /** The points of a metric by their attributes, rendered by {@link #render}. */
  static Map<String, PointData> points(MetricData metric) {
    Map<String, PointData> out = new LinkedHashMap<>();
    for (PointData p : metric.getData().getPoints()) {
      out.put(render(p.getAttributes()), p);
    }
    return out;
  }

  /** Attributes as sorted {@code key=value:TYPE} entries joined by {@code ;}. */
  static String render(Attributes attributes) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<AttributeKey<?>, Object> e : attributes.asMap().entrySet()) {
      parts.add(e.getKey().getKey() + "=" + e.getValue() + ":" + e.getKey().getType());
    }
    parts.sort(null);
    return String.join(";", parts);
  }

  /** The bucket counts of a histogram point. */
  static List<Long> buckets(PointData point) {
    return ((HistogramPointData) point).getCounts();
  }
}
