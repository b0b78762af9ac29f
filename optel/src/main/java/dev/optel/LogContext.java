package dev.optel;

import dev.optel.internal.ContextToken;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.LogFields;
import java.util.Map;

/**
 * Fields that join every log event written on this thread while a scope is open, like an MDC but
 * for optel's structured events.
 *
 * <pre>{@code
 * try (LogContext.Scope ignored = LogContext.bind("request_id", id)) {
 *   log.info("request_received");   // carries request_id
 *   service.handle(request);         // so does every event logged inside
 * }
 * }</pre>
 *
 * <p>Scopes must be closed on the thread that opened them, newest first (try-with-resources does
 * this). Closing restores the fields that were bound before the scope opened. A close on any other
 * thread is ignored (and reported once): it cannot restore the opening thread, and it must not keep
 * that thread's own close from doing so. The fields are carried to other threads by {@code
 * TracedAsync} and its executor wrappers.
 *
 * <p>With OpenTelemetry the fields live in its {@code Context}, beside the current span: whatever
 * carries that context to other threads (the OpenTelemetry Java agent, {@code Context.wrap})
 * carries them too, and a scope is one more OpenTelemetry scope. Close scopes and current spans in
 * the reverse order of opening them, as OpenTelemetry asks: a scope closed out of order is reported
 * once, and then OpenTelemetry's context storage decides what it restores (its default storage
 * ignores such a close). Without OpenTelemetry the fields live in optel's own per-thread context,
 * and a close out of order, also reported, restores the fields bound before that scope opened.
 */
public final class LogContext {
  private LogContext() {}

  /** An open binding; {@link #close()} removes it. */
  public interface Scope extends AutoCloseable {
    /**
     * Restores the fields bound before this scope opened. Never throws; idempotent. Must be called
     * on the thread that opened the scope: a call on another thread changes no thread's fields (it
     * is reported once through {@link System.Logger} {@code dev.optel}) and does not close the
     * scope, so the opening thread's own {@code close()} still restores that thread.
     */
    @Override
    void close();
  }

  /**
   * Binds {@code key=value} on this thread until the returned scope is closed.
   *
   * <p>Binding a key that is already bound keeps both bindings, and each event carries both: {@link
   * #current()} and optel's JSON lines show the newer value only, but SLF4J receives every binding
   * as a key-value pair of its own, oldest first, followed by the event's own pairs; a backend that
   * keeps pairs in a list (Logback's {@code %kvp}) shows them all, one that keeps a map ({@code
   * log4j-slf4j2-impl}) the last.
   *
   * @param key the field name; {@code null} becomes {@code "null"}
   * @param value the field value; may be {@code null}
   * @return the scope to close
   */
  public static Scope bind(String key, Object value) {
    LogFields.Frame frame = new LogFields.Frame(String.valueOf(key), value, LogFields.current());
    return new BoundScope(frame, LogFields.attach(frame));
  }

  /**
   * Returns a copy of the fields bound on this thread.
   *
   * @return a new map, oldest binding first; empty when nothing is bound
   */
  public static Map<String, Object> current() {
    return LogFields.toMap(LogFields.current());
  }

  private static final class BoundScope implements Scope {
    private final LogFields.Frame frame;
    private final ContextToken restore;
    private final Thread owner = Thread.currentThread();

    /** Read and written only by {@link #owner}. */
    private boolean closed;

    BoundScope(LogFields.Frame frame, ContextToken restore) {
      this.frame = frame;
      this.restore = restore;
    }

    @Override
    public void close() {
      // A close on another thread must not use up the scope: it is ignored, and the owner's own
      // close later still restores the owner's thread. Otherwise the owner's close would do
      // nothing and the next task run by that (pool) thread would carry this scope's field.
      if (Thread.currentThread() != owner) {
        Diagnostics.warnOnce(
            "logcontext.thread",
            "a LogContext scope was closed on another thread than the one that opened it; that close"
                + " is ignored, the scope stays open until its own thread closes it",
            null);
        return;
      }
      if (closed) {
        return;
      }
      closed = true;
      if (LogFields.current() != frame) {
        Diagnostics.warnOnce(
            "logcontext.order",
            "LogContext scopes were closed out of order (close the newest first; try-with-resources"
                + " does); without OpenTelemetry this close restores the fields bound before the"
                + " scope opened, with OpenTelemetry its context storage decides (its default"
                + " storage ignores a close that is out of order)",
            null);
      }
      restore.close();
    }
  }
}
