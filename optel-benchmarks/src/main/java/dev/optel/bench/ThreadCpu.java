package dev.optel.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time and the number of times each of this JVM's threads was scheduled in, by native
 * thread id, from {@code /proc/self/task/<tid>/schedstat} (nanoseconds, where {@code stat} counts
 * 10 ms ticks) and {@code comm} (the thread's name, cut to 15 characters by the kernel). Unlike
 * {@code ThreadMXBean} it also sees the JVM's own threads (GC, JIT compilers, VM thread), so that
 * the load run can tell which threads a traced request's extra CPU time goes to.
 *
 * <p>Linux only; elsewhere, or without {@code schedstat}, {@link #read()} returns an empty map. A
 * thread that ends between two readings takes its time with it.
 */
final class ThreadCpu {
  private static final Path TASKS = Path.of("/proc/self/task");

  /** What one thread used so far. */
  record Usage(String name, long nanos, long switches) {}

  private ThreadCpu() {}

  /** Every live thread's usage by native thread id; empty where {@code /proc} does not say. */
  static Map<Integer, Usage> read() {
    Map<Integer, Usage> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        Usage u = usage(task);
        if (u != null) {
          threads.put(Integer.parseInt(task.getFileName().toString()), u);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return threads;
  }

  /** The calling thread's usage so far, or {@code null} where {@code /proc} does not say. */
  static Usage current() {
    try {
      return usage(Path.of("/proc/thread-self"));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** One thread's usage, or {@code null} when it ended or {@code /proc} does not say. */
  private static Usage usage(Path task) {
    try {
      String name = Files.readString(task.resolve("comm")).strip();
      // "<ns on a CPU> <ns waiting for one> <times scheduled in>"
      String[] fields = Files.readString(task.resolve("schedstat")).strip().split(" ");
      return new Usage(name, Long.parseLong(fields[0]), Long.parseLong(fields[2]));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
