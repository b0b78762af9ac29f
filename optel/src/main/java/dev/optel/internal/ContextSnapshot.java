package dev.optel.internal;

import java.util.concurrent.Callable;

/**
 * What a thread had current at one moment — its trace context and its {@code LogContext} fields,
 * one value of the {@link ContextStorage} — so that work running later, on any thread, runs in it.
 *
 * <p>The value is immutable, so a snapshot is safe to share between threads. Taking one when
 * nothing is current returns the shared {@link #EMPTY} snapshot without allocating. Running work in
 * a snapshot always restores exactly what the running thread had before, also when the work throws
 * or the thread is interrupted, in the order strict context storage expects.
 *
 * <p>Every capture goes through {@link ContextStorage#current()} and every run through {@link
 * ContextStorage#runIn} or {@link ContextStorage#callIn}: one attach per task.
 */
public final class ContextSnapshot {
  /** The snapshot of a thread with nothing current. */
  public static final ContextSnapshot EMPTY = new ContextSnapshot(null);

  /** A constant, so that the JIT knows the one storage class of this JVM and inlines its calls. */
  private static final ContextStorage STORAGE = Backends.contextStorage();

  private final Object context;

  private ContextSnapshot(Object context) {
    this.context = context;
  }

  /**
   * Captures what is current on this thread.
   *
   * @return the snapshot; {@link #EMPTY} when nothing is current
   */
  public static ContextSnapshot capture() {
    Object context = STORAGE.current();
    return context == null ? EMPTY : new ContextSnapshot(context);
  }

  /**
   * Runs {@code task} on this thread with this snapshot current, then restores the previous state.
   *
   * @param task the work
   */
  public void run(Runnable task) {
    STORAGE.runIn(context, task);
  }

  /**
   * Returns {@code task} bound to this snapshot; {@code task} itself when the snapshot is empty.
   *
   * @param task the work
   * @param <T> the result type
   * @return the bound work
   */
  public <T> Callable<T> wrap(Callable<T> task) {
    return context == null ? task : new BoundCallable<>(context, task);
  }

  /**
   * Same as {@code capture().wrap(task)}, without the intermediate snapshot: one object per task,
   * like OpenTelemetry's {@code Context.wrap}. (The JIT cannot remove the snapshot itself, since
   * {@link #capture()} returns either the shared {@link #EMPTY} or a new one.)
   *
   * @param task the work
   * @return the bound work; {@code task} itself when nothing is current
   */
  public static Runnable wrapCurrent(Runnable task) {
    Object context = STORAGE.current();
    return context == null ? task : new BoundRunnable(context, task);
  }

  /**
   * Same as {@code capture().wrap(task)}; see {@link #wrapCurrent(Runnable)}.
   *
   * @param task the work
   * @param <T> the result type
   * @return the bound work; {@code task} itself when nothing is current
   */
  public static <T> Callable<T> wrapCurrent(Callable<T> task) {
    Object context = STORAGE.current();
    return context == null ? task : new BoundCallable<>(context, task);
  }

  private static final class BoundRunnable implements Runnable {
    private final Object context;
    private final Runnable task;

    BoundRunnable(Object context, Runnable task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public void run() {
      STORAGE.runIn(context, task);
    }

    @Override
    public String toString() {
      return "ContextBound[" + task + "]";
    }
  }

  private static final class BoundCallable<T> implements Callable<T> {
    private final Object context;
    private final Callable<T> task;

    BoundCallable(Object context, Callable<T> task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public T call() throws Exception {
      return STORAGE.callIn(context, task);
    }

    @Override
    public String toString() {
      return "ContextBound[" + task + "]";
    }
  }
}
