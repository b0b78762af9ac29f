package dev.optel;

import dev.optel.internal.ContextSnapshot;
import dev.optel.internal.Diagnostics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A structured scope for concurrent tasks under one span, made by {@link
 * TracedAsync#tracedTaskGroup(TracingFacade, String, java.util.Map)}. Use it in try-with-resources
 * on one thread:
 *
 * <pre>{@code
 * try (TaskGroup group = TracedAsync.tracedTaskGroup(tracer, "fetch_all", Map.of("n", ids.size()))) {
 *   for (String id : ids) {
 *     group.startSoon(() -> fetch(id));          // runs concurrently, as a child of "fetch_all"
 *   }
 *   Future<Stats> stats = group.start(this::loadStats);
 * }                                             // waits for every task; throws the first failure
 * }</pre>
 *
 * <p>The group's span is current on the creating thread until {@link #close()}, and ends only after
 * every task has ended. Each task runs in the trace context and {@link LogContext} fields that were
 * current where it was started (normally the group's span), and the running thread gets back what
 * it had before when the task ends.
 *
 * <p><b>Failure:</b> when a task throws, the group cancels every other task (interrupting those
 * already running; tasks started later do not run), records the failure on the group's span with
 * status {@link StatusCode#ERROR}, and {@link #close()} throws it. Tasks cancelled by the caller
 * through their {@link Future} do not fail the group.
 *
 * <p>Tasks may start further tasks in the same group while it is open. Methods other than {@code
 * close()} may be called from any thread. {@code close()} belongs to the thread that created the
 * group (it restores that thread's context), which try-with-resources does: called on another
 * thread it does nothing and is reported once on the {@code dev.optel} {@link System.Logger}, so
 * the creating thread's own {@code close()} still waits, ends the span and restores its context.
 * Called inside one of the group's own tasks, where it would wait for itself forever, it throws
 * {@link IllegalStateException}.
 *
 * <p><b>Nesting:</b> a task may open a group of its own and close it, at any depth and width. On
 * the shared pool of platform threads (Java 17-20, or {@code -Doptel.virtualThreads.disabled=true})
 * a thread waiting in {@code close()} does not hold a pool thread idle: it runs the tasks of its
 * group that no pool thread has started yet itself, each in the context it was started in, so
 * nested groups finish even when every pool thread waits in some {@code close()}. Such a task runs
 * exactly once, is still a child of the group's span, and leaves the closing thread as it was; a
 * cancellation that interrupts it does not interrupt {@code close()}. On virtual threads, and on an
 * executor you pass in, every task runs on the executor; for nested groups, a bounded executor of
 * your own needs more threads than there can be tasks waiting in a {@code close()} at once.
 */
// close() may throw InterruptedException on purpose: it waits for the tasks (see its Javadoc).
@SuppressWarnings("try")
public final class TaskGroup implements AutoCloseable {
  private static final VarHandle RUNNER;

  static {
    try {
      RUNNER = MethodHandles.lookup().findVarHandle(Task.class, "runner", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Span span;
  private final Executor executor;

  /** Whether close() runs tasks that the executor has not started yet (see the class Javadoc). */
  private final boolean closerRunsQueuedTasks;

  private final Thread owner = Thread.currentThread();
  private final ReentrantLock lock = new ReentrantLock();

  /** Signalled when the last task ends, and when a task is started while close() may wait. */
  private final Condition changed = lock.newCondition();

  private final Set<Task<?>> running = new LinkedHashSet<>();
  private final List<Throwable> failures = new ArrayList<>();
  private boolean closed;

  TaskGroup(Span span, Executor executor, boolean closerRunsQueuedTasks) {
    this.span = span;
    this.executor = executor;
    this.closerRunsQueuedTasks = closerRunsQueuedTasks;
  }

  /**
   * Starts {@code task} concurrently in this group.
   *
   * @param task the work
   * @throws IllegalStateException when the group is already closed
   * @throws NullPointerException when {@code task} is {@code null}
   */
  public void startSoon(Runnable task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    start(
        () -> {
          task.run();
          return null;
        });
  }

  /**
   * Starts {@code task} concurrently in this group and returns its future. {@code get()} on the
   * future reports the task's own exception in an {@link ExecutionException}; cancelling the future
   * interrupts the task without failing the group.
   *
   * @param task the work
   * @param <T> the result type
   * @return the task's future; already cancelled when the group has failed
   * @throws IllegalStateException when the group is already closed
   * @throws NullPointerException when {@code task} is {@code null}
   */
  public <T> Future<T> start(Callable<T> task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    Task<T> t = new Task<>(ContextSnapshot.capture().wrap(task));
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the task group is closed");
      }
      if (!failures.isEmpty()) {
        t.cancel(false);
        return t;
      }
      running.add(t);
      if (closerRunsQueuedTasks) {
        changed.signal(); // a close() waiting for the other tasks can run this one
      }
    } finally {
      lock.unlock();
    }
    try {
      executor.execute(t);
    } catch (Throwable e) {
      t.rejected(e);
    }
    return t;
  }

  /**
   * Returns the group's span, for attributes and events.
   *
   * @return the span; {@link Span#noop()} without OpenTelemetry
   */
  public Span span() {
    return span;
  }

  /**
   * Waits for every task (including tasks started by tasks) to end, ends the group's span and
   * restores the creating thread's previous context. Calling it again does nothing. On the shared
   * platform pool, the waiting thread runs the group's tasks that no pool thread has started yet
   * (see the class Javadoc).
   *
   * <p>Only the thread that created the group closes it: on another thread this method does nothing
   * but report the misuse once on the {@code dev.optel} {@link System.Logger}.
   *
   * <p>Exceptions: the first task failure is thrown as the task threw it (a checked exception stays
   * checked, hence {@code throws Exception}); later failures are added to it as suppressed
   * exceptions. A task failure that is neither an {@code Exception} nor an {@code Error} arrives
   * wrapped in an {@link ExecutionException}. If the waiting thread is interrupted, every task is
   * cancelled, {@code close()} still waits for them to end, and then throws {@link
   * InterruptedException}; an interrupt that arrives while this thread runs a task itself goes to
   * that task, like any interrupt of the thread that runs a task.
   *
   * @throws IllegalStateException when called inside one of the group's own tasks
   * @throws Exception the first task failure, or {@link InterruptedException}
   */
  @Override
  public void close() throws Exception {
    Thread current = Thread.currentThread();
    if (runsOwnTask(current)) {
      throw new IllegalStateException(
          "TaskGroup.close() was called inside one of its own tasks,"
              + " where it would wait for itself forever; close the group on the thread that opened"
              + " it");
    }
    if (current != owner) {
      Diagnostics.warnOnce(
          "taskGroup.foreignClose",
          "TaskGroup.close() on thread \""
              + current.getName()
              + "\", not the thread that opened it (\""
              + owner.getName()
              + "\"), is ignored: only that thread can restore its context; close the group there"
              + " (try-with-resources does)",
          null);
      return;
    }
    InterruptedException interrupted = null;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      while (!running.isEmpty()) {
        // Checked every round: before this thread runs a task (so that the task does not get an
        // interrupt meant for close()) and so also after one (an interrupt the task left set).
        boolean wasInterrupted = Thread.interrupted();
        Task<?> queued = wasInterrupted || !closerRunsQueuedTasks ? null : unclaimed();
        if (queued != null) {
          lock.unlock();
          try {
            queued.runOnCloser();
          } finally {
            lock.lock();
          }
        } else if (!wasInterrupted) {
          try {
            changed.await();
          } catch (InterruptedException e) {
            wasInterrupted = true;
          }
        }
        if (wasInterrupted && interrupted == null) {
          interrupted = new InterruptedException("interrupted while closing a task group");
          cancelRunning();
        }
      }
      closed = true;
    } finally {
      lock.unlock();
    }
    Throwable first = failures.isEmpty() ? interrupted : failures.get(0);
    if (first != null) {
      for (int i = 1; i < failures.size(); i++) {
        if (failures.get(i) != first) {
          first.addSuppressed(failures.get(i));
        }
      }
      if (interrupted != null && first != interrupted) {
        first.addSuppressed(interrupted);
      }
      Spans.fail(span, first);
    }
    span.close();
    if (first instanceof Exception) {
      throw (Exception) first;
    } else if (first instanceof Error) {
      throw (Error) first;
    } else if (first != null) {
      throw new ExecutionException(first);
    }
  }

  /** Tells whether {@code thread} is running one of this group's tasks. */
  private boolean runsOwnTask(Thread thread) {
    lock.lock();
    try {
      for (Task<?> t : running) {
        if (t.runner == thread) {
          return true;
        }
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns a task that no thread has claimed yet, or {@code null}; called with the lock held. Pool
   * threads take tasks in the order they were started, so the claimed ones are mostly at the front
   * and the scan is short.
   */
  private Task<?> unclaimed() {
    for (Task<?> t : running) {
      if (t.runner == null) {
        return t;
      }
    }
    return null;
  }

  /** Called with the lock held. */
  private void cancelRunning() {
    for (Task<?> t : running) {
      t.cancel(true);
    }
  }

  private void ended(Task<?> task, Throwable failure) {
    lock.lock();
    try {
      if (failure != null) {
        failures.add(failure);
        if (failures.size() == 1) {
          cancelRunning();
        }
      }
      running.remove(task);
      if (running.isEmpty()) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A task's future. It runs once, on the thread that claims it first: the pool thread the executor
   * hands it to, or the thread waiting in {@code close()}; a later call to {@link #run()} does
   * nothing. It reports to the group when its run (not merely its future) is over.
   */
  private final class Task<T> extends FutureTask<T> {
    /** The thread that claimed this task; set once, through {@link #RUNNER}. */
    private volatile Thread runner;

    /** What the task threw while it ran; written and read by the thread that runs it. */
    private Throwable failure;

    Task(Callable<T> callable) {
      super(callable);
    }

    private boolean claim() {
      return RUNNER.compareAndSet(this, (Thread) null, Thread.currentThread());
    }

    /** Called by {@link FutureTask#run()} when the task threw; {@link #runClaimed()} reads it. */
    @Override
    protected void setException(Throwable t) {
      failure = t;
      super.setException(t);
    }

    @Override
    public void run() {
      if (claim()) {
        runClaimed();
      }
    }

    /** Runs this task on the thread waiting in close(), unless another thread claimed it. */
    void runOnCloser() {
      if (!claim()) {
        return;
      }
      boolean started = !isDone();
      runClaimed();
      if (started && isCancelled()) {
        // cancel(true) interrupts whichever thread runs the task, here the closing thread; the
        // interrupt was meant for the task, and must not look like one of close() itself. (An
        // interrupt of close() that arrives at the same moment cannot be told apart from it.)
        Thread.interrupted();
      }
    }

    /**
     * The executor refused the task, so it never runs, unless the closing thread claimed it first
     * (then that thread runs it). Otherwise it ends here: it fails with the refusal, which fails
     * the group, or, when it was cancelled before (the group had failed, or the caller cancelled
     * it), it stays cancelled and the refusal is nobody's failure.
     */
    void rejected(Throwable e) {
      if (claim()) {
        super.setException(e); // not this class's override: that one records failures of a run
        // The future is done now, and a done future never changes: either setException completed
        // it with the refusal, or a cancel had completed it before and setException did nothing.
        ended(this, isCancelled() ? null : e);
      }
    }

    private void runClaimed() {
      try {
        super.run();
      } finally {
        // A cancelled task's failure (often the interrupt it caused) is not the group's failure.
        ended(this, isCancelled() ? null : failure);
      }
    }

    @Override
    public String toString() {
      return "TaskGroup.Task@" + Integer.toHexString(hashCode());
    }
  }
}
