package dev.optel.internal;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * TEMPORARY stand-in (s16-e2e): a crude {@code traceparent}/{@code tracestate} pass-through on a
 * thread local, used when no OpenTelemetry SDK is installed. Replaced by s16-prop's codec.
 */
public final class PassThroughStandIn {
  private static final ThreadLocal<String[]> CURRENT = new ThreadLocal<>();

  private PassThroughStandIn() {}

  /** Writes the current headers, if any. */
  public static void inject(BiConsumer<String, String> setter) {
    String[] headers = CURRENT.get();
    if (headers == null) {
      return;
    }
    try {
      setter.accept("traceparent", headers[0]);
      if (headers[1] != null) {
        setter.accept("tracestate", headers[1]);
      }
    } catch (RuntimeException e) {
      Diagnostics.warnOnce("standin.inject", "setter failed", e);
    }
  }

  /** Makes the headers read with {@code getter} current; returns what restores the previous ones. */
  public static Runnable extract(Function<String, String> getter) {
    String[] previous = CURRENT.get();
    try {
      String parent = getter.apply("traceparent");
      if (parent != null && parent.matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
        CURRENT.set(new String[] {parent, getter.apply("tracestate")});
      }
    } catch (RuntimeException e) {
      Diagnostics.warnOnce("standin.extract", "getter failed", e);
    }
    return () -> CURRENT.set(previous);
  }

  /** The ids of the passed-through context, or {@code null}. */
  public static SpanIds currentIds() {
    String[] headers = CURRENT.get();
    return headers == null ? null : new SpanIds(headers[0].substring(3, 35), headers[0].substring(36, 52));
  }
}
