package dev.optel.internal.otel;

import dev.optel.internal.ContextToken;
import dev.optel.internal.Propagator;
import dev.optel.internal.W3c;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Propagation with the OpenTelemetry API present. The context always lives in OpenTelemetry's
 * {@link Context} (a remote parent as {@link Span#wrap}, baggage as {@link Baggage}), so spans,
 * OpenTelemetry's no-op tracer, the agent and optel's own facade all see it.
 *
 * <p>Which codec: the propagators of the installed OpenTelemetry (SDK or agent) when they are not
 * no-op; otherwise optel's own {@link W3c} codec. Either way optel's codec validates the incoming
 * {@code traceparent} and {@code tracestate} first: the installed propagator reads them only in
 * their checked plain form (an invalid one as absent). OpenTelemetry's {@link TraceState} cannot
 * hold every key the specification allows (for example {@code foo@}, or a key that starts with a
 * digit), so the checked {@code tracestate} is also kept in the context ({@link ReceivedState}) and
 * written out again as long as the span context still has the trace state it arrived with. Without
 * an installed propagator the remote parent is a {@link ReceivedSpan}, which passes the received
 * headers on as they came.
 *
 * <p>When the installed propagator is OpenTelemetry's {@link W3CTraceContextPropagator}, alone or
 * followed by its {@link W3CBaggagePropagator} (what {@code OTEL_PROPAGATORS} gives by default),
 * the trace context is read and written here directly, from optel's one parse, exactly as that
 * propagator would; only the baggage is left to the baggage propagator. Any other propagator (B3,
 * Jaeger, the agent's, a custom one) is called as it is.
 */
final class OtelPropagation implements Propagator {
  static final OtelPropagation INSTANCE = new OtelPropagation();

  private static final ContextKey<ReceivedState> RECEIVED = ContextKey.named("optel.tracestate");

  /** Hands the baggage propagator the caller's getter. */
  private static final Getter GETTER = new Getter();

  /** Hands the baggage propagator the caller's setter. */
  private static final TextMapSetter<BiConsumer<String, String>> SETTER =
      (carrier, key, value) -> carrier.accept(key, value);

  /** The {@code tracestate} received, and the trace state OpenTelemetry made of it. */
  private static class ReceivedState {
    final String traceId;
    final TraceState parsed;
    final String header;

    ReceivedState(String traceId, TraceState parsed, String header) {
      this.traceId = traceId;
      this.parsed = parsed;
      this.header = header;
    }
  }

  /**
   * The remote parent as optel's own codec received it, when no propagator is installed (the API
   * alone): the span OpenTelemetry sees as current, and its {@code tracestate}. Its span context is
   * made only when someone asks for it: passing the context on ({@code inject}) writes the received
   * headers as they came, so a service that only passes the context through never builds (or
   * validates a second time) what OpenTelemetry's no-op API would only carry. Everything else
   * behaves as {@link Span#wrap} of that span context (the do-nothing methods look like optel's
   * {@code NonRecordingSpan} on purpose: the same shape for OpenTelemetry's interface).
   */
  private static final class ReceivedSpan extends ReceivedState implements Span {
    final W3c.TraceParent parent;

    /** Made on first use; a race makes equal values, and the span context is immutable. */
    private SpanContext context;

    ReceivedSpan(W3c.TraceParent parent, String tracestate) {
      super(parent.traceId(), TraceState.getDefault(), tracestate);
      this.parent = parent;
    }

    @Override
    public SpanContext getSpanContext() {
      SpanContext c = context;
      if (c == null) {
        c =
            SpanContext.createFromRemoteParent(
                parent.traceId(),
                parent.parentId(),
                TraceFlags.fromByte((byte) parent.flags()),
                parsed);
        context = c;
      }
      return c;
    }

    @Override
    public boolean isRecording() {
      return false;
    }

    @Override
    public <T> Span setAttribute(AttributeKey<T> key, T value) {
      return this;
    }

    @Override
    public Span addEvent(String name, Attributes attributes) {
      return this;
    }

    @Override
    public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
      return this;
    }

    @Override
    public Span setStatus(StatusCode statusCode, String description) {
      return this;
    }

    @Override
    public Span recordException(Throwable exception, Attributes additionalAttributes) {
      return this;
    }

    @Override
    public Span updateName(String name) {
      return this;
    }

    @Override
    public void end() {}

    @Override
    public void end(long timestamp, TimeUnit unit) {}

    @Override
    public String toString() {
      return "ReceivedSpan[" + parent.header() + ", " + header + "]";
    }
  }

  /**
   * The installed OpenTelemetry and how its propagator is used.
   *
   * @param propagator the installed text map propagator, {@code null} when it is no-op (optel's
   *     codec does all)
   * @param direct the propagator is OpenTelemetry's W3C Trace Context propagator, optionally
   *     followed by its W3C Baggage propagator: the trace context is done here
   * @param baggage with {@code direct}: the baggage propagator that follows, or {@code null}
   */
  private record Installed(
      OpenTelemetry otel, TextMapPropagator propagator, boolean direct, TextMapPropagator baggage) {
    static Installed of(OpenTelemetry otel) {
      TextMapPropagator p = otel.getPropagators().getTextMapPropagator();
      // A no-op propagator (OTEL_PROPAGATORS=none, or the API's default) has no fields.
      if (p.fields().isEmpty()) {
        return new Installed(otel, null, false, null);
      }
      TextMapPropagator[] parts = OtelCompat.compositeParts(p);
      if (parts == null) {
        parts = new TextMapPropagator[] {p};
      }
      boolean direct =
          parts[0] instanceof W3CTraceContextPropagator
              && (parts.length == 1
                  || parts.length == 2 && parts[1] instanceof W3CBaggagePropagator);
      return new Installed(otel, p, direct, direct && parts.length == 2 ? parts[1] : null);
    }
  }

  /** The installed propagator last seen; replaced when another OpenTelemetry is installed. */
  private volatile Installed last;

  private OtelPropagation() {}

  /** How the installed OpenTelemetry's propagator is used; {@code null} when none is installed. */
  private Installed installed() {
    OpenTelemetry otel = GlobalOtel.installed();
    if (otel == null) {
      return null;
    }
    Installed i = last;
    if (i == null || i.otel() != otel) {
      i = Installed.of(otel);
      last = i;
    }
    return i;
  }

  @Override
  public void inject(BiConsumer<String, String> setter) {
    Context context = Context.current();
    Span current = Span.fromContext(context);
    Installed installed = installed();
    TextMapPropagator propagator = installed == null ? null : installed.propagator();
    if (current instanceof ReceivedSpan && (propagator == null || installed.direct())) {
      // The received parent itself is current: its headers as they came, which is what
      // W3CTraceContextPropagator writes from its span context (the traceparent in version 00).
      ReceivedSpan received = (ReceivedSpan) current;
      setter.accept(W3c.TRACEPARENT, received.parent.header());
      if (received.header != null) {
        setter.accept(W3c.TRACESTATE, received.header);
      }
    } else {
      SpanContext span = current.getSpanContext();
      ReceivedState received = context.get(RECEIVED);
      String receivedState =
          received != null
                  && received.traceId.equals(span.getTraceId())
                  && received.parsed.equals(span.getTraceState())
              ? received.header
              : null;
      if (propagator != null && !installed.direct()) {
        Writer writer = new Writer(setter, receivedState);
        propagator.inject(context, writer, Writer.SETTER);
        if (receivedState != null && writer.wroteTraceparent && !writer.wroteTracestate) {
          setter.accept(W3c.TRACESTATE, receivedState);
        }
        return;
      }
      // What W3CTraceContextPropagator writes, with the received tracestate kept.
      if (span.isValid()) {
        setter.accept(
            W3c.TRACEPARENT,
            W3c.header(span.getTraceId(), span.getSpanId(), span.getTraceFlags().asByte() & 0xff));
        String state = receivedState != null ? receivedState : format(span.getTraceState());
        if (state != null) {
          setter.accept(W3c.TRACESTATE, state);
        }
      }
    }
    if (propagator != null) {
      if (installed.baggage() != null) {
        installed.baggage().inject(context, setter, SETTER);
      }
      return;
    }
    Baggage baggage = Baggage.fromContext(context);
    if (baggage.isEmpty()) {
      return;
    }
    List<W3c.BaggageEntry> entries = new ArrayList<>();
    baggage.forEach(
        (key, entry) ->
            entries.add(
                new W3c.BaggageEntry(key, entry.getValue(), entry.getMetadata().getValue())));
    String header = W3c.formatBaggage(entries);
    if (header != null) {
      setter.accept(W3c.BAGGAGE, header);
    }
  }

  @Override
  public ContextToken extract(Function<String, String> getter) {
    Context current = Context.current();
    W3c.TraceParent parent = W3c.parseTraceparent(getter.apply(W3c.TRACEPARENT));
    String tracestate = parent == null ? null : getter.apply(W3c.TRACESTATE);
    Installed installed = installed();
    TextMapPropagator propagator = installed == null ? null : installed.propagator();
    Context context;
    if (propagator == null) {
      // No propagator (the API alone): optel's codec does all, and only optel's inject and the
      // application read the context.
      context = current;
      if (parent != null) {
        ReceivedSpan span = new ReceivedSpan(parent, W3c.parseTracestate(tracestate));
        context = context.with(span);
        if (span.header != null) {
          // Also under its own key: a span of the no-op tracer made current inside carries the
          // same span context, and inject still finds the tracestate to pass on.
          context = context.with(RECEIVED, span);
        }
      }
      String header = getter.apply(W3c.BAGGAGE);
      if (header != null) {
        BaggageBuilder builder = Baggage.builder();
        for (W3c.BaggageEntry entry : W3c.parseBaggage(header)) {
          builder.put(entry.key(), entry.value(), BaggageEntryMetadata.create(entry.metadata()));
        }
        context = context.with(builder.build());
      }
      return context == current ? ContextToken.NONE : new ScopeToken(context.makeCurrent());
    }
    if (installed.direct() && parent != null) {
      // OpenTelemetry's W3C propagator: the span context from optel's parse. The common
      // tracestate (a plain list TraceState takes whole) is read in one pass here.
      TraceState traceState =
          tracestate == null ? TraceState.getDefault() : wholeTraceState(tracestate);
      if (traceState != null) {
        context = current.with(Span.wrap(remoteParent(parent, traceState)));
        if (installed.baggage() != null) {
          context = installed.baggage().extract(context, getter, GETTER);
        }
        return new ScopeToken(context.makeCurrent());
      }
    }
    String state = parent == null ? null : W3c.parseTracestate(tracestate);
    // optel builds the span context itself in place of OpenTelemetry's W3C propagator (from the
    // parse above, rather than having the headers parsed twice).
    boolean own = installed.direct();
    TraceState traceState = own && parent != null ? traceState(state) : null;
    // Whether OpenTelemetry's TraceState holds every received member: then it also writes the
    // tracestate out again unchanged. When it refused one, the W3C propagator drops the whole
    // tracestate on some API versions and keeps the rest on others: such a rare header goes the
    // general route, so that the span context is the propagator's own on every version.
    boolean whole = state == null || traceState != null && traceState.size() == members(state);
    if (!whole) {
      own = false;
    }
    if (!own) {
      context = propagator.extract(current, getter, new Reader(parent, state));
    } else {
      context = current;
      if (parent != null) {
        context = context.with(Span.wrap(remoteParent(parent, traceState)));
      }
      if (installed.baggage() != null) {
        context = installed.baggage().extract(context, getter, GETTER);
      }
    }
    // The received tracestate is kept for inject only where the span context may not reproduce it.
    if (state != null && !own) {
      SpanContext span = Span.fromContext(context).getSpanContext();
      if (span.getTraceId().equals(parent.traceId())) {
        context =
            context.with(
                RECEIVED, new ReceivedState(parent.traceId(), span.getTraceState(), state));
      }
    }
    return context == current ? ContextToken.NONE : new ScopeToken(context.makeCurrent());
  }

  private static SpanContext remoteParent(W3c.TraceParent parent, TraceState traceState) {
    return SpanContext.createFromRemoteParent(
        parent.traceId(),
        parent.parentId(),
        TraceFlags.fromByte((byte) parent.flags()),
        traceState);
  }

  /**
   * OpenTelemetry's trace state of a {@code tracestate} that is a plain list (members separated by
   * {@code ,} with no whitespace, none empty, at most 32) and that it holds whole; {@code null} for
   * any other header, which the general route (optel's full check first) decides.
   *
   * <p>Why no check of optel's here: {@link TraceStateBuilder} takes a member only when its value
   * is valid by the W3C rule and its key by a stricter one, so when it holds every member (the
   * counts agree; a repeated key would leave it one short) each member was valid, and the result is
   * what the general route makes of the same header.
   */
  private static TraceState wholeTraceState(String header) {
    TraceStateBuilder builder = TraceState.builder();
    int members = 0;
    // The builder puts each new member in front: add them last to first to keep the order.
    for (int end = header.length(); ; ) {
      int start = header.lastIndexOf(',', end - 1) + 1;
      int eq = header.indexOf('=', start);
      // An empty key or value too: the oldest APIs' builder throws on an empty value.
      if (++members > W3c.MAX_TRACESTATE_MEMBERS || eq <= start || eq >= end - 1) {
        return null;
      }
      builder.put(header.substring(start, eq), header.substring(eq + 1, end));
      if (start == 0) {
        break;
      }
      end = start - 1;
    }
    TraceState traceState = builder.build();
    return traceState.size() == members ? traceState : null;
  }

  @Override
  public Map<String, String> baggage() {
    Baggage baggage = Baggage.current();
    if (baggage.isEmpty()) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    baggage.forEach((key, entry) -> map.put(key, entry.getValue()));
    return map;
  }

  @Override
  public ContextToken bindBaggage(String key, String value) {
    return new ScopeToken(Baggage.current().toBuilder().put(key, value).build().makeCurrent());
  }

  /**
   * OpenTelemetry's trace state of a checked plain {@code tracestate}; members it refuses are left
   * out.
   */
  private static TraceState traceState(String plain) {
    if (plain == null) {
      return TraceState.getDefault();
    }
    TraceStateBuilder builder = TraceState.builder();
    // The builder puts each new member in front: add them last to first to keep the order.
    for (int end = plain.length(); end > 0; ) {
      int start = plain.lastIndexOf(',', end - 1) + 1;
      int eq = plain.indexOf('=', start);
      builder.put(plain.substring(start, eq), plain.substring(eq + 1, end));
      end = start - 1;
    }
    return builder.build();
  }

  /** The number of members of a plain {@code tracestate}. */
  private static int members(String plain) {
    int members = 1;
    for (int i = plain.indexOf(','); i >= 0; i = plain.indexOf(',', i + 1)) {
      members++;
    }
    return members;
  }

  private static String format(TraceState state) {
    if (state.isEmpty()) {
      return null;
    }
    // Sized for a few members, so that a usual tracestate is written without growing the buffer.
    StringBuilder out = new StringBuilder(128);
    state.forEach(
        (key, value) -> {
          if (out.length() > 0) {
            out.append(',');
          }
          out.append(key).append('=').append(value);
        });
    return out.toString();
  }

  /** Hands an installed propagator the caller's getter as it is. */
  private static class Getter implements TextMapGetter<Function<String, String>> {
    // Abstract in the oldest APIs optel supports, deprecated in the newest: it must be implemented.
    @Override
    @SuppressWarnings("deprecation")
    public Iterable<String> keys(Function<String, String> carrier) {
      return List.of();
    }

    @Override
    public String get(Function<String, String> carrier, String key) {
      return key == null ? null : carrier.apply(key);
    }
  }

  /**
   * Hands the installed propagator the W3C headers as optel's codec checked them, the rest as is.
   */
  private static final class Reader extends Getter {
    private final String traceparent;
    private final String tracestate;

    Reader(W3c.TraceParent parent, String tracestate) {
      this.traceparent = parent == null ? null : parent.header();
      this.tracestate = tracestate;
    }

    @Override
    public String get(Function<String, String> carrier, String key) {
      if (key != null && key.equalsIgnoreCase(W3c.TRACEPARENT)) {
        return traceparent;
      }
      if (key != null && key.equalsIgnoreCase(W3c.TRACESTATE)) {
        return tracestate;
      }
      return super.get(carrier, key);
    }
  }

  /** Passes the installed propagator's headers on, with the received {@code tracestate} kept. */
  private static final class Writer {
    static final TextMapSetter<Writer> SETTER = (writer, key, value) -> writer.set(key, value);

    private final BiConsumer<String, String> setter;
    private final String receivedState;
    boolean wroteTraceparent;
    boolean wroteTracestate;

    Writer(BiConsumer<String, String> setter, String receivedState) {
      this.setter = setter;
      this.receivedState = receivedState;
    }

    void set(String key, String value) {
      if (W3c.TRACEPARENT.equals(key)) {
        wroteTraceparent = true;
      } else if (W3c.TRACESTATE.equals(key) && receivedState != null) {
        wroteTracestate = true;
        value = receivedState;
      }
      setter.accept(key, value);
    }
  }
}
