package dev.optel.internal;

import java.util.concurrent.Callable;

/** Context storage without OpenTelemetry: each thread's {@link LocalContext} in a ThreadLocal. */
final class LocalContextStorage implements ContextStorage {
  private static final ThreadLocal<LocalContext> CURRENT = new ThreadLocal<>();

  /**
   * Becomes {@code true} (for good) the first time a context is attached on any thread. Until then
   * no thread can have one, so {@link #current()} answers without touching the ThreadLocal: an
   * application that never uses {@code LogContext} does not pay a ThreadLocal read for every
   * wrapped task and log event. A thread that gets a context either set the flag itself or received
   * the context from a thread that had set it, through a hand-off (an executor, a thread start)
   * that makes the write visible; volatile keeps that true for any other hand-off too.
   */
  private static volatile boolean used;

  @Override
  public LocalContext current() {
    return get();
  }

  private static LocalContext get() {
    return used ? CURRENT.get() : null;
  }

  /**
   * Returns the propagation context of this thread (used without OpenTelemetry only).
   *
   * @return the context {@code Propagation} received or bound, or {@code null}
   */
  static PlainPropagation propagation() {
    LocalContext current = get();
    return current == null ? null : current.propagation();
  }

  /**
   * Makes {@code propagation} current on this thread, with the fields it has.
   *
   * @param propagation the new propagation context; not {@code null}
   * @return what to restore on close: the whole context that was current before
   */
  static LocalContext attachPropagation(PlainPropagation propagation) {
    LocalContext previous = get();
    set(LocalContext.withPropagation(previous, propagation));
    return previous;
  }

  /**
   * Makes {@code context} current again (the value {@link #attachPropagation} returned).
   *
   * @param context the context to restore, or {@code null}
   */
  static void restore(LocalContext context) {
    set(context);
  }

  @Override
  public void runIn(Object context, Runnable task) {
    LocalContext previous = current();
    // Contexts are immutable, so when the thread already has this one there is nothing to do; the
    // common case is a pool thread without context running a task without one.
    if (context == previous) {
      task.run();
      return;
    }
    set((LocalContext) context);
    try {
      task.run();
    } finally {
      set(previous);
    }
  }

  @Override
  public <T> T callIn(Object context, Callable<T> task) throws Exception {
    LocalContext previous = current();
    if (context == previous) {
      return task.call();
    }
    set((LocalContext) context);
    try {
      return task.call();
    } finally {
      set(previous);
    }
  }

  @Override
  public LogFields.Frame fields() {
    LocalContext current = current();
    return current == null ? null : current.fields();
  }

  @Override
  public ContextToken attachFields(LogFields.Frame frame) {
    LocalContext previous = current();
    set(LocalContext.withFields(previous, frame));
    return () -> set(previous);
  }

  private static void set(LocalContext context) {
    // set(null) rather than remove(): current() (ThreadLocal.get) creates the thread's entry again
    // on its next call anyway, so removing it only made every scope and every wrapped task that
    // ends with nothing current pay for a new map entry. A null value retains nothing.
    if (context != null) {
      if (!used) {
        used = true;
      }
    } else if (!used) {
      return; // no thread has a context yet, so there is nothing to clear
    }
    CURRENT.set(context);
  }
}
