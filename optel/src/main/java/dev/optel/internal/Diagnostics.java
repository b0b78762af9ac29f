package dev.optel.internal;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * optel's one reporter: every line optel writes about itself goes through this class, to {@link
 * System.Logger} {@code dev.optel} (java.util.logging unless the application routes it elsewhere),
 * never to the optional backends, prefixed with {@code optel: }.
 *
 * <p><b>One policy.</b> Each kind of problem or notice is reported once at its level ({@code
 * WARNING} or {@code INFO}); later ones of the same kind go to {@code DEBUG}. The caller names the
 * kind. The kinds that start with {@link #CONFIGURE} belong to one {@code
 * TelemetryConfig.configure} call: each call is a deliberate act whose problems the user should
 * see, so {@link #newConfigureCall()} forgets them when the next call starts ({@link
 * #warnInConfigure}). The lines about exporting ({@link #exportLine}) are the one exception: {@code
 * ExportHealth} bounds their repetition itself (one a minute per endpoint, one at close), and they
 * are written at JVM exit even after java.util.logging has closed. Reporting never throws, except
 * for the fatal errors below.
 *
 * <p><b>What optel contains.</b> Code that optel calls on the host's behalf (a {@code
 * LogProcessor}, a value's {@code toString()} or {@code Supplier}, an exception's {@code
 * getMessage()}, a logging backend, an optional library being loaded) may throw anything. optel
 * contains every {@link Exception} and every {@link Error} except the fatal ones, so that a
 * telemetry call never fails the caller: see {@link #rethrowIfFatal}. A {@link StackOverflowError}
 * counts as contained, not fatal: it belongs to the callback that recursed, and by the time it
 * reaches optel's {@code catch} the stack has unwound to optel's frame, so the thread can go on.
 * Every other {@link VirtualMachineError} ({@link OutOfMemoryError}, {@link InternalError}, {@link
 * UnknownError}) is rethrown unchanged: it says the JVM itself is in trouble, and hiding it would
 * leave the host running in a state nobody checked.
 */
public final class Diagnostics {
  /** The prefix of the kinds that belong to one {@code configure} call. */
  public static final String CONFIGURE = "configure: ";

  private static final System.Logger LOG = System.getLogger("dev.optel");

  /** Kinds reported so far; bounded, since some kinds name classes of the host. */
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private static final int MAX_KINDS = 1000;

  private Diagnostics() {}

  /**
   * Reports a problem: at WARNING the first time of its kind, later at DEBUG. The cause is
   * attached, and described at the end of the line.
   *
   * @param kind identifies the kind of problem
   * @param message what went wrong, for a person
   * @param cause the cause, may be {@code null}
   */
  public static void warnOnce(String kind, String message, Throwable cause) {
    report(kind, Level.WARNING, message, cause);
  }

  /**
   * Reports a notice (a decision a user should know about): at INFO the first time of its kind,
   * later at DEBUG.
   *
   * @param kind identifies the kind of notice
   * @param message the notice
   */
  public static void infoOnce(String kind, String message) {
    report(kind, Level.INFO, message, null);
  }

  /**
   * Reports a problem of the running {@code configure} call at WARNING, once in that call: its kind
   * is {@link #CONFIGURE} and the message.
   *
   * @param message what went wrong, for a person
   * @param cause the cause, may be {@code null}
   */
  public static void warnInConfigure(String message, Throwable cause) {
    warnOnce(CONFIGURE + message, message, cause);
  }

  /**
   * Reports a notice of the running {@code configure} call at INFO, once in that call.
   *
   * @param message the notice
   */
  public static void infoInConfigure(String message) {
    infoOnce(CONFIGURE + message, message);
  }

  /**
   * Starts a new {@code configure} call: the kinds that start with {@link #CONFIGURE} count as not
   * yet reported.
   */
  public static void newConfigureCall() {
    REPORTED.removeIf(kind -> kind.startsWith(CONFIGURE));
  }

  private static void report(String kind, Level level, String message, Throwable cause) {
    // The policy holds for every caller that reports what it caught: a fatal error is not a
    // problem to report but the JVM's, so it goes on up.
    rethrowIfFatal(cause);
    boolean first = !REPORTED.contains(kind) && REPORTED.size() < MAX_KINDS && REPORTED.add(kind);
    write(
        first ? level : Level.DEBUG,
        cause == null ? message : message + ": " + describe(cause),
        cause);
  }

  /**
   * Writes one of the lines about exporting, whose repetition the caller bounds itself (see the
   * class comment). The detail is attached only while {@code dev.optel} logs at DEBUG, so that a
   * collector that is down costs a line, not a stack trace.
   *
   * <p>At JVM exit, java.util.logging (the default behind {@code System.Logger}) has usually
   * removed its handlers already, in a shutdown hook of its own; the line then goes to standard
   * error in the same form ({@code WARNING: optel: ...}).
   *
   * @param level the level
   * @param message the line, without the {@code optel: } prefix
   * @param detail the failure behind it, or {@code null}
   * @param atExit whether the JVM is exiting
   */
  public static void exportLine(Level level, String message, Throwable detail, boolean atExit) {
    if (atExit && julClosed()) {
      try {
        System.err.println(level.getName() + ": optel: " + message);
      } catch (Throwable t) {
        rethrowIfFatal(t);
      }
      return;
    }
    write(level, message, isLoggable(Level.DEBUG) ? detail : null);
  }

  private static boolean isLoggable(Level level) {
    try {
      return LOG.isLoggable(level);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return false;
    }
  }

  /** The one place that writes; never throws but for fatal errors. */
  private static void write(Level level, String message, Throwable cause) {
    try {
      if (!LOG.isLoggable(level)) {
        return;
      }
      if (cause == null) {
        LOG.log(level, "optel: " + message);
      } else {
        LOG.log(level, "optel: " + message, cause);
      }
    } catch (Throwable t) {
      rethrowIfFatal(t);
      // Otherwise reporting must never fail the caller.
    }
  }

  /**
   * Tells whether {@code System.Logger} writes through java.util.logging (the JDK's default) and no
   * handler is left for {@code dev.optel}: at JVM exit, {@code LogManager} removes every handler in
   * a shutdown hook of its own, which runs beside optel's. A {@code dev.optel} logger the
   * application cut off from its parents stays silent.
   */
  private static boolean julClosed() {
    try {
      if (!System.LoggerFinder.getLoggerFinder()
          .getClass()
          .getName()
          .equals("sun.util.logging.internal.LoggingProviderImpl")) {
        return false;
      }
      for (java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.optel");
          logger != null;
          logger = logger.getParent()) {
        if (logger.getHandlers().length > 0 || !logger.getUseParentHandlers()) {
          return false;
        }
      }
      return true;
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return false;
    }
  }

  /**
   * Rethrows {@code t} when it is fatal by the policy in the class description: a {@link
   * VirtualMachineError} other than {@link StackOverflowError}. Call it first in every {@code catch
   * (Throwable)} that contains a failure of code optel called.
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
    } catch (Throwable e) {
      rethrowIfFatal(e);
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
      warnOnce(
          "toString." + value.getClass().getName(),
          "toString() of " + value.getClass().getName() + " threw; its value is replaced",
          t);
      return "<toString() of "
          + value.getClass().getName()
          + " threw "
          + t.getClass().getName()
          + ">";
    }
  }
}
