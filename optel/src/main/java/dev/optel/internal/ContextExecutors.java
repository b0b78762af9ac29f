package dev.optel.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Executors that run each task in the {@link ContextSnapshot} taken when the task was submitted.
 * The delegate's own {@code submit} and {@code invoke*} methods are used, so its futures (and their
 * cancellation) behave as the delegate defines them.
 */
public final class ContextExecutors {
  private ContextExecutors() {}

  /**
   * Wraps an executor.
   *
   * @param delegate the executor that runs the tasks
   * @return the wrapping executor
   */
  public static Executor wrap(Executor delegate) {
    if (delegate instanceof ContextExecutor || delegate instanceof ContextExecutorService) {
      return delegate;
    }
    return new ContextExecutor(delegate);
  }

  /**
   * Wraps an executor service.
   *
   * @param delegate the executor service that runs the tasks
   * @return the wrapping executor service
   */
  public static ExecutorService wrap(ExecutorService delegate) {
    if (delegate instanceof ContextExecutorService) {
      return delegate;
    }
    return new ContextExecutorService(delegate);
  }

  private static final class ContextExecutor implements Executor {
    private final Executor delegate;

    ContextExecutor(Executor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(ContextSnapshot.wrapCurrent(command));
    }

    @Override
    public String toString() {
      return "TracedAsync.wrap(" + delegate + ")";
    }
  }

  private static final class ContextExecutorService implements ExecutorService {
    private final ExecutorService delegate;

    ContextExecutorService(ExecutorService delegate) {
      this.delegate = delegate;
    }

    private static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
      ContextSnapshot snapshot = ContextSnapshot.capture();
      List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
      for (Callable<T> task : tasks) {
        wrapped.add(snapshot.wrap(task));
      }
      return wrapped;
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(ContextSnapshot.wrapCurrent(command));
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      return delegate.submit(ContextSnapshot.wrapCurrent(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
      return delegate.submit(ContextSnapshot.wrapCurrent(task), result);
    }

    @Override
    public Future<?> submit(Runnable task) {
      return delegate.submit(ContextSnapshot.wrapCurrent(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(
        Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException {
      return delegate.invokeAny(wrapAll(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return delegate.invokeAny(wrapAll(tasks), timeout, unit);
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
      return "TracedAsync.wrap(" + delegate + ")";
    }
  }
}
