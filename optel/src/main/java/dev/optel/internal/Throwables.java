package dev.optel.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Makes an exception safe to hand to a logging backend. Backends read an exception's message,
 * string form, stack trace, causes and suppressed exceptions; when one of these throws (or a stack
 * trace is {@code null} or holds {@code null}s), or the chain of causes never ends (a {@code
 * getCause()} that makes a new exception on every call), the backend fails and the whole event is
 * lost. Cycles are no problem: the JDK and the backends stop at an exception they have seen.
 *
 * <p>An exception that reads cleanly is handed on as it is, so appenders still see its type. One
 * that does not is replaced by a {@link Description}: a copy made of what could be read, each
 * failure named where it happened, the stack trace kept when readable.
 */
public final class Throwables {
  /** The most exceptions (causes and suppressed included) read from one event's exception. */
  static final int MAX_THROWABLES = 100;

  private Throwables() {}

  /**
   * Returns {@code t} when every part a backend reads can be read, else a {@link Description} of
   * it. Never throws (but the fatal errors of {@link Diagnostics#rethrowIfFatal}).
   *
   * @param t an exception, may be {@code null}
   * @return {@code t} or its description; {@code null} for {@code null}
   */
  public static Throwable safe(Throwable t) {
    if (t == null || readable(t, Collections.newSetFromMap(new IdentityHashMap<>()))) {
      return t;
    }
    Diagnostics.warnOnce(
        "throwable." + t.getClass().getName(),
        "an exception of "
            + t.getClass().getName()
            + " cannot be read safely; a description of it is logged",
        null);
    return describe(t, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** Reads what the backends read, exception by exception; {@code false} on any failure. */
  private static boolean readable(Throwable root, Set<Throwable> seen) {
    List<Throwable> todo = new ArrayList<>();
    todo.add(root);
    try {
      while (!todo.isEmpty()) {
        Throwable t = todo.remove(todo.size() - 1);
        if (t == null || !seen.add(t)) {
          continue;
        }
        if (seen.size() > MAX_THROWABLES) {
          return false;
        }
        t.getMessage();
        t.getLocalizedMessage();
        t.toString();
        if (!wellFormed(t.getStackTrace())) {
          return false;
        }
        todo.add(t.getCause());
        Collections.addAll(todo, t.getSuppressed());
      }
      return true;
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      return false;
    }
  }

  private static Description describe(Throwable t, Set<Throwable> seen) {
    seen.add(t);
    StringBuilder text = new StringBuilder(t.getClass().getName());
    try {
      String m = t.getMessage();
      if (m != null) {
        text.append(": ").append(m);
      }
    } catch (Throwable e) {
      note(text, "getMessage()", e);
    }
    StackTraceElement[] trace = new StackTraceElement[0];
    try {
      StackTraceElement[] read = t.getStackTrace();
      if (wellFormed(read)) {
        trace = read;
      } else {
        text.append(" <getStackTrace() returned null>");
      }
    } catch (Throwable e) {
      note(text, "getStackTrace()", e);
    }
    Throwable cause = null;
    try {
      cause = t.getCause();
    } catch (Throwable e) {
      note(text, "getCause()", e);
    }
    Throwable[] suppressed = new Throwable[0];
    try {
      suppressed = t.getSuppressed();
    } catch (Throwable e) {
      note(text, "getSuppressed()", e);
    }
    Description d = new Description(text.toString(), trace);
    if (cause != null && !seen.contains(cause) && seen.size() < MAX_THROWABLES) {
      d.initCause(describe(cause, seen));
    }
    for (Throwable s : suppressed) {
      if (s != null && !seen.contains(s) && seen.size() < MAX_THROWABLES) {
        d.addSuppressed(describe(s, seen));
      }
    }
    return d;
  }

  /** An overridden {@code getStackTrace()} may return {@code null} or hold {@code null}s. */
  private static boolean wellFormed(StackTraceElement[] trace) {
    if (trace == null) {
      return false;
    }
    for (StackTraceElement e : trace) {
      if (e == null) {
        return false;
      }
    }
    return true;
  }

  private static void note(StringBuilder text, String method, Throwable e) {
    Diagnostics.rethrowIfFatal(e);
    text.append(" <").append(method).append(" threw ").append(Diagnostics.describe(e)).append('>');
  }

  /**
   * Stands in for an exception that cannot be read safely. Its message starts with the original
   * exception's class name; its causes and suppressed exceptions are descriptions too.
   */
  public static final class Description extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Description(String message, StackTraceElement[] trace) {
      super(message);
      setStackTrace(trace); // the original's, not the frames of optel that made the copy
    }
  }
}
