package dev.optel.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
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
 * cpu.time.norm}, ns/op), next to JMH's wall-clock score, and the CPU time of the whole benchmark
 * JVM per operation ({@code cpu.process.norm}).
 *
 * <p>Why: this machine is shared, and while other processes hold the cores a benchmark thread waits
 * without running, which inflates its wall-clock time, differently for each benchmark since they
 * run one after the other. A thread's CPU time counts only what it ran. Only JMH's worker threads
 * are counted: the batch span processor's export thread does the same work for every recorded span
 * whoever started it, and how much of it there is depends on whether the queue overflowed, that is
 * on the scheduling luck of the moment; garbage collection is reported separately as B/op.
 *
 * <p>The process's CPU time is for benchmarks whose work is not all on the worker threads: an HTTP
 * request is served by the server's threads and the HTTP client's selector thread, and the
 * instrumentation of both ends is what {@code HttpBench} compares. It leaves out the JIT compiler
 * threads ({@link JitCpu}): each benchmark runs in a fork of its own, and the one with more code to
 * compile was charged its compilations in the measured iterations, tens of microseconds per request
 * under load; their time per operation is reported as {@code cpu.jit.norm}.
 */
public final class CpuProfiler implements InternalProfiler {
  /** The secondary result's name: CPU time of the JMH worker threads per operation. */
  static final String NAME = "cpu.time.norm";

  /** The secondary result's name: CPU time of the whole JVM but its JIT compilers per operation. */
  static final String PROCESS = "cpu.process.norm";

  /** The secondary result's name: CPU time of the JIT compiler threads per operation. */
  static final String JIT = "cpu.jit.norm";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Map<Long, Long> before = Map.of();
  private long processBefore;
  private long jitBefore;

  /** Creates the profiler; JMH calls this in the benchmark's JVM. */
  public CpuProfiler() {}

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuTimes();
    processBefore = processCpuTime();
    jitBefore = JitCpu.nanos();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long jit = JitCpu.nanos() - jitBefore;
    long process = processCpuTime() - processBefore - jit;
    long cpu = 0;
    for (Map.Entry<Long, Long> e : workerCpuTimes().entrySet()) {
      cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    List<Result<?>> results = new ArrayList<>();
    if (cpu > 0 && ops > 0) {
      results.add(new ScalarResult(NAME, (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    }
    if (process > 0 && ops > 0) {
      results.add(
          new ScalarResult(PROCESS, (double) process / ops, "ns/op", AggregationPolicy.AVG));
      results.add(new ScalarResult(JIT, (double) jit / ops, "ns/op", AggregationPolicy.AVG));
    }
    return results;
  }

  /** CPU nanoseconds of this JVM so far, or 0 where the platform does not say. */
  private static long processCpuTime() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(os.getProcessCpuTime(), 0)
        : 0;
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
