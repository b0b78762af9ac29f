package dev.optel.internal.otel;

import dev.optel.Span;
import dev.optel.StatusCode;
import dev.optel.internal.Diagnostics;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * An optel span backed by an OpenTelemetry span. Every method catches what the backend throws, so
 * telemetry never fails the caller.
 */
final class OtelSpan implements Span {
  private final io.opentelemetry.api.trace.Span span;

  /** The thread that made the span current, or {@code null} when it was not made current. */
  private final Thread owner;

  /** The scope that made the span current; only read and written by {@link #owner}. */
  private Scope scope;

  private volatile boolean ended;

  OtelSpan(io.opentelemetry.api.trace.Span span, Scope scope) {
    this.span = span;
    this.scope = scope;
    this.owner = scope == null ? null : Thread.currentThread();
  }

  /** The wrapped OpenTelemetry span. */
  io.opentelemetry.api.trace.Span delegate() {
    return span;
  }

  @Override
  public Span setAttribute(String key, Object value) {
    try {
      Attrs.Typed t = Attrs.convert(key, value);
      if (t != null) {
        span.setAttribute(t.key(), t.value());
      }
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("span.setAttribute", "could not set a span attribute", e);
    }
    return this;
  }

  // One guarded call per typed overload: a shared helper would need a lambda or boxing per call.
  @Override
  public Span setAttribute(String key, String value) {
    if (Attrs.usableKey(key) && value != null) {
      try {
        span.setAttribute(Attrs.STRING.get(key), value);
      } catch (RuntimeException | LinkageError e) {
        Diagnostics.warnOnce("span.setAttribute", "could not set a span attribute", e);
      }
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    if (Attrs.usableKey(key)) {
      try {
        span.setAttribute(Attrs.LONG.get(key), value);
      } catch (RuntimeException | LinkageError e) {
        Diagnostics.warnOnce("span.setAttribute", "could not set a span attribute", e);
      }
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    if (Attrs.usableKey(key)) {
      try {
        span.setAttribute(Attrs.DOUBLE.get(key), value);
      } catch (RuntimeException | LinkageError e) {
        Diagnostics.warnOnce("span.setAttribute", "could not set a span attribute", e);
      }
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    if (Attrs.usableKey(key)) {
      try {
        span.setAttribute(Attrs.BOOLEAN.get(key), value);
      } catch (RuntimeException | LinkageError e) {
        Diagnostics.warnOnce("span.setAttribute", "could not set a span attribute", e);
      }
    }
    return this;
  }

  @Override
  public Span addEvent(String name) {
    try {
      span.addEvent(String.valueOf(name));
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("span.addEvent", "could not add a span event", e);
    }
    return this;
  }

  @Override
  public Span addEvent(String name, Map<String, ?> attributes) {
    try {
      span.addEvent(String.valueOf(name), Attrs.toAttributes(attributes));
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("span.addEvent", "could not add a span event", e);
    }
    return this;
  }

  @Override
  public Span recordException(Throwable exception) {
    if (exception != null) {
      try {
        span.recordException(exception);
      } catch (Throwable e) {
        // Recording renders the caller's exception: its toString(), its messages and its whole
        // cause chain, which the SDK walks recursively, so a chain thousands deep throws
        // StackOverflowError. None of that may reach the caller; the span keeps everything else.
        Diagnostics.warnOnce("span.recordException", "could not record an exception", e);
      }
    }
    return this;
  }

  @Override
  public Span setStatus(StatusCode code) {
    return setStatus(code, null);
  }

  @Override
  public Span setStatus(StatusCode code, String description) {
    if (code != null) {
      try {
        io.opentelemetry.api.trace.StatusCode otel = toOtel(code);
        if (description == null) {
          span.setStatus(otel);
        } else {
          span.setStatus(otel, description);
        }
      } catch (RuntimeException | LinkageError e) {
        Diagnostics.warnOnce("span.setStatus", "could not set a span status", e);
      }
    }
    return this;
  }

  // An explicit switch, like OtelTracingFacade.otelKind: a mapping by name would throw on a
  // constant that only one side has.
  static io.opentelemetry.api.trace.StatusCode toOtel(StatusCode code) {
    switch (code) {
      case OK:
        return io.opentelemetry.api.trace.StatusCode.OK;
      case ERROR:
        return io.opentelemetry.api.trace.StatusCode.ERROR;
      default:
        return io.opentelemetry.api.trace.StatusCode.UNSET;
    }
  }

  @Override
  public void end() {
    if (ended) {
      return;
    }
    ended = true;
    try {
      span.end();
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("span.end", "could not end a span", e);
    }
  }

  @Override
  public void close() {
    if (owner != null) {
      if (Thread.currentThread() == owner) {
        Scope s = scope;
        scope = null;
        if (s != null) {
          closeScope(s);
        }
      } else {
        // The scope belongs to the owner's thread: closing it here would restore nothing there
        // (the owner's next task would still run under this span) and could replace this thread's
        // own context. So only the span ends (legal on any thread), and the scope stays for the
        // owner's own close.
        Diagnostics.warnOnce(
            "span.close.thread",
            "a current span was closed on another thread than the one that made it current; it"
                + " ended, but the context is restored only when that thread closes it",
            null);
      }
    }
    end();
  }

  /** Closes a scope; strict context storage reports misuse with an {@link AssertionError}. */
  static void closeScope(Scope s) {
    try {
      s.close();
    } catch (Throwable e) {
      // Fatal errors are rethrown by the reporter (Diagnostics' policy).
      Diagnostics.warnOnce("scope.close", "could not restore the previous context", e);
    }
  }

  @Override
  public String traceId() {
    return context().getTraceId();
  }

  @Override
  public String spanId() {
    return context().getSpanId();
  }

  private SpanContext context() {
    try {
      return span.getSpanContext();
    } catch (RuntimeException | LinkageError e) {
      return SpanContext.getInvalid();
    }
  }

  @Override
  public boolean isRecording() {
    try {
      return span.isRecording();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "OtelSpan[" + span + "]";
  }
}
