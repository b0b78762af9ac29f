package dev.optel.internal;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * optel's reports about its own problems. They go to {@link System.Logger} {@code dev.optel}
 * (java.util.logging unless the application routes it elsewhere), never to the optional backends,
 * and each kind of problem is reported at {@code WARNING} once; repeats go to {@code DEBUG}.
 *
 * <p><b>What optel contains.</b> Code that optel calls on the host's behalf (a {@code
 * LogProcessor}, a value's {@code toString()} or {@code Supplier}, an exception's {@code
 * getMessage()}, a logging backend) may throw anything. optel contains every {@link Exception} and every {@link Error}
 * except the fatal ones, so that a telemetry call never fails the caller: see {@link
 * #rethrowIfFatal}. A {@link StackOverflowError} counts as contained, not fatal: it belongs to the
 * callback that recursed, and by the time it reaches optel's {@code catch} the stack has unwound
 * to optel's frame, so the thread can go on. Every other {@link VirtualMachineError} ({@link
 * OutOfMemoryError}, {@link InternalError}, {@link UnknownError}) is rethrown unchanged: it says
 * the JVM itself is in trouble, and hiding it would leave the host running in a state nobody
 * checked.
 */
public final class Diagnostics {
  private static final System.Logger LOG = System.getLogger("dev.optel");
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private Diagnostics() {}

  /**
   * Reports a problem once at WARNING, later at DEBUG.
   *
   * @param key identifies the kind of problem
   * @param message what went wrong, for a person
   * @param cause the cause, may be {@code null}
   */
  public static void warnOnce(String key, String message, Throwable cause) {
    try {
      Level level = REPORTED.size() < 1000 && REPORTED.add(key) ? Level.WARNING : Level.DEBUG;
      if (LOG.isLoggable(level)) {
        if (cause == null) {
          LOG.log(level, "optel: " + message);
        } else {
          LOG.log(level, "optel: " + message + ": " + describe(cause), cause);
        }
      }
    } catch (Throwable ignored) {
      // Reporting must never fail the caller.
    }
  }

  /**
   * Rethrows {@code t} when it is fatal by the policy in the class description: a {@link
   * VirtualMachineError} other than {@link StackOverflowError}. Call it first in every {@code
   * catch (Throwable)} that contains a failure of code optel called.
   *
   * @param t what was caught
   * @throws VirtualMachineError {@code t} itself, when fatal
   */
  public static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError fatal && !(t instanceof StackOverflowError)) {
      throw fatal;
    }
  }

  /**
   * Reports a notice at INFO (used for decisions a user should know about).
   *
   * @param message the notice
   */
  public static void info(String message) {
    try {
      LOG.log(Level.INFO, "optel: " + message);
    } catch (Throwable ignored) {
      // Reporting must never fail the caller.
    }
  }

  /**
   * Describes a throwable as {@code ClassName: message} without ever throwing.
   *
   * @param t the throwable
   * @return a short description
   */
  public static String describe(Throwable t) {
    if (t == null) {
      return "null";
    }
    String message;
    try {
      message = t.getMessage();
    } catch (Throwable ignored) {
      message = "<getMessage() failed>";
    }
    return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
  }

  /**
   * Returns {@code String.valueOf(value)}, {@code "null"} when {@code toString()} returns {@code
   * null}, or a description of the failure when {@code toString()} throws.
   *
   * @param value any value
   * @return its string form; never {@code null}
   */
  public static String safeToString(Object value) {
    try {
      String s = String.valueOf(value);
      return s == null ? "null" : s; // toString() itself may return null
    } catch (Throwable t) {
      rethrowIfFatal(t);
      warnOnce("toString." + value.getClass().getName(),
          "toString() of " + value.getClass().getName() + " threw; its value is replaced", t);
      return "<toString() of " + value.getClass().getName() + " threw " + t.getClass().getName() + ">";
    }
  }
}
