package dev.optel.async.support;

import java.util.concurrent.CountDownLatch;

/** Waiting in a test task without sleeping. */
public final class Blocking {
  private Blocking() {}

  /**
   * Blocks until the calling thread is interrupted: a stand-in for work that only cancellation
   * ends. It never returns normally.
   *
   * @throws InterruptedException always, once the thread is interrupted
   */
  public static void untilInterrupted() throws InterruptedException {
    new CountDownLatch(1).await();
    throw new AssertionError("a latch that nobody counts down was released");
  }
}
