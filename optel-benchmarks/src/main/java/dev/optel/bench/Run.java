package dev.optel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks of one class path with {@code -prof gc}, writes JMH's JSON and, for {@link
 * Table}, one line per measured iteration: {@code benchmark<TAB>ns/op<TAB>B/op<TAB>CPU
 * ns/op<TAB>process CPU ns/op}. The system property {@code optel.bench.round} names the files of
 * one round when {@code run.sh} repeats the run.
 *
 * <p>JMH forks inherit the class path of the JVM that launches them, so {@code run.sh} starts this
 * class once per class path: {@code Run <classpath-name> <output-dir> [JMH options]}.
 */
public final class Run {
  /** Which benchmark classes belong to which class path (see the pom's classpath-* executions). */
  static final Map<String, String> BENCHMARKS =
      Map.of(
          "none", "dev\\.optel\\.bench\\.(NoBackendBench|MetricsNoneBench|PropagationNoneBench)\\.",
          "api", "dev\\.optel\\.bench\\.(ApiOnlyBench|MetricsApiBench|PropagationApiBench)\\.",
          "sdk",
              "dev\\.optel\\.bench\\.(SdkSpanBench|AsyncBench|MetricsBench|PropagationSdkBench)\\.",
          "log", "dev\\.optel\\.bench\\.LogBench\\.",
          "logexport", "dev\\.optel\\.bench\\.LogExportBench\\.",
          "http", "dev\\.optel\\.bench\\.(HttpBench|HttpWrapBench)\\.");

  private static final String ALLOC = "gc.alloc.rate.norm";

  private Run() {}

  /**
   * Entry point.
   *
   * @param args the class path name, the output directory, then JMH command-line options
   * @throws Exception when JMH fails or the summary cannot be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !BENCHMARKS.containsKey(args[0])) {
      System.err.println("usage: Run " + BENCHMARKS.keySet() + " <output-dir> [JMH options]");
      System.exit(2);
    }
    String classpath = args[0];
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    String round = System.getProperty("optel.bench.round", "1");
    Path json = out.resolve(classpath + "." + round + ".json");
    Collection<RunResult> results = run(classpath, json, List.of(args).subList(2, args.length));
    List<String> lines = new ArrayList<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replace("dev.optel.bench.", "");
      for (BenchmarkResult b : r.getBenchmarkResults()) {
        for (IterationResult i : b.getIterationResults()) {
          lines.add(
              String.format(
                  Locale.ROOT,
                  "%s\t%.4f\t%.4f\t%.4f\t%.4f",
                  name,
                  i.getPrimaryResult().getScore(),
                  score(i, ALLOC),
                  score(i, CpuProfiler.NAME),
                  score(i, CpuProfiler.PROCESS)));
        }
      }
    }
    Files.write(out.resolve(classpath + "." + round + ".tsv"), lines);
  }

  private static double score(IterationResult i, String secondary) {
    Result<?> r = i.getSecondaryResults().get(secondary);
    return r == null ? Double.NaN : r.getScore();
  }

  private static Collection<RunResult> run(String classpath, Path json, List<String> jmhArgs)
      throws CommandLineOptionException, RunnerException, IOException {
    CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    Options options =
        new OptionsBuilder()
            .parent(cli)
            .include(BENCHMARKS.get(classpath))
            .addProfiler(GCProfiler.class)
            .addProfiler(CpuProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .build();
    return new Runner(options).run();
  }
}
