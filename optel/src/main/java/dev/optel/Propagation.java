package dev.optel;

import dev.optel.internal.Backends;
import dev.optel.internal.ContextToken;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.PlainPropagation;
import dev.optel.internal.Propagator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Carries the trace context and baggage across process boundaries, in the headers of a request or
 * message: {@link #inject} on the sending side, {@link #extract} on the receiving side.
 *
 * <p><b>With an OpenTelemetry SDK</b> (or the Java agent) whose propagators are not no-op, the
 * installed propagators do the work ({@code OTEL_PROPAGATORS} honoured), and the incoming W3C
 * {@code traceparent} and {@code tracestate} are first validated by optel's own W3C codec (when
 * those are OpenTelemetry's W3C propagators, optel makes their result itself from that one parse).
 * <b>Without one</b> — no OpenTelemetry, the API alone, or no-op propagators — optel's own W3C
 * Trace Context Level 1 and W3C Baggage codec passes the incoming context through: {@code inject}
 * writes the {@code traceparent} received (with this process's span id while one of its spans is
 * current), its {@code tracestate} and the baggage. The received context is what spans started
 * inside are children of, what no-op spans and log events report as {@code trace_id}/{@code
 * span_id}, and what {@link TracedAsync} carries to other threads.
 *
 * <p>No method throws because of telemetry: a getter or setter that throws is reported once on the
 * {@code dev.optel} {@code System.Logger}, the headers it would have given are ignored, and nothing
 * is left current.
 */
public final class Propagation {
  private static final Scope NONE = () -> {};

  private Propagation() {}

  /**
   * A context made current by {@link #extract} or {@link #bindBaggage}; {@link #close()} restores
   * what was current before and throws nothing.
   */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Writes the headers of the current context ({@code traceparent}, {@code tracestate}, {@code
   * baggage}, or what {@code OTEL_PROPAGATORS} chose) with {@code setter}. Nothing is written when
   * there is no context.
   *
   * @param setter receives each header name and value, for example {@code builder::header}; {@code
   *     null} writes nothing
   */
  public static void inject(BiConsumer<String, String> setter) {
    if (setter == null) {
      return;
    }
    BiConsumer<String, String> guarded =
        (name, value) -> {
          try {
            setter.accept(name, value);
          } catch (Throwable e) {
            Diagnostics.rethrowIfFatal(e);
            Diagnostics.warnOnce(
                "propagation.setter",
                "a Propagation.inject setter threw; that header is not written",
                e);
          }
        };
    try {
      propagator().inject(guarded);
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("propagation.inject", "could not write the trace context", e);
    }
  }

  /**
   * Reads the context of an incoming request with {@code getter} and makes it current on this
   * thread until the returned scope is closed. An invalid {@code traceparent} is ignored, as the
   * W3C specification says; then the current context stays (a new trace starts with the next span).
   *
   * <p>The getter is called for each header the propagators know, present or not. When a request
   * carries a header more than once, the getter should return the values joined with {@code ","}
   * (as HTTP combines repeated fields): so a repeated {@code tracestate} is one list, and a
   * repeated {@code traceparent} is invalid.
   *
   * @param getter returns the value of a header by name (any case of the name), or {@code null}
   *     when it is absent
   * @return the scope; close it on this thread
   */
  public static Scope extract(Function<String, String> getter) {
    if (getter == null) {
      return NONE;
    }
    Guard guard = new Guard(getter);
    ContextToken token;
    try {
      token = propagator().extract(guard);
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("propagation.extract", "could not read the trace context", e);
      return NONE;
    }
    if (guard.failed) {
      // A getter that threw may have hidden any header: use none of them rather than a mix.
      token.close();
      return NONE;
    }
    return scope(token);
  }

  /**
   * Returns the baggage of the current context.
   *
   * @return the entries; empty when there is none
   */
  public static Map<String, String> baggage() {
    try {
      return propagator().baggage();
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("propagation.baggage", "could not read the baggage", e);
      return Map.of();
    }
  }

  /**
   * Adds one baggage entry to the current context until the returned scope is closed; a newer entry
   * of the same key hides the older one. {@link #inject} writes the value percent-encoded; a key
   * that is not an HTTP token is not written, and entries beyond the W3C Baggage limits (180
   * entries, 8192 bytes) are dropped.
   *
   * @param key the baggage key; {@code null} binds nothing
   * @param value the value; {@code null} binds nothing
   * @return the scope; close it on this thread
   */
  public static Scope bindBaggage(String key, String value) {
    if (key == null || value == null) {
      return NONE;
    }
    try {
      return scope(propagator().bindBaggage(key, value));
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce("propagation.baggage", "could not bind baggage", e);
      return NONE;
    }
  }

  /** The scope of {@code token}: the token itself when the binding made it one. */
  private static Scope scope(ContextToken token) {
    if (token == ContextToken.NONE) {
      return NONE;
    }
    return token instanceof Scope ? (Scope) token : token::close;
  }

  private static Propagator propagator() {
    Backends.TracingBackend tracing = Backends.tracing();
    return tracing == null ? PlainPropagation.INSTANCE : tracing.propagator();
  }

  /** The caller's getter, made safe: a throw is reported once and remembered. */
  private static final class Guard implements Function<String, String> {
    private final Function<String, String> getter;
    boolean failed;

    Guard(Function<String, String> getter) {
      this.getter = getter;
    }

    @Override
    public String apply(String name) {
      if (failed) {
        return null;
      }
      try {
        return getter.apply(name);
      } catch (Throwable e) {
        Diagnostics.rethrowIfFatal(e);
        failed = true;
        Diagnostics.warnOnce(
            "propagation.getter",
            "a Propagation.extract getter threw; the incoming context is ignored",
            e);
        return null;
      }
    }
  }
}
