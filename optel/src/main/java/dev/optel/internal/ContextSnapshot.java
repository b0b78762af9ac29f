package dev.optel.internal;

import java.util.concurrent.Callable;

/**
 * What a thread had current at one moment — its OpenTelemetry context and its {@code LogContext}
 * fields — so that work running later, on any thread, runs in it.
 *
 * <p>Both parts are immutable, so a snapshot is safe to share between threads. Taking one when
 * nothing is current returns the shared {@link #EMPTY} snapshot without allocating. Running work
 * in a snapshot always restores exactly what the running thread had before, also when the work
 * throws or the thread is interrupted, in the order strict context storage expects.
 */
public final class ContextSnapshot {
  /** The snapshot of a thread with nothing current. */
  public static final ContextSnapshot EMPTY = new ContextSnapshot(null, null);

  private final Object otelContext;
  private final LogFields.Frame fields;

  private ContextSnapshot(Object otelContext, LogFields.Frame fields) {
    this.otelContext = otelContext;
    this.fields = fields;
  }

  /**
   * Captures what is current on this thread.
   *
   * @return the snapshot; {@link #EMPTY} when nothing is current
   */
  public static ContextSnapshot capture() {
    Backends.TracingBackend tracing = Backends.tracing();
    Object context = tracing == null ? null : tracing.currentContext();
    LogFields.Frame frame = LogFields.current();
    return context == null && frame == null ? EMPTY : new ContextSnapshot(context, frame);
  }

  /**
   * Tells whether this snapshot carries nothing.
   *
   * @return {@code true} for {@link #EMPTY}
   */
  public boolean isEmpty() {
    return this == EMPTY;
  }

  /**
   * Runs {@code task} on this thread with this snapshot current, then restores the previous state.
   *
   * @param task the work
   */
  public void run(Runnable task) {
    LogFields.Frame previous = LogFields.current();
    Object token = enter();
    try {
      task.run();
    } finally {
      exit(token, previous);
    }
  }

  /**
   * Calls {@code task} on this thread with this snapshot current, then restores the previous
   * state.
   *
   * @param task the work
   * @param <T> the result type
   * @return what {@code task} returned
   * @throws Exception what {@code task} threw
   */
  public <T> T call(Callable<T> task) throws Exception {
    LogFields.Frame previous = LogFields.current();
    Object token = enter();
    try {
      return task.call();
    } finally {
      exit(token, previous);
    }
  }

  /**
   * Returns {@code task} bound to this snapshot; {@code task} itself when the snapshot is empty.
   *
   * @param task the work
   * @return the bound work
   */
  public Runnable wrap(Runnable task) {
    return this == EMPTY ? task : new BoundRunnable(this, task);
  }

  /**
   * Returns {@code task} bound to this snapshot; {@code task} itself when the snapshot is empty.
   *
   * @param task the work
   * @param <T> the result type
   * @return the bound work
   */
  public <T> Callable<T> wrap(Callable<T> task) {
    return this == EMPTY ? task : new BoundCallable<>(this, task);
  }

  private Object enter() {
    LogFields.set(fields);
    Backends.TracingBackend tracing = Backends.tracing();
    return tracing == null ? null : tracing.attach(otelContext);
  }

  private static void exit(Object token, LogFields.Frame previous) {
    try {
      if (token != null) {
        Backends.tracing().detach(token);
      }
    } finally {
      LogFields.set(previous);
    }
  }

  private static final class BoundRunnable implements Runnable {
    private final ContextSnapshot snapshot;
    private final Runnable task;

    BoundRunnable(ContextSnapshot snapshot, Runnable task) {
      this.snapshot = snapshot;
      this.task = task;
    }

    @Override
    public void run() {
      snapshot.run(task);
    }

    @Override
    public String toString() {
      return "ContextBound[" + task + "]";
    }
  }

  private static final class BoundCallable<T> implements Callable<T> {
    private final ContextSnapshot snapshot;
    private final Callable<T> task;

    BoundCallable(ContextSnapshot snapshot, Callable<T> task) {
      this.snapshot = snapshot;
      this.task = task;
    }

    @Override
    public T call() throws Exception {
      return snapshot.call(task);
    }

    @Override
    public String toString() {
      return "ContextBound[" + task + "]";
    }
  }
}
