package dev.optel.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of this JVM's JIT compiler threads, which {@code ThreadMXBean} does not list.
 *
 * <p>Why: on this shared two-core machine C2 compiles the HTTP client's and server's code for tens
 * of seconds after a short warm-up, and that work lands in whichever iteration or slice it happens
 * to fall; measured per request it was 100-120 us of a loopback request's 350-420 us (2026-12-01,
 * load average 14-18), more than anything the instrumentation adds. The figures per request leave
 * it out and show it beside them.
 *
 * <p>Linux only ({@code /proc/self/task/<tid>/stat}, in ticks of 10 ms); 0 elsewhere. A compiler
 * thread that the JVM retires between two readings takes its time with it.
 */
final class JitCpu {
  private static final Path TASKS = Path.of("/proc/self/task");

  /** {@code /proc} reports thread times in USER_HZ ticks, 100 per second on Linux. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private JitCpu() {}

  /** CPU nanoseconds of the live compiler threads ({@code C1 CompilerThread0}, ...), or 0. */
  static long nanos() {
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        ticks += compilerTicks(task);
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return ticks * NANOS_PER_TICK;
  }

  /** utime + stime of one thread if it is a compiler thread, else 0. */
  private static long compilerTicks(Path task) {
    String stat;
    try {
      stat = Files.readString(task.resolve("stat"));
    } catch (IOException e) {
      return 0; // the thread ended
    }
    // "tid (name) state ppid ...": the name may hold spaces; the kernel cuts it to 15 characters.
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    String name = stat.substring(open + 1, close);
    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
      return 0;
    }
    // After the name: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
    // utime(14) stime(15), counted from 1 with the pid as field 1.
    String[] fields = stat.substring(close + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
