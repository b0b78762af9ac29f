package dev.optel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Prints one table of every summary {@link Run} wrote: each optel benchmark beside the anchor it is
 * compared with, the ratios, the target and whether the run met it.
 *
 * <p>Usage: {@code Table <output-dir>}. Exits with status 0 whether targets are met or not: the
 * numbers of one machine are not a test.
 */
public final class Table {
  /** Allocation below this many bytes per operation counts as none (the GC profiler's noise). */
  private static final double ZERO_BYTES = 0.5;

  /**
   * Indexes into a result: wall-clock ns/op, bytes/op, CPU ns/op (see {@link CpuProfiler}: of the
   * worker threads, or of the whole JVM for {@link #PROCESS_CPU_CLASSES}).
   */
  private static final int WALL = 0;

  private static final int BYTES = 1;
  private static final int CPU = 2;

  /**
   * Benchmark classes whose work is spread over threads that are not JMH's (an HTTP server's, the
   * HTTP client's selector): their CPU column is the whole JVM's CPU time per operation, its JIT
   * compilers left out.
   */
  private static final Set<String> PROCESS_CPU_CLASSES = Set.of("HttpBench");

  /**
   * One comparison: {@code maxNs}/{@code maxBytes} are absolute limits, {@code maxTime}/{@code
   * maxAlloc} limits on the ratio to the anchor; {@code NaN} means no limit. With a {@code
   * baseline}, the ratios compare what the benchmark and the anchor add to the baseline: {@code
   * (bench - baseline) / (anchor - baseline)}.
   */
  private record Row(
      String bench,
      String anchor,
      String baseline,
      double maxNs,
      double maxBytes,
      double maxTime,
      double maxAlloc,
      String target) {
    Row(
        String bench,
        String anchor,
        double maxNs,
        double maxBytes,
        double maxTime,
        double maxAlloc,
        String target) {
      this(bench, anchor, null, maxNs, maxBytes, maxTime, maxAlloc, target);
    }
  }

  private static final double NONE = Double.NaN;

