package dev.optel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
   * One comparison: {@code maxNs}/{@code maxBytes} are absolute limits, {@code maxTime}/{@code
   * maxAlloc} limits on the ratio to the anchor; {@code NaN} means no limit.
   */
  private record Row(String bench, String anchor, double maxNs, double maxBytes, double maxTime,
      double maxAlloc, String target) {}

  private static final double NONE = Double.NaN;

  /** The targets of issue 5, in the order the table shows them. */
  private static final List<Row> ROWS = List.of(
      new Row("NoBackendBench.floor", null, NONE, NONE, NONE, NONE, "anchor (JMH floor)"),
      new Row("NoBackendBench.optelSpan", "NoBackendBench.floor", 2, 0, NONE, NONE,
          "<= 2 ns, 0 B"),
      new Row("NoBackendBench.optelLog", "NoBackendBench.floor", 2, 0, NONE, NONE,
          "<= 2 ns, 0 B"),
      new Row("ApiOnlyBench.otelNoopSpan", null, NONE, NONE, NONE, NONE, "anchor"),
      new Row("ApiOnlyBench.optelSpan", "ApiOnlyBench.otelNoopSpan", NONE, NONE, 1.0, NONE,
          "<= 1.0x time"),
      new Row("SdkSpanBench.otelSpan", null, NONE, NONE, NONE, NONE, "anchor"),
      new Row("SdkSpanBench.micrometerObservation", null, NONE, NONE, NONE, NONE, "anchor"),
      new Row("SdkSpanBench.optelSpan", "SdkSpanBench.otelSpan", NONE, NONE, 1.10, 1.10,
          "<= 1.10x time+alloc"),
      new Row("SdkSpanBench.optelSpan", "SdkSpanBench.micrometerObservation", NONE, NONE, 0.5,
          NONE, "<= 0.5x time"),
      new Row("LogBench.slf4jDisabled", null, NONE, NONE, NONE, NONE, "anchor"),
      new Row("LogBench.optelDisabled", "LogBench.slf4jDisabled", NONE, 0, 1.5, NONE,
          "<= 1.5x time, 0 B"),
      new Row("LogBench.slf4jJson", null, NONE, NONE, NONE, NONE, "anchor"),
      new Row("LogBench.optelJson", "LogBench.slf4jJson", NONE, NONE, 1.25, NONE,
          "<= 1.25x time"),
      new Row("AsyncBench.otelTaskWrapping", null, NONE, NONE, NONE, NONE, "anchor"),
      new Row("AsyncBench.optelWrapExecutor", "AsyncBench.otelTaskWrapping", NONE, NONE, 1.1,
          NONE, "<= 1.1x time"),
      new Row("AsyncBench.otelContextWrap", null, NONE, NONE, NONE, NONE, "anchor"),
      new Row("AsyncBench.optelWrapRunnable", "AsyncBench.otelContextWrap", NONE, NONE, 1.1,
          NONE, "<= 1.1x time"));

  private Table() {}

  /**
   * Entry point.
   *
   * @param args the output directory of {@link Run}
   * @throws IOException when a summary cannot be read
   */
  public static void main(String[] args) throws IOException {
    Map<String, double[]> results = read(Path.of(args.length > 0 ? args[0] : "."));
    String format = "%-36s %10s %9s  %-34s %8s %8s  %-20s %s%n";
    System.out.printf(Locale.ROOT, format, "benchmark", "ns/op", "B/op", "anchor", "x time",
        "x alloc", "target", "met?");
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
      String verdict = "";
      if (row.anchor() != null) {
        Boolean ok = check(row, r, a);
        verdict = ok == null ? "no anchor" : ok ? "yes" : "NO";
        if (ok != null) {
          if (ok) {
            met++;
          } else {
            missed++;
          }
        }
      }
      System.out.printf(Locale.ROOT, format, row.bench(), num(r[0]), num(r[1]),
          row.anchor() == null ? "-" : row.anchor(),
          a == null ? "-" : ratio(r[0], a[0], 0), a == null ? "-" : ratio(r[1], a[1], ZERO_BYTES),
          row.target(), verdict);
    }
    for (Map.Entry<String, double[]> e : results.entrySet()) {
      if (!shown.contains(e.getKey())) {
        System.out.printf(Locale.ROOT, format, e.getKey(), num(e.getValue()[0]),
            num(e.getValue()[1]), "-", "-", "-", "-", "");
      }
    }
    System.out.printf(Locale.ROOT, "targets met: %d, missed: %d%n", met, missed);
  }

  /** Returns whether the row's target holds, or {@code null} when its anchor did not run. */
  private static Boolean check(Row row, double[] r, double[] a) {
    boolean ok = true;
    if (!Double.isNaN(row.maxNs())) {
      ok &= r[0] <= row.maxNs();
    }
    if (!Double.isNaN(row.maxBytes())) {
      ok &= r[1] <= row.maxBytes() + ZERO_BYTES;
    }
    if (!Double.isNaN(row.maxTime()) || !Double.isNaN(row.maxAlloc())) {
      if (a == null) {
        return null;
      }
      if (!Double.isNaN(row.maxTime())) {
        ok &= r[0] <= row.maxTime() * a[0];
      }
      if (!Double.isNaN(row.maxAlloc())) {
        // Both allocation-free counts as equal; otherwise compare (noise-level bytes as zero).
        ok &= Math.max(r[1], 0) <= row.maxAlloc() * Math.max(a[1], 0) + ZERO_BYTES;
      }
    }
    return ok;
  }

  private static Map<String, double[]> read(Path dir) throws IOException {
    Map<String, double[]> results = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          String[] cols = line.split("\t");
          if (cols.length == 3) {
            results.put(cols[0],
                new double[] {Double.parseDouble(cols[1]), Double.parseDouble(cols[2])});
          }
        }
      }
    }
    return results;
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 1000 ? "%.1f" : "%.0f", v);
  }

  /** A ratio; values under {@code zero} count as zero ("=" when both are, "inf" when only the anchor is). */
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
