package dev.optel.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that runs task-group tasks when the caller gives none: one new virtual thread per
 * task on Java 21+, otherwise a shared pool of at most {@value #POOL_THREADS} daemon threads that
 * are created on demand and end after a minute without work. {@code
 * -Doptel.virtualThreads.disabled=true} selects the pool on every Java version.
 *
 * <p>The library is compiled for Java 17, so the virtual-thread factory is looked up by name.
 */
public final class TaskThreads {
  /**
   * The most platform threads the fallback pool runs at once; further tasks wait in its queue (a
   * thread waiting in {@code TaskGroup.close()} takes its own group's tasks from there, so nested
   * groups never wait for a pool thread that is itself waiting).
   */
  public static final int POOL_THREADS = 256;

  private TaskThreads() {}

  /**
   * Returns the shared default executor.
   *
   * @return the executor; never shut down
   */
  public static ExecutorService executor() {
    return Holder.EXECUTOR;
  }

  /**
   * Tells whether the default executor runs tasks on virtual threads.
   *
   * @return {@code true} on Java 21 and newer
   */
  public static boolean virtual() {
    return Holder.VIRTUAL;
  }

  private static final class Holder {
    static final ExecutorService VIRTUAL_EXECUTOR = virtualExecutor();
    static final boolean VIRTUAL = VIRTUAL_EXECUTOR != null;
    static final ExecutorService EXECUTOR = VIRTUAL ? VIRTUAL_EXECUTOR : platformPool();

    private static ExecutorService virtualExecutor() {
      if (Boolean.getBoolean("optel.virtualThreads.disabled")) {
        return null;
      }
      try {
        MethodHandle factory =
            MethodHandles.publicLookup()
                .findStatic(
                    Executors.class,
                    "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
        return (ExecutorService) factory.invokeExact();
      } catch (NoSuchMethodException | IllegalAccessException | UnsupportedOperationException e) {
        return null; // Java 17-18: no virtual threads; 19-20: only with --enable-preview
      } catch (Throwable e) {
        Diagnostics.warnOnce(
            "virtualThreads",
            "virtual threads are not usable; task groups use a platform thread pool",
            e);
        return null;
      }
    }

    private static ExecutorService platformPool() {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory threads =
          task -> {
            Thread thread = new Thread(task, "optel-task-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          };
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              POOL_THREADS,
              POOL_THREADS,
              60,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              threads);
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }
}
