package dev.optel;

import dev.optel.internal.ContextSnapshot;
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
 * TracedAsync#tracedTaskGroup(TracingFacade, String, java.util.Map)}. Use it in
 * try-with-resources on one thread:
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
 * close()} may be called from any thread; {@code close()} must run on the thread that created the
 * group (it restores that thread's context), which try-with-resources does.
 */
// close() may throw InterruptedException on purpose: it waits for the tasks (see its Javadoc).
@SuppressWarnings("try")
public final class TaskGroup implements AutoCloseable {
  private final Span span;
  private final Executor executor;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Set<Task<?>> running = new LinkedHashSet<>();
  private final List<Throwable> failures = new ArrayList<>();
  private boolean closed;

  TaskGroup(Span span, Executor executor) {
    this.span = span;
    this.executor = executor;
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
    start(() -> {
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
    } finally {
      lock.unlock();
    }
    try {
      executor.execute(t);
    } catch (Throwable e) {
      t.fail(e);
      t.run(); // already completed: only reports the end to the group
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
   * restores the creating thread's previous context. Calling it again does nothing.
   *
   * <p>Exceptions: the first task failure is thrown as the task threw it (a checked exception
   * stays checked, hence {@code throws Exception}); later failures are added to it as suppressed
   * exceptions. A task failure that is neither an {@code Exception} nor an {@code Error} arrives
   * wrapped in an {@link ExecutionException}. If the waiting thread is interrupted, every task is
   * cancelled, {@code close()} still waits for them to end, and then throws {@link
   * InterruptedException}.
   *
   * @throws Exception the first task failure, or {@link InterruptedException}
   */
  @Override
  public void close() throws Exception {
    InterruptedException interrupted = null;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      while (!running.isEmpty()) {
        try {
          idle.await();
        } catch (InterruptedException e) {
          if (interrupted == null) {
            interrupted = e;
            cancelRunning();
          }
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
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** A task's future; reports to the group when its run (not merely its future) is over. */
  private final class Task<T> extends FutureTask<T> {
    private Throwable failure;

    Task(Callable<T> callable) {
      super(callable);
    }

    void fail(Throwable t) {
      setException(t);
    }

    @Override
    protected void setException(Throwable t) {
      failure = t;
      super.setException(t);
    }

    @Override
    public void run() {
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
