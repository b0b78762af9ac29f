package dev.optel.configit.harness;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What both OTLP receivers share: the spans, log records and metrics they decoded from real {@code
 * ExportTraceServiceRequest}s, {@code ExportLogsServiceRequest}s and {@code
 * ExportMetricsServiceRequest}s.
 */
public abstract class OtlpReceiver implements AutoCloseable {
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<ReceivedLog> logs = new CopyOnWriteArrayList<>();
  private final List<ReceivedMetric> metrics = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  /** The value for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public abstract String endpoint();

  /** The value for {@code OTEL_EXPORTER_OTLP_PROTOCOL}. */
  public abstract String protocol();

  /** Stops the receiver. */
  @Override
  public abstract void close();

  /** Every span received so far, in arrival order. */
  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Every log record received so far, in arrival order. */
  public List<ReceivedLog> logs() {
    return List.copyOf(logs);
  }

  /**
   * Every metric received so far, in arrival order: one entry per metric of each export request, so
   * a metric exported at every interval appears once per export.
   */
  public List<ReceivedMetric> metrics() {
    return List.copyOf(metrics);
  }

  /** The metrics named {@code name} received so far, in arrival order. */
  public List<ReceivedMetric> metrics(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).collect(Collectors.toList());
  }

  /** The spans of one trace received so far. */
  public List<ReceivedSpan> spansOfTrace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).collect(Collectors.toList());
  }

  /** The number of export requests received. */
  public int requests() {
    return requests.get();
  }

  /** Records the spans of one decoded export request. */
  protected final void accept(ExportTraceServiceRequest request) {
    requests.incrementAndGet();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, String> resource = attributes(resourceSpans.getResource());
      String service = resource.getOrDefault("service.name", "");
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
          spans.add(
              new ReceivedSpan(
                  hex(span.getTraceId()),
                  hex(span.getSpanId()),
                  hex(span.getParentSpanId()),
                  span.getName(),
                  kind(span.getKind()),
                  service,
                  attributes(span.getAttributesList()),
                  resource));
        }
      }
    }
  }

  /**
   * The kind as Zipkin names it: {@code CLIENT}, {@code SERVER}, ...; {@code ""} for internal or
   * unset.
   */
  private static String kind(io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_CLIENT -> "CLIENT";
      case SPAN_KIND_SERVER -> "SERVER";
      case SPAN_KIND_PRODUCER -> "PRODUCER";
      case SPAN_KIND_CONSUMER -> "CONSUMER";
      default -> "";
    };
  }

  /** Records the log records of one decoded export request, their attributes with their types. */
  protected final void accept(ExportLogsServiceRequest request) {
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      Map<String, String> resource = attributes(resourceLogs.getResource());
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        for (LogRecord log : scopeLogs.getLogRecordsList()) {
          logs.add(
              new ReceivedLog(
                  hex(log.getTraceId()),
                  hex(log.getSpanId()),
                  log.getFlags(),
                  log.getSeverityNumberValue(),
                  log.getSeverityText(),
                  log.getEventName(),
                  text(log.getBody()),
                  scopeLogs.getScope().getName(),
                  typed(log.getAttributesList()),
                  resource));
        }
      }
    }
  }

  /** Records the metrics of one decoded export request. */
  protected final void accept(ExportMetricsServiceRequest request) {
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      Map<String, String> resource = attributes(resourceMetrics.getResource());
      for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
        for (Metric metric : scopeMetrics.getMetricsList()) {
          List<ReceivedMetric.Point> points = new ArrayList<>();
          AggregationTemporality temporality = null;
          boolean monotonic = false;
          switch (metric.getDataCase()) {
            case SUM -> {
              metric.getSum().getDataPointsList().forEach(p -> points.add(point(p)));
              temporality = metric.getSum().getAggregationTemporality();
              monotonic = metric.getSum().getIsMonotonic();
            }
            case GAUGE -> metric.getGauge().getDataPointsList().forEach(p -> points.add(point(p)));
            case HISTOGRAM -> {
              metric.getHistogram().getDataPointsList().forEach(p -> points.add(point(p)));
              temporality = metric.getHistogram().getAggregationTemporality();
            }
            case EXPONENTIAL_HISTOGRAM ->
                temporality = metric.getExponentialHistogram().getAggregationTemporality();
            default -> {
              // SUMMARY or no data: only the name and type are recorded
            }
          }
          metrics.add(
              new ReceivedMetric(
                  metric.getName(),
                  metric.getUnit(),
                  metric.getDescription(),
                  metric.getDataCase().name(),
                  monotonic,
                  temporality == null
                      ? ""
                      : temporality.name().replace("AGGREGATION_TEMPORALITY_", ""),
                  scopeMetrics.getScope().getName(),
                  List.copyOf(points),
                  resource));
        }
      }
    }
  }

  private static ReceivedMetric.Point point(NumberDataPoint point) {
    Number value =
        point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
            ? (Number) point.getAsInt()
            : (Number) point.getAsDouble();
    return new ReceivedMetric.Point(
        typed(point.getAttributesList()), value, 0, 0, List.of(), List.of());
  }

  private static ReceivedMetric.Point point(HistogramDataPoint point) {
    return new ReceivedMetric.Point(
        typed(point.getAttributesList()),
        null,
        point.getCount(),
        point.getSum(),
        List.copyOf(point.getExplicitBoundsList()),
        List.copyOf(point.getBucketCountsList()));
  }

  /** Attributes with their OTLP types, as {@link ReceivedLog#attributes()} describes. */
  private static Map<String, Object> typed(List<KeyValue> keyValues) {
    Map<String, Object> typed = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      typed.put(kv.getKey(), typed(kv.getValue()));
    }
    return Map.copyOf(typed);
  }

  private static Object typed(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case ARRAY_VALUE:
        return value.getArrayValue().getValuesList().stream()
            .map(OtlpReceiver::typed)
            .collect(Collectors.toList());
      default:
        return value.toString();
    }
  }

  private static Map<String, String> attributes(Resource resource) {
    return attributes(resource.getAttributesList());
  }

  private static Map<String, String> attributes(List<KeyValue> keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      map.put(kv.getKey(), text(kv.getValue()));
    }
    return Map.copyOf(map);
  }

  private static String text(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return Boolean.toString(value.getBoolValue());
      case INT_VALUE:
        return Long.toString(value.getIntValue());
      case DOUBLE_VALUE:
        return Double.toString(value.getDoubleValue());
      case ARRAY_VALUE:
        return value.getArrayValue().getValuesList().stream()
            .map(OtlpReceiver::text)
            .collect(Collectors.joining(",", "[", "]"));
      default:
        return value.toString();
    }
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }
}
