package dev.optel.internal;

import java.util.concurrent.Callable;

/**
 * Where each thread's current context lives: one immutable value per thread, taken and put back as
 * a whole, so that one attach per task carries everything optel propagates.
 *
 * <p>With OpenTelemetry the value is OpenTelemetry's own {@code Context}, and {@code LogContext}
 * fields travel in it under a context key: a task then attaches one context, not a trace context
 * and a second, optel-only one, and whatever carries OpenTelemetry's context (the Java agent's
 * executor instrumentation, for one) carries the fields too. Without OpenTelemetry it is optel's
 * own {@link LocalContext} in a {@link ThreadLocal}.
 *
 * <p>The values are opaque to the core: {@link ContextSnapshot} keeps what {@link #current()}
 * returned and hands it back to {@link #runIn} or {@link #callIn}, nothing else. They are the
 * storage's own objects rather than typed wrappers because one is captured for every task handed to
 * a wrapped executor, where a wrapper would be one more allocation per task.
 */
public interface ContextStorage {
  /**
   * Returns this thread's current context, to be carried to another thread.
   *
   * @return the context, or {@code null} when nothing is current (nothing to carry)
   */
  Object current();

  /**
   * Runs {@code task} on this thread with {@code context} current, then restores the context that
   * was current before, also when {@code task} throws.
   *
   * <p>The storage runs the task itself rather than returning a {@link ContextToken}: its scope
   * then stays a local variable of one method. A token is one more object for every task a wrapped
   * executor runs, which HotSpot did not remove (measured with {@code
   * AsyncBench.optelWrapExecutor}: 88 instead of 56 bytes per task).
   *
   * @param context a value from {@link #current()}; {@code null} means nothing current
   * @param task the work
   */
  void runIn(Object context, Runnable task);

  /**
   * Calls {@code task} on this thread with {@code context} current, then restores the context that
   * was current before, also when {@code task} throws; see {@link #runIn}.
   *
   * @param context a value from {@link #current()}; {@code null} means nothing current
   * @param task the work
   * @param <T> the result type
   * @return what {@code task} returned
   * @throws Exception what {@code task} threw
   */
  <T> T callIn(Object context, Callable<T> task) throws Exception;

  /**
   * Returns the {@code LogContext} fields of this thread's current context.
   *
   * @return the newest frame, or {@code null} when no field is bound
   */
  LogFields.Frame fields();

  /**
   * Makes current on this thread the current context with its fields replaced by {@code frame}.
   *
   * @param frame the new fields; not {@code null}
   * @return the token that restores the context that was current before; {@link ContextToken#NONE}
   *     when the change failed (reported)
   */
  ContextToken attachFields(LogFields.Frame frame);
}
