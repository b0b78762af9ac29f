package dev.optel.internal.sdk;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The {@code console} metric exporter: at each export interval, one table of every metric point
 * (name, unit, kind, attributes, value; histograms with count, sum, min and max) on standard error,
 * so that standard output stays one JSON log line per event. Values are cumulative: each table
 * shows the totals since the start, which is what a person reading it expects.
 */
final class ConsoleMetricTable implements MetricExporter {
  private final Supplier<PrintStream> out;

  ConsoleMetricTable(Supplier<PrintStream> out) {
    this.out = out;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    List<String[]> rows = new ArrayList<>();
    List<MetricData> sorted = new ArrayList<>(metrics);
    sorted.sort(Comparator.comparing(MetricData::getName));
    for (MetricData metric : sorted) {
      for (PointData point : metric.getData().getPoints()) {
        rows.add(
            new String[] {
              metric.getName(),
              metric.getUnit(),
              kind(metric),
              attributes(point.getAttributes()),
              value(point)
            });
      }
    }
    if (rows.isEmpty()) {
      return CompletableResultCode.ofSuccess();
    }
    String[] header = {"metric", "unit", "kind", "attributes", "value"};
    int[] widths = new int[header.length];
    rows.add(0, header);
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text =
        new StringBuilder("metrics at ").append(Instant.now()).append(System.lineSeparator());
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      text.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    out.get().print(text);
    return CompletableResultCode.ofSuccess();
  }

  private static String attributes(Attributes attributes) {
    if (attributes.isEmpty()) {
      return "";
    }
    StringJoiner text = new StringJoiner(", ", "{", "}");
    attributes.forEach((key, value) -> text.add(key.getKey() + "=" + value));
    return text.toString();
  }

  private static String kind(MetricData metric) {
    switch (metric.getType()) {
      case LONG_SUM:
      case DOUBLE_SUM:
        return metric.getData() instanceof io.opentelemetry.sdk.metrics.data.SumData<?> sum
                && !sum.isMonotonic()
            ? "updowncounter"
            : "counter";
      case LONG_GAUGE:
      case DOUBLE_GAUGE:
        return "gauge";
      case HISTOGRAM:
      case EXPONENTIAL_HISTOGRAM:
        return "histogram";
      default:
        return metric.getType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String value(PointData point) {
    if (point instanceof LongPointData p) {
      return Long.toString(p.getValue());
    }
    if (point instanceof DoublePointData p) {
      return Double.toString(p.getValue());
    }
    if (point instanceof HistogramPointData p) {
      return "count="
          + p.getCount()
          + " sum="
          + p.getSum()
          + (p.hasMin() ? " min=" + p.getMin() : "")
          + (p.hasMax() ? " max=" + p.getMax() : "");
    }
    return point.toString();
  }

  @Override
  public CompletableResultCode flush() {
    out.get().flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
