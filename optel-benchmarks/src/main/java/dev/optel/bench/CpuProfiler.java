package dev.optel.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time of the benchmark threads per operation ({@code
 * cpu.time.norm}, ns/op), next to JMH's wall-clock score.
 *
 * <p>Why: this machine is shared, and while other processes hold the cores a benchmark thread waits
 * without running, which inflates its wall-clock time, differently for each benchmark since they
 * run one after the other. A thread's CPU time counts only what it ran. Only JMH's worker threads
 * are counted: the batch span processor's export thread does the same work for every recorded span
 * whoever started it, and how much of it there is depends on whether the queue overflowed, that is
 * on the scheduling luck of the moment; garbage collection is reported separately as B/op.
 */
public final class CpuProfiler implements InternalProfiler {
  /** The secondary result's name. */
  static final String NAME = "cpu.time.norm";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Map<Long, Long> before = Map.of();

  /** Creates the profiler; JMH calls this in the benchmark's JVM. */
  public CpuProfiler() {}

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuTimes();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long cpu = 0;
    for (Map.Entry<Long, Long> e : workerCpuTimes().entrySet()) {
      cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    if (cpu <= 0 || ops <= 0) {
      return List.of();
    }
    return List.of(new ScalarResult(NAME, (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }

  /** CPU nanoseconds of each live JMH worker thread, by thread id. */
  private static Map<Long, Long> workerCpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    if (!THREADS.isThreadCpuTimeSupported()) {
      return times;
    }
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long t = THREADS.getThreadCpuTime(info.getThreadId());
        if (t >= 0) {
          times.put(info.getThreadId(), t);
        }
      }
    }
    return times;
  }
}
