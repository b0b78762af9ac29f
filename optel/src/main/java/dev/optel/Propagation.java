package dev.optel;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Carries the trace context and baggage across process boundaries, in the headers of a request or
 * message.
 *
 * <p>SKELETON (issue 13): the signatures are final, the behaviour is being implemented.
 */
public final class Propagation {
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
   * baggage}, or what {@code OTEL_PROPAGATORS} chose) with {@code setter}.
   *
   * @param setter receives each header name and value, for example {@code builder::header}
   */
  public static void inject(BiConsumer<String, String> setter) {}

  /**
   * Reads the context of an incoming request with {@code getter} and makes it current on this
   * thread until the returned scope is closed.
   *
   * @param getter returns the value of a header by name, or {@code null} when it is absent
   * @return the scope; close it on this thread
   */
  public static Scope extract(Function<String, String> getter) {
    return () -> {};
  }

  /**
   * Returns the baggage of the current context.
   *
   * @return the entries, in no particular order; empty when there is none
   */
  public static Map<String, String> baggage() {
    return Map.of();
  }

  /**
   * Adds one baggage entry to the current context until the returned scope is closed.
   *
   * @param key the baggage key
   * @param value the value
   * @return the scope; close it on this thread
   */
  public static Scope bindBaggage(String key, String value) {
    return () -> {};
  }
}
