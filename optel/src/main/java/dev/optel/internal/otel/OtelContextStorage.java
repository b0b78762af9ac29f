package dev.optel.internal.otel;

import dev.optel.internal.ContextStorage;
import dev.optel.internal.ContextToken;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.LogFields;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Callable;

/**
 * The context storage with OpenTelemetry: its {@link Context}, with the {@code LogContext} fields
 * under {@link #FIELDS}. Scopes follow OpenTelemetry's storage, including its rules for scopes
 * closed out of order (its default storage ignores such a close).
 */
final class OtelContextStorage implements ContextStorage {
  private static final ContextKey<LogFields.Frame> FIELDS = ContextKey.named("optel.log-fields");

  /**
   * Becomes {@code true} (for good) the first time fields are attached: until then no context holds
   * any, and a log event need not look for them in the current context.
   */
  private static volatile boolean fieldsUsed;

  @Override
  public Object current() {
    try {
      Context current = Context.current();
      return current == Context.root() ? null : current;
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("context.capture", "could not read the current context", e);
      return null;
    }
  }

  // runIn and callIn stay within C2's MaxInlineSize (35 bytecodes), so that they are inlined into
  // a wrapped task's run() even where the JIT has not yet seen that call as hot; a null test of
  // the scope in the finally block (written twice by javac) took runIn to 36. Hence attach()
  // returns a no-op scope rather than null when it fails.

  @Override
  public void runIn(Object context, Runnable task) {
    Scope scope = attach(context);
    try {
      task.run();
    } finally {
      OtelSpan.closeScope(scope);
    }
  }

  @Override
  public <T> T callIn(Object context, Callable<T> task) throws Exception {
    Scope scope = attach(context);
    try {
      return task.call();
    } finally {
      OtelSpan.closeScope(scope);
    }
  }

  /** Makes a context from {@link #current()} current; a no-op scope when that failed. */
  private static Scope attach(Object context) {
    try {
      Context target = context == null ? Context.root() : (Context) context;
      // No "already current?" check here: the context storage makes that check itself (and then
      // returns a no-op scope), so checking first would read the thread's context twice per task.
      return target.makeCurrent();
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("context.attach", "could not make a context current", e);
      return Scope.noop();
    }
  }

  @Override
  public LogFields.Frame fields() {
    if (!fieldsUsed) {
      return null;
    }
    try {
      return Context.current().get(FIELDS);
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("context.capture", "could not read the current context", e);
      return null;
    }
  }

  @Override
  public ContextToken attachFields(LogFields.Frame frame) {
    if (!fieldsUsed) {
      fieldsUsed = true;
    }
    try {
      return new ScopeToken(Context.current().with(FIELDS, frame).makeCurrent());
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("context.attach", "could not make a context current", e);
      return ContextToken.NONE;
    }
  }
}
