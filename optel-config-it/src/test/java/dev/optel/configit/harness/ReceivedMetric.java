package dev.optel.configit.harness;

import java.util.List;
import java.util.Map;

/**
 * A metric as an OTLP receiver decoded it: one {@code Metric} of one export request.
 *
 * @param name the instrument name
 * @param unit the unit, {@code ""} when none was set
 * @param description the description, {@code ""} when none was set
 * @param type {@code SUM}, {@code GAUGE}, {@code HISTOGRAM}, {@code EXPONENTIAL_HISTOGRAM} or
 *     {@code SUMMARY}: which data the metric carries
 * @param monotonic for a {@code SUM}, whether it only goes up (a counter, not an up-down counter)
 * @param temporality {@code CUMULATIVE} or {@code DELTA} for sums and histograms, {@code ""} for
 *     gauges
 * @param scope the instrumentation scope name (the {@code Telemetry} name)
 * @param points the data points
 * @param resource the resource attributes as strings
 */
public record ReceivedMetric(
    String name,
    String unit,
    String description,
    String type,
    boolean monotonic,
    String temporality,
    String scope,
    List<Point> points,
    Map<String, String> resource) {

  /**
   * One data point.
   *
   * @param attributes the attributes with their OTLP types, as {@link ReceivedLog#attributes()}
   * @param value a {@code Long} or {@code Double} for sums and gauges, as sent; {@code null} for a
   *     histogram
   * @param count a histogram's number of measurements, else 0
   * @param sum a histogram's sum, else 0
   * @param bounds a histogram's explicit bucket bounds, else empty
   * @param bucketCounts a histogram's counts per bucket (one more than the bounds), else empty
   */
  public record Point(
      Map<String, Object> attributes,
      Number value,
      long count,
      double sum,
      List<Double> bounds,
      List<Long> bucketCounts) {}
}
