package dev.optel.internal;

import dev.optel.Propagation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Propagation without OpenTelemetry: the context received with {@code extract} (or baggage bound
 * with {@code bindBaggage}) is kept as it came, in optel's own context storage next to the {@code
 * LogContext} fields ({@link LocalContext}), and written out unchanged by {@code inject}: this
 * process has no spans of its own, so it passes the caller's trace through. {@link ContextSnapshot}
 * carries it to other threads, and no-op spans and log events report its ids ({@link
 * #currentIds()}).
 *
 * <p>An instance is one immutable received context.
 */
public final class PlainPropagation implements Propagator {
  /** The propagator of a process without OpenTelemetry. */
  public static final PlainPropagation INSTANCE = new PlainPropagation(null, null, List.of());

  private final W3c.TraceParent parent;
  private final String traceState;
  private final List<W3c.BaggageEntry> baggage;

  /** The parent's ids, made once: every log event and no-op span in this context reports them. */
  private final SpanIds ids;

  private PlainPropagation(
      W3c.TraceParent parent, String traceState, List<W3c.BaggageEntry> baggage) {
    this.parent = parent;
    this.traceState = traceState;
    this.baggage = baggage;
    this.ids = parent == null ? null : new SpanIds(parent.traceId(), parent.parentId());
  }

  /**
   * Returns the context current on this thread.
   *
   * @return the context, or {@code null} when none
   */
  public static PlainPropagation current() {
    return LocalContextStorage.propagation();
  }

  /**
   * Returns the ids of the received parent on this thread.
   *
   * @return the trace id and the caller's span id, or {@code null} when none was received
   */
  public static SpanIds currentIds() {
    PlainPropagation current = current();
    return current == null ? null : current.ids;
  }

  @Override
  public void inject(BiConsumer<String, String> setter) {
    PlainPropagation current = current();
    if (current == null) {
      return;
    }
    if (current.parent != null) {
      setter.accept(W3c.TRACEPARENT, current.parent.header());
      if (current.traceState != null) {
        setter.accept(W3c.TRACESTATE, current.traceState);
      }
    }
    String baggage = W3c.formatBaggage(current.baggage);
    if (baggage != null) {
      setter.accept(W3c.BAGGAGE, baggage);
    }
  }

  @Override
  public ContextToken extract(Function<String, String> getter) {
    W3c.TraceParent parent = W3c.parseTraceparent(getter.apply(W3c.TRACEPARENT));
    String traceState = parent == null ? null : W3c.parseTracestate(getter.apply(W3c.TRACESTATE));
    String header = getter.apply(W3c.BAGGAGE);
    PlainPropagation previous = current();
    // Like OpenTelemetry's propagators: what the headers lack stays as it was.
    List<W3c.BaggageEntry> baggage =
        header == null
            ? (previous == null ? List.of() : previous.baggage)
            : W3c.parseBaggage(header);
    if (parent == null) {
      if (header == null) {
        return ContextToken.NONE;
      }
      parent = previous == null ? null : previous.parent;
      traceState = previous == null ? null : previous.traceState;
    }
    return makeCurrent(new PlainPropagation(parent, traceState, baggage));
  }

  @Override
  public Map<String, String> baggage() {
    PlainPropagation current = current();
    if (current == null || current.baggage.isEmpty()) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (W3c.BaggageEntry entry : current.baggage) {
      map.put(entry.key(), entry.value());
    }
    return map;
  }

  @Override
  public ContextToken bindBaggage(String key, String value) {
    PlainPropagation previous = current();
    List<W3c.BaggageEntry> baggage = new ArrayList<>();
    if (previous != null) {
      for (W3c.BaggageEntry entry : previous.baggage) {
        if (!entry.key().equals(key)) {
          baggage.add(entry);
        }
      }
    }
    baggage.add(new W3c.BaggageEntry(key, value, ""));
    return makeCurrent(
        new PlainPropagation(
            previous == null ? null : previous.parent,
            previous == null ? null : previous.traceState,
            List.copyOf(baggage)));
  }

  private static ContextToken makeCurrent(PlainPropagation context) {
    return new Token(context, LocalContextStorage.attachPropagation(context));
  }

  /**
   * Restores the context before {@code context} was made current; also the {@link
   * Propagation.Scope} that {@code Propagation} hands out, so that it need not wrap this one.
   */
  private static final class Token implements ContextToken, Propagation.Scope {
    private final PlainPropagation context;
    private final LocalContext before;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    Token(PlainPropagation context, LocalContext before) {
      this.context = context;
      this.before = before;
    }

    @Override
    public void close() {
      // As LogContext's scopes: a close on another thread is ignored, a second close does nothing.
      if (Thread.currentThread() != owner || closed) {
        if (Thread.currentThread() != owner) {
          Diagnostics.warnOnce(
              "propagation.thread",
              "a Propagation scope was closed on another"
                  + " thread than the one that opened it; that close is ignored",
              null);
        }
        return;
      }
      closed = true;
      if (current() != context) {
        Diagnostics.warnOnce(
            "propagation.order",
            "Propagation scopes were closed out of order; restoring the context of this scope's"
                + " opening",
            null);
      }
      LocalContextStorage.restore(before);
    }
  }

  @Override
  public String toString() {
    return "PlainPropagation["
        + (parent == null ? "-" : parent.header())
        + ", "
        + traceState
        + ", "
        + baggage.size()
        + " baggage entries]";
  }
}
