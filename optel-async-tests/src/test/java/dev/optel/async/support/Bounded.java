package dev.optel.async.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs code that may deadlock (a task group's {@code close()}, which cannot be stopped once it
 * waits for tasks that never run) on a thread of its own, so that a deadlock fails the test after a
 * bounded wait instead of hanging the build. JUnit's timeout only interrupts the test thread, which
 * cannot end such a wait.
 */
public final class Bounded {
  private Bounded() {}

  /**
   * Calls {@code body} on a new daemon thread and returns its result or throws its exception. Fails
   * when it does not finish within {@code limit} (showing where that thread is stuck; the thread is
   * left behind), and when {@code leftovers}, asked on that thread after {@code body}, reports
   * anything.
   */
  public static <T> T call(Duration limit, Supplier<String> leftovers, Callable<T> body)
      throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<String> left = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread thread =
        new Thread(
            () -> {
              try {
                result.set(body.call());
              } catch (Throwable e) {
                failure.set(e);
              } finally {
                left.set(leftovers.get());
                done.countDown();
              }
            },
            "bounded-owner");
    thread.setDaemon(true);
    thread.start();
    if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "did not finish within "
              + limit
              + "; stuck at\n  "
              + Arrays.stream(thread.getStackTrace())
                  .map(String::valueOf)
                  .collect(Collectors.joining("\n  ")));
    }
    Throwable e = failure.get();
    if (e instanceof Exception) {
      throw (Exception) e;
    } else if (e instanceof Error) {
      throw (Error) e;
    }
    assertThat(left.get()).as("left on the thread that ran the body").isEmpty();
    return result.get();
  }
}
