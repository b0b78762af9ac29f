package dev.optel.internal;

import java.util.concurrent.Callable;

/**
 * What a thread had current at one moment — its OpenTelemetry context (without OpenTelemetry: the
 * context {@code Propagation} received, {@link PlainPropagation}) and its {@code LogContext}
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

  /** The binding's context; without OpenTelemetry the {@link PlainPropagation} (or {@code null}). */
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
    Object context = tracing == null ? PlainPropagation.current() : tracing.currentContext();
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
    run(otelContext, fields, task);
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
    return call(otelContext, fields, task);
  }

  /**
   * Returns {@code task} bound to this snapshot; {@code task} itself when the snapshot is empty.
   *
   * @param task the work
   * @return the bound work
   */
  public Runnable wrap(Runnable task) {
    return this == EMPTY ? task : new BoundRunnable(otelContext, fields, task);
  }

  /**
   * Returns {@code task} bound to this snapshot; {@code task} itself when the snapshot is empty.
   *
   * @param task the work
   * @param <T> the result type
   * @return the bound work
   */
  public <T> Callable<T> wrap(Callable<T> task) {
    return this == EMPTY ? task : new BoundCallable<>(otelContext, fields, task);
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
    Backends.TracingBackend tracing = Backends.tracing();
    Object context = tracing == null ? PlainPropagation.current() : tracing.currentContext();
    LogFields.Frame frame = LogFields.current();
    return context == null && frame == null ? task : new BoundRunnable(context, frame, task);
  }

  /**
   * Same as {@code capture().wrap(task)}; see {@link #wrapCurrent(Runnable)}.
   *
   * @param task the work
   * @param <T> the result type
   * @return the bound work; {@code task} itself when nothing is current
   */
  public static <T> Callable<T> wrapCurrent(Callable<T> task) {
    Backends.TracingBackend tracing = Backends.tracing();
    Object context = tracing == null ? PlainPropagation.current() : tracing.currentContext();
    LogFields.Frame frame = LogFields.current();
    return context == null && frame == null ? task : new BoundCallable<>(context, frame, task);
  }

  private static void run(Object otelContext, LogFields.Frame fields, Runnable task) {
    LogFields.Frame previous = LogFields.current();
    // Frames are immutable, so when the thread already has these fields there is nothing to do;
    // the common case is a pool thread without LogContext running a task without one.
    if (fields != previous) {
      LogFields.set(fields);
    }
    try {
      Backends.TracingBackend tracing = Backends.tracing();
      if (tracing == null) {
        PlainPropagation.runIn(otelContext, task);
      } else {
        tracing.runIn(otelContext, task);
      }
    } finally {
      if (fields != previous) {
        LogFields.set(previous);
      }
    }
  }

  private static <T> T call(Object otelContext, LogFields.Frame fields, Callable<T> task)
      throws Exception {
    LogFields.Frame previous = LogFields.current();
    if (fields != previous) {
      LogFields.set(fields);
    }
    try {
      Backends.TracingBackend tracing = Backends.tracing();
      return tracing == null
          ? PlainPropagation.callIn(otelContext, task) : tracing.callIn(otelContext, task);
    } finally {
      if (fields != previous) {
        LogFields.set(previous);
      }
    }
  }

  private static final class BoundRunnable implements Runnable {
    private final Object otelContext;
    private final LogFields.Frame fields;
    private final Runnable task;

    BoundRunnable(Object otelContext, LogFields.Frame fields, Runnable task) {
      this.otelContext = otelContext;
      this.fields = fields;
      this.task = task;
    }

    @Override
    public void run() {
      // The steps of ContextSnapshot.run written out here: a wrapped task runs inside executor,
      // pool and CompletableFuture frames, and every call level less leaves HotSpot more of its
      // inlining depth for the task itself (measured: AsyncBench.optelWrapExecutor).
      LogFields.Frame previous = LogFields.current();
      if (fields != previous) {
        LogFields.set(fields);
      }
      try {
        Backends.TracingBackend tracing = Backends.tracing();
        if (tracing == null) {
          PlainPropagation.runIn(otelContext, task);
        } else {
          tracing.runIn(otelContext, task);
        }
      } finally {
        if (fields != previous) {
          LogFields.set(previous);
        }
      }
    }

    @Override
    public String toString() {
      return "ContextBound[" + task + "]";
    }
  }

  private static final class BoundCallable<T> implements Callable<T> {
    private final Object otelContext;
    private final LogFields.Frame fields;
    private final Callable<T> task;

    BoundCallable(Object otelContext, LogFields.Frame fields, Callable<T> task) {
      this.otelContext = otelContext;
      this.fields = fields;
      this.task = task;
    }

    @Override
    public T call() throws Exception {
      return ContextSnapshot.call(otelContext, fields, task);
    }

    @Override
    public String toString() {
      return "ContextBound[" + task + "]";
    }
  }
}
