package dev.optel.async.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.LogContext;
import dev.optel.internal.TaskThreads;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Checks that nothing stays attached to the threads of a pool. */
public final class Probe {
  private Probe() {}

  /** Describes what is attached to the current thread: empty when clean. */
  public static String logFieldsLeft() {
    Map<String, Object> fields = LogContext.current();
    return fields.isEmpty() ? "" : "LogContext " + fields;
  }

  /**
   * Runs {@code check} once on each of {@code threads} distinct threads of {@code pool} (a barrier
   * keeps every probe on its own thread) and asserts that each reports nothing.
   */
  public static void assertClean(Executor pool, int threads, Supplier<String> check)
      throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(threads);
    CountDownLatch done = new CountDownLatch(threads);
    Map<String, String> seen = new ConcurrentHashMap<>();
    for (int i = 0; i < threads; i++) {
      pool.execute(
          () -> {
            try {
              seen.put(
                  Thread.currentThread().toString()
                      + "#"
                      + System.identityHashCode(Thread.currentThread()),
                  check.get());
              barrier.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
              seen.put("failed probe " + e, e.toString());
            } finally {
              done.countDown();
            }
          });
    }
    assertThat(done.await(60, TimeUnit.SECONDS)).as("probes finished").isTrue();
    assertThat(seen).hasSize(threads);
    assertThat(seen).allSatisfy((thread, left) -> assertThat(left).as(thread).isEmpty());
  }

  /**
   * Checks the threads that run task groups by default ({@link TaskThreads}) like {@link
   * #assertClean} checks a test's own pool. On the shared platform pool a probe runs on all {@value
   * TaskThreads#POOL_THREADS} threads at once, so it reaches every thread that ran a task (threads
   * that ended hold nothing). On virtual threads (Java 21+) there is nothing to probe: each task
   * had a thread of its own, which ended with it, and a probe would only run on fresh threads.
   */
  public static void assertTaskThreadsClean(Supplier<String> check) throws Exception {
    if (!TaskThreads.virtual()) {
      assertClean(TaskThreads.executor(), TaskThreads.POOL_THREADS, check);
    }
  }
}