  /** The targets of issues 5, 12, 13 and 14, in the order the table shows them. */
  private static final List<Row> ROWS =
      List.of(
          new Row("NoBackendBench.floor", null, NONE, NONE, NONE, NONE, "anchor (JMH floor)"),
          new Row(
              "NoBackendBench.optelSpan", "NoBackendBench.floor", 2, 0, NONE, NONE, "<= 2 ns, 0 B"),
          new Row(
              "NoBackendBench.optelLog", "NoBackendBench.floor", 2, 0, NONE, NONE, "<= 2 ns, 0 B"),
          new Row(
              "NoBackendBench.optelLogBoxing",
              "NoBackendBench.floor",
              2,
              0,
              NONE,
              NONE,
              "<= 2 ns, 0 B"),
          // Issue 12: the facade held in an instance field. With a value boxed at the call, 0 B is
          // reachable on JDK 22+ only (see LogBench.orderNumber): informational.
          new Row(
              "NoBackendBench.optelLogInstance1",
              "NoBackendBench.floor",
              2,
              0,
              NONE,
              NONE,
              "<= 2 ns, 0 B"),
          new Row(
              "NoBackendBench.optelLogInstance2",
              "NoBackendBench.floor",
              2,
              0,
              NONE,
              NONE,
              "<= 2 ns, 0 B"),
          new Row(
              "NoBackendBench.optelLogInstanceBoxing",
              "NoBackendBench.floor",
              NONE,
              NONE,
              NONE,
              NONE,
              "(boxed at the call)"),
          // The fluent form takes the primitives unboxed: 0 B on every JDK.
          new Row(
              "NoBackendBench.optelFluentLog",
              "NoBackendBench.floor",
              2,
              0,
              NONE,
              NONE,
              "<= 2 ns, 0 B"),
          new Row(
              "NoBackendBench.optelFluentLogInstance",
              "NoBackendBench.floor",
              2,
              0,
              NONE,
              NONE,
              "<= 2 ns, 0 B"),
          new Row(
              "NoBackendBench.optelFluentLogInstancePrimitives",
              "NoBackendBench.floor",
              2,
              0,
              NONE,
              NONE,
              "<= 2 ns, 0 B"),
          new Row("ApiOnlyBench.otelNoopSpan", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "ApiOnlyBench.optelSpan",
              "ApiOnlyBench.otelNoopSpan",
              NONE,
              NONE,
              1.0,
              NONE,
              "<= 1.0x time"),
          new Row("SdkSpanBench.otelSpan", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row("SdkSpanBench.micrometerObservation", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "SdkSpanBench.optelSpan",
              "SdkSpanBench.otelSpan",
              NONE,
              NONE,
              1.10,
              1.10,
              "<= 1.10x time+alloc"),
          new Row(
              "SdkSpanBench.optelSpan",
              "SdkSpanBench.micrometerObservation",
              NONE,
              NONE,
              0.5,
              NONE,
              "<= 0.5x time"),
          new Row("LogBench.slf4jDisabled", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "LogBench.optelDisabled",
              "LogBench.slf4jDisabled",
              NONE,
              0,
              1.5,
              NONE,
              "<= 1.5x time, 0 B"),
          new Row(
              "LogBench.optelDisabledBoxing",
              "LogBench.slf4jDisabled",
              NONE,
              NONE,
              NONE,
              NONE,
              "(boxed at the call)"),
          new Row("LogBench.slf4jDisabledInstance1", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "LogBench.optelDisabledInstance1",
              "LogBench.slf4jDisabledInstance1",
              2,
              0,
              1.5,
              NONE,
              "<= 2 ns, 1.5x, 0 B"),
          new Row("LogBench.slf4jDisabledInstance2", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "LogBench.optelDisabledInstance2",
              "LogBench.slf4jDisabledInstance2",
              2,
              0,
              1.5,
              NONE,
              "<= 2 ns, 1.5x, 0 B"),
          new Row("LogBench.slf4jDisabledInstanceBoxing", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "LogBench.optelDisabledInstanceBoxing",
              "LogBench.slf4jDisabledInstanceBoxing",
              NONE,
              NONE,
              NONE,
              NONE,
              "(boxed at the call)"),
          new Row(
              "LogBench.optelFluentDisabled",
              "LogBench.slf4jDisabled",
              NONE,
              0,
              1.5,
              NONE,
              "<= 1.5x time, 0 B"),
          new Row(
              "LogBench.optelFluentDisabledInstance",
              "LogBench.slf4jDisabledInstanceBoxing",
              2,
              0,
              1.5,
              NONE,
              "<= 2 ns, 1.5x, 0 B"),
          new Row(
              "LogBench.slf4jDisabledInstancePrimitives", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "LogBench.optelFluentDisabledInstancePrimitives",
              "LogBench.slf4jDisabledInstancePrimitives",
              2,
              0,
              1.5,
              NONE,
              "<= 2 ns, 1.5x, 0 B"),
          new Row("LogBench.slf4jJson", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "LogBench.optelJson", "LogBench.slf4jJson", NONE, NONE, 1.25, NONE, "<= 1.25x time"),
          // Issue 14: the same event also exported as an OpenTelemetry log record over OTLP.
          new Row("LogExportBench.optelJsonOnly", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "LogExportBench.optelJsonAndOtlp",
              "LogExportBench.optelJsonOnly",
              NONE,
              NONE,
              1.3,
              NONE,
              "<= 1.3x time"),
          new Row("AsyncBench.otelTaskWrapping", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "AsyncBench.optelWrapExecutor",
              "AsyncBench.otelTaskWrapping",
              NONE,
              NONE,
              1.1,
              NONE,
              "<= 1.1x time"),
          // Informational (a target in parentheses is not judged): the same as optelWrapExecutor in
          // a
          // JVM where LogContext has been used, so that the fields are carried too.
          new Row(
              "AsyncBench.optelWrapExecutorLogContextInUse",
              "AsyncBench.otelTaskWrapping",
              NONE,
              NONE,
              NONE,
              NONE,
              "(LogContext in use)"),
          new Row("AsyncBench.otelContextWrap", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "AsyncBench.optelWrapRunnable",
              "AsyncBench.otelContextWrap",
              NONE,
              NONE,
              1.1,
              NONE,
              "<= 1.1x time"),
          // Issue 14: metrics. Without a metrics SDK: <= 1 ns and 0 B, beside the JMH floor of the
          // same JVM.
          new Row("MetricsNoneBench.floor", null, NONE, NONE, NONE, NONE, "anchor (JMH floor)"),
          new Row(
              "MetricsNoneBench.optelCounterAdd",
              "MetricsNoneBench.floor",
              1,
              0,
              NONE,
              NONE,
              "<= 1 ns, 0 B"),
          new Row(
              "MetricsNoneBench.optelBoundAdd",
              "MetricsNoneBench.floor",
              1,
              0,
              NONE,
              NONE,
              "<= 1 ns, 0 B"),
          new Row(
              "MetricsNoneBench.optelCounterAddInstance",
              "MetricsNoneBench.floor",
              1,
              0,
              NONE,
              NONE,
              "<= 1 ns, 0 B"),
          new Row(
              "MetricsNoneBench.optelBoundAddInstance",
              "MetricsNoneBench.floor",
              1,
              0,
              NONE,
              NONE,
              "<= 1 ns, 0 B"),
          new Row("MetricsApiBench.floor", null, NONE, NONE, NONE, NONE, "anchor (JMH floor)"),
          new Row(
              "MetricsApiBench.optelCounterAdd",
              "MetricsApiBench.floor",
              1,
              0,
              NONE,
              NONE,
              "<= 1 ns, 0 B"),
          new Row(
              "MetricsApiBench.optelBoundAdd",
              "MetricsApiBench.floor",
              1,
              0,
              NONE,
              NONE,
              "<= 1 ns, 0 B"),
          new Row(
              "MetricsApiBench.optelCounterAddInstance",
              "MetricsApiBench.floor",
              1,
              0,
              NONE,
              NONE,
              "<= 1 ns, 0 B"),
          new Row(
              "MetricsApiBench.optelBoundAddInstance",
              "MetricsApiBench.floor",
              1,
              0,
              NONE,
              NONE,
              "<= 1 ns, 0 B"),
          // With the SDK.
          new Row("MetricsBench.otelCounterPrebuilt", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "MetricsBench.optelBoundAdd",
              "MetricsBench.otelCounterPrebuilt",
              NONE,
              0,
              1.1,
              NONE,
              "<= 1.1x time, 0 B"),
          new Row(
              "MetricsBench.otelCounterPrebuiltInstance", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "MetricsBench.optelBoundAddInstance",
              "MetricsBench.otelCounterPrebuiltInstance",
              NONE,
              0,
              1.1,
              NONE,
              "<= 1.1x time, 0 B"),
          new Row(
              "MetricsBench.otelCounterAttributesPerCall", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row("MetricsBench.micrometerCounterTags", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "MetricsBench.optelAddKeyValues",
              "MetricsBench.otelCounterAttributesPerCall",
              NONE,
              NONE,
              1.0,
              NONE,
              "<= 1.0x time"),
          new Row(
              "MetricsBench.optelAddKeyValues",
              "MetricsBench.micrometerCounterTags",
              NONE,
              NONE,
              0.5,
              NONE,
              "<= 0.5x time"),
          new Row(
              "MetricsBench.otelCounterAttributesPerCallInstance",
              null,
              NONE,
              NONE,
              NONE,
              NONE,
              "anchor"),
          new Row(
              "MetricsBench.optelAddKeyValuesInstance",
              "MetricsBench.otelCounterAttributesPerCallInstance",
              NONE,
              NONE,
              1.0,
              NONE,
              "<= 1.0x time"),
          new Row("MetricsBench.otelHistogram", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "MetricsBench.optelHistogram",
              "MetricsBench.otelHistogram",
              NONE,
              NONE,
              1.1,
              NONE,
              "<= 1.1x time"),
          new Row("MetricsBench.otelHistogramInstance", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "MetricsBench.optelHistogramInstance",
              "MetricsBench.otelHistogramInstance",
              NONE,
              NONE,
              1.1,
              NONE,
              "<= 1.1x time"),
          // Issue 13: extract traceparent + tracestate, make it current, inject it again. Without
          // an
          // SDK (class paths none and api) against OpenTelemetry's W3C propagator on the SDK.
          new Row("PropagationSdkBench.otelW3cPassThrough", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "PropagationNoneBench.optelPassThrough",
              "PropagationSdkBench.otelW3cPassThrough",
              NONE,
              NONE,
              0.5,
              0.5,
              "<= 0.5x time+alloc"),
          new Row(
              "PropagationApiBench.optelPassThrough",
              "PropagationSdkBench.otelW3cPassThrough",
              NONE,
              NONE,
              0.5,
              0.5,
              "<= 0.5x time+alloc"),
          // With the SDK: against the installed propagators called directly.
          new Row("PropagationSdkBench.otelPassThrough", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "PropagationSdkBench.optelPassThrough",
              "PropagationSdkBench.otelPassThrough",
              NONE,
              NONE,
              1.1,
              NONE,
              "<= 1.1x time"),
          new Row("PropagationSdkBench.otelInject", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "PropagationSdkBench.optelInject",
              "PropagationSdkBench.otelInject",
              NONE,
              NONE,
              1.1,
              NONE,
              "<= 1.1x time"),
          new Row("PropagationSdkBench.otelExtract", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "PropagationSdkBench.optelExtract",
              "PropagationSdkBench.otelExtract",
              NONE,
              NONE,
              1.1,
              NONE,
              "<= 1.1x time"),
          // One request over loopback; what each instrumentation adds to the uninstrumented
          // request.
          new Row("HttpBench.plain", null, NONE, NONE, NONE, NONE, "baseline"),
          new Row("HttpBench.otel", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "HttpBench.optel",
              "HttpBench.otel",
              "HttpBench.plain",
              NONE,
              NONE,
              1.0,
              NONE,
              "<= 1.0x added time"),
          // The same without the network: the instrumentation's own work per request.
          new Row("HttpWrapBench.plain", null, NONE, NONE, NONE, NONE, "baseline"),
          new Row("HttpWrapBench.otel", null, NONE, NONE, NONE, NONE, "anchor"),
          new Row(
              "HttpWrapBench.optel",
              "HttpWrapBench.otel",
              "HttpWrapBench.plain",
              NONE,
              NONE,
              1.0,
              NONE,
              "<= 1.0x added time"));

  private Table() {}

  /**
   * Entry point.
   *
   * @param args the output directory of {@link Run}, then optionally {@code --smoke}: say that the
   *     numbers mean nothing, and exit with status 1 when a benchmark of the table did not run
   * @throws IOException when a summary cannot be read
   */
  public static void main(String[] args) throws IOException {
    Map<String, double[]> results = read(Path.of(args.length > 0 ? args[0] : "."));
    boolean smoke = args.length > 1 && args[1].equals("--smoke");
    if (smoke) {
      System.out.println(
          "SMOKE RUN (no warm-up, one short iteration): the numbers below are not"
              + " measurements");
    }
    String format = "%-38s %9s %9s %8s  %-38s %6s %6s %7s  %-19s %s%n";
    System.out.println(
        "medians over all measured iterations; ns/op = wall clock, cpu ns/op = CPU"
            + " time of the benchmark threads per op (HttpBench: of the whole JVM but its JIT compilers); x = benchmark /"
            + " anchor (added: what each adds to the baseline); targets judged on CPU time");
    System.out.printf(
        Locale.ROOT,
        format,
        "benchmark",
        "ns/op",
        "cpu ns/op",
        "B/op",
        "anchor",
        "x time",
        "x cpu",
        "x alloc",
        "target",
        "met?");
    Set<String> shown = new LinkedHashSet<>();
    int met = 0;
    int missed = 0;
    for (Row row : ROWS) {
      double[] r = results.get(row.bench());
      if (r == null) {
        continue;
      }
      shown.add(row.bench());
      double[] a = row.anchor() == null ? null : results.get(row.anchor());
      String anchorName = row.anchor() == null ? "-" : row.anchor();
      if (row.baseline() != null && a != null) {
        double[] b = results.get(row.baseline());
        anchorName += " (added)";
        a = b == null ? null : added(a, b);
        r = b == null ? r : added(r, b);
      }
      String verdict = "";
      if (row.anchor() != null && !row.target().startsWith("(")) {
        Boolean ok = check(row, r, a, CPU);
        Boolean okWall = check(row, r, a, WALL);
        verdict = ok == null ? "no anchor" : ok ? "yes" : "NO";
        if (ok != null && !ok.equals(okWall)) {
          verdict += okWall ? " (wall: yes)" : " (wall: no)";
        }
        if (ok != null) {
          if (ok) {
            met++;
          } else {
            missed++;
          }
        }
      }
      double[] shownResult = results.get(row.bench());
      System.out.printf(
          Locale.ROOT,
          format,
          row.bench(),
          num(shownResult[WALL]),
          num(shownResult[CPU]),
          num(shownResult[BYTES]),
          anchorName,
          a == null ? "-" : ratio(r[WALL], a[WALL], 0),
          a == null ? "-" : ratio(r[CPU], a[CPU], 0),
          a == null ? "-" : ratio(r[BYTES], a[BYTES], ZERO_BYTES),
          row.target(),
          verdict);
    }
    for (Map.Entry<String, double[]> e : results.entrySet()) {
      if (!shown.contains(e.getKey())) {
        double[] r = e.getValue();
        System.out.printf(
            Locale.ROOT,
            format,
            e.getKey(),
            num(r[WALL]),
            num(r[CPU]),
            num(r[BYTES]),
            "-",
            "-",
            "-",
            "-",
            "-",
            "");
      }
    }
    System.out.printf(Locale.ROOT, "targets met: %d, missed: %d%n", met, missed);
    List<String> missing =
        ROWS.stream().map(Row::bench).filter(b -> !results.containsKey(b)).distinct().toList();
    if (!missing.isEmpty()) {
      System.out.println("did not run: " + String.join(", ", missing));
      if (smoke) {
        System.exit(1);
      }
    }
  }

  /**
   * Returns whether the row's target holds with the time at index {@code time} of the results, or
   * {@code null} when its anchor did not run.
   */
  private static Boolean check(Row row, double[] r, double[] a, int time) {
    boolean ok = true;
    if (!Double.isNaN(row.maxNs())) {
      ok &= r[time] <= row.maxNs();
    }
    if (!Double.isNaN(row.maxBytes())) {
      ok &= r[BYTES] <= row.maxBytes() + ZERO_BYTES;
    }
    if (!Double.isNaN(row.maxTime()) || !Double.isNaN(row.maxAlloc())) {
      if (a == null) {
        return null;
      }
      if (!Double.isNaN(row.maxTime())) {
        ok &= r[time] <= row.maxTime() * a[time];
      }
      if (!Double.isNaN(row.maxAlloc())) {
        // Noise-level bytes count as zero, so two allocation-free benchmarks compare as equal.
        ok &= Math.max(r[BYTES], 0) <= row.maxAlloc() * Math.max(a[BYTES], 0) + ZERO_BYTES;
      }
    }
    return ok;
  }

  /** What {@code r} adds to {@code baseline}, figure by figure. */
  private static double[] added(double[] r, double[] baseline) {
    double[] d = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      d[i] = r[i] - baseline[i];
    }
    return d;
  }

  /**
   * Reads every round's per-iteration lines: name -> medians {wall ns/op, B/op, CPU ns/op}, where
   * the CPU figure is the whole JVM's for {@link #PROCESS_CPU_CLASSES}.
   */
  private static Map<String, double[]> read(Path dir) throws IOException {
    Map<String, List<double[]>> samples = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          String[] cols = line.split("\t");
          if (cols.length >= 4) {
            boolean process = PROCESS_CPU_CLASSES.contains(cols[0].split("\\.")[0]);
            String cpu = process ? (cols.length > 4 ? cols[4] : "NaN") : cols[3];
            samples
                .computeIfAbsent(cols[0], k -> new ArrayList<>())
                .add(
                    new double[] {
                      Double.parseDouble(cols[1]),
                      Double.parseDouble(cols[2]),
                      Double.parseDouble(cpu)
                    });
          }
        }
      }
    }
    Map<String, double[]> results = new LinkedHashMap<>();
    samples.forEach(
        (name, list) ->
            results.put(
                name,
                new double[] {
                  median(list.stream().map(v -> v[WALL]).toList()),
                  median(list.stream().map(v -> v[BYTES]).toList()),
                  median(list.stream().map(v -> v[CPU]).toList())
                }));
    return results;
  }

  /**
   * The median of the measured iterations. Other processes on a shared machine only ever add time
   * to some iterations; the median ignores those outliers where JMH's mean does not.
   */
  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 1000 ? "%.1f" : "%.0f", v);
  }

  /**
   * A ratio; values under {@code zero} count as zero ("=" when both are, "inf" when only the anchor
   * is).
   */
  private static String ratio(double v, double anchor, double zero) {
    if (Double.isNaN(v) || Double.isNaN(anchor)) {
      return "n/a";
    }
    if (anchor <= zero) {
      return v <= zero ? "=" : "inf";
    }
    return String.format(Locale.ROOT, "%.2f", v / anchor);
  }
}
