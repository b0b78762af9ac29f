package dev.optel.internal.sdk;

import dev.optel.internal.Diagnostics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code console} exporter: prints each finished trace as an indented tree a person can read,
 * with durations, status, attributes and events, on standard error (so that standard output stays
 * one JSON log line per line).
 *
 * <p>Spans are held until the local root of their trace ends (children usually end first), then the
 * whole tree is printed at once. What is held is bounded, so that spans whose root never comes
 * cannot pile up: a child that ends after its root (fire-and-forget work), or the finished children
 * of a root that lives for hours. Whenever a span ends, the traces held longest are printed without
 * their root, marked {@code (incomplete: ...)}, while more than {@value #MAX_PENDING_SPANS} spans
 * are held or once a trace has been held for {@link #MAX_WAIT} (10 s); the rest are printed at
 * shutdown. Nothing is dropped: a span whose parent is not printed with it (printed earlier, or not
 * ended yet) is printed as a root of its tree.
 *
 * <p>Trees of any depth are printed without recursion; indentation stops growing after {@value
 * #MAX_INDENT_DEPTH} levels, and deeper spans show their depth instead ({@code [depth 40] name}).
 *
 * <p><b>A service calling itself.</b> A span whose parent is remote is the local root of its trace,
 * unless that remote parent is a {@code CLIENT} span of this same process, still open when the span
 * started (a request to a service in the same JVM, as in the demo): then it is printed under that
 * client span, and the client's tree waits until such spans have ended. Knowing which client spans
 * are open takes the start of each span, so this needs the exporter's own {@link #processor()};
 * {@code remote-parent=} stays on spans whose parent is truly elsewhere.
 */
public final class ConsoleTreeExporter implements SpanExporter {
  /** Most spans held while waiting for their root; beyond it the oldest traces are printed. */
  public static final int MAX_PENDING_SPANS = 2048;

  /** Longest a trace is held while waiting for its root. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(10);

  /** Levels of indentation; deeper spans are printed at this level with their depth. */
  public static final int MAX_INDENT_DEPTH = 16;

  private static final Comparator<SpanData> BY_START =
      Comparator.comparingLong(SpanData::getStartEpochNanos);

  private final Supplier<PrintStream> out;
  private final int maxPendingSpans;
  private final long maxWaitNanos;
  private final LongSupplier nanoTime;

  /** Traces waiting for their root, by trace id, in the order their first span arrived. */
  private final Map<String, Waiting> waiting = new LinkedHashMap<>();

  private int waitingSpans;

  /** The open CLIENT spans of this process, by span id ({@link #processor()} keeps it). */
  private final Set<String> openClients = new HashSet<>();

  /** Spans whose remote parent was an open local CLIENT span when they started, by span id. */
  private final Set<String> linked = new HashSet<>();

  /** How many {@link #linked} spans of each trace are still open, by trace id. */
  private final Map<String, Integer> openLinked = new HashMap<>();

  /**
   * Creates the exporter with the documented bounds.
   *
   * @param out where to print, looked up at each print (so that {@code System.setErr} works)
   */
  public ConsoleTreeExporter(Supplier<PrintStream> out) {
    this(out, MAX_PENDING_SPANS, MAX_WAIT, System::nanoTime);
  }

  /**
   * Creates the exporter with other bounds (for tests).
   *
   * @param out where to print, looked up at each print
   * @param maxPendingSpans most spans held while waiting for their root
   * @param maxWait longest a trace is held while waiting for its root
   * @param nanoTime the clock that measures {@code maxWait}
   */
  public ConsoleTreeExporter(
      Supplier<PrintStream> out, int maxPendingSpans, Duration maxWait, LongSupplier nanoTime) {
    this.out = out;
    this.maxPendingSpans = maxPendingSpans;
    this.maxWaitNanos = maxWait.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The spans of one trace held so far, and when the first of them arrived. */
  private static final class Waiting {
    final long since;
    final List<SpanData> spans = new ArrayList<>();

    /** The local root is among the spans: it waits only for linked spans still open. */
    boolean rooted;

    Waiting(long since) {
      this.since = since;
    }
  }

  /** Spans to print as one tree; {@code incomplete} says why they come without their root. */
  private record Tree(List<SpanData> spans, String incomplete) {}

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    // Called on the thread that ended the span (SimpleSpanProcessor), which only catches
    // RuntimeException: nothing may escape from here into the application.
    try {
      print(take(spans));
      return CompletableResultCode.ofSuccess();
    } catch (RuntimeException | StackOverflowError e) {
      Diagnostics.warnOnce("console.export", "the console exporter could not print spans", e);
      return CompletableResultCode.ofFailure();
    }
  }

  /**
   * Returns a processor that exports to this exporter as the SDK's {@code SimpleSpanProcessor}
   * does, on the thread that ends the span, and also notes which {@code CLIENT} spans are open, so
   * that a span of the same process whose remote parent is one of them is printed under it.
   *
   * @return the processor to install instead of {@code SimpleSpanProcessor.create(this)}
   */
  public SpanProcessor processor() {
    SpanProcessor simple = SimpleSpanProcessor.create(this);
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {
        started(span.getKind(), span.getSpanContext(), span.getParentSpanContext());
        simple.onStart(parentContext, span);
      }

      @Override
      public boolean isStartRequired() {
        return true;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        ended(span.getKind(), span.getSpanContext());
        simple.onEnd(span);
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }

      @Override
      public CompletableResultCode shutdown() {
        return simple.shutdown();
      }

      @Override
      public CompletableResultCode forceFlush() {
        return simple.forceFlush();
      }
    };
  }

  private void started(SpanKind kind, SpanContext span, SpanContext parent) {
    // Only client spans and spans with a remote parent matter; a span that is not sampled is never
    // exported, so nothing may wait for it.
    if (!span.isSampled() || (kind != SpanKind.CLIENT && !parent.isRemote())) {
      return;
    }
    synchronized (this) {
      if (kind == SpanKind.CLIENT) {
        openClients.add(span.getSpanId());
      }
      if (parent.isRemote() && openClients.contains(parent.getSpanId())) {
        linked.add(span.getSpanId());
        openLinked.merge(span.getTraceId(), 1, Integer::sum);
      }
    }
  }

  private void ended(SpanKind kind, SpanContext span) {
    if (kind == SpanKind.CLIENT) {
      synchronized (this) {
        openClients.remove(span.getSpanId());
      }
    }
  }

  /** Adds the spans to the waiting traces; returns the trees to print now. */
  private synchronized List<Tree> take(Collection<SpanData> spans) {
    List<Tree> ready = new ArrayList<>();
    long now = nanoTime.getAsLong();
    for (SpanData span : spans) {
      String traceId = span.getTraceId();
      boolean isLinked = linked.remove(span.getSpanId());
      if (isLinked) {
        openLinked.computeIfPresent(traceId, (id, n) -> n == 1 ? null : n - 1);
      }
      Waiting trace = waiting.get(traceId);
      if (trace == null) {
        trace = new Waiting(now);
        waiting.put(traceId, trace);
      }
      trace.spans.add(span);
      waitingSpans++;
      trace.rooted |= !isLinked && isLocalRoot(span);
      if (trace.rooted && !openLinked.containsKey(traceId)) {
        waiting.remove(traceId);
        waitingSpans -= trace.spans.size();
        ready.add(new Tree(trace.spans, null));
      }
    }
    // The map is in arrival order, so the traces due first are at its head.
    for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
      Waiting oldest = it.next();
      String why;
      if (waitingSpans > maxPendingSpans) {
        why = "more than " + maxPendingSpans + " spans were waiting";
      } else if (now - oldest.since >= maxWaitNanos) {
        why = "held for " + duration(maxWaitNanos);
      } else {
        break;
      }
      it.remove();
      waitingSpans -= oldest.spans.size();
      // A tree with its root waited for linked spans that did not end in time: it is whole
      // without them, and they print as trees of their own when they end.
      ready.add(new Tree(oldest.spans, oldest.rooted ? null : why));
    }
    return ready;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    try {
      List<Tree> rest = new ArrayList<>();
      synchronized (this) {
        waiting
            .values()
            .forEach(trace -> rest.add(new Tree(trace.spans, trace.rooted ? null : "at shutdown")));
        waiting.clear();
        waitingSpans = 0;
        openClients.clear();
        linked.clear();
        openLinked.clear();
      }
      print(rest);
      return CompletableResultCode.ofSuccess();
    } catch (RuntimeException | StackOverflowError e) {
      Diagnostics.warnOnce("console.export", "the console exporter could not print spans", e);
      return CompletableResultCode.ofFailure();
    }
  }

  private void print(List<Tree> trees) {
    if (trees.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (Tree tree : trees) {
      render(tree.spans(), tree.incomplete(), text);
    }
    PrintStream stream = out.get();
    stream.print(text);
    stream.flush();
  }

  private static boolean isLocalRoot(SpanData span) {
    SpanContext parent = span.getParentSpanContext();
    return !parent.isValid() || parent.isRemote();
  }

  /**
   * Renders one trace, depth first without recursion; spans whose parent is not in the list are
   * printed as roots.
   *
   * @param incomplete why the trace is printed without its root, or {@code null}
   */
  private static void render(List<SpanData> trace, String incomplete, StringBuilder text) {
    Set<String> ids = new HashSet<>();
    for (SpanData s : trace) {
      ids.add(s.getSpanId());
    }
    Map<String, List<SpanData>> children = new HashMap<>();
    List<SpanData> roots = new ArrayList<>();
    for (SpanData s : trace) {
      // A remote parent in the same tree is a client span of this process (see processor()).
      if (s.getParentSpanContext().isValid() && ids.contains(s.getParentSpanId())) {
        children.computeIfAbsent(s.getParentSpanId(), p -> new ArrayList<>()).add(s);
      } else {
        roots.add(s);
      }
    }
    SpanData first = trace.get(0);
    text.append("trace ").append(first.getTraceId());
    String service = first.getResource().getAttribute(AttributeKey.stringKey("service.name"));
    if (service != null) {
      text.append("  service=").append(service);
    }
    if (incomplete != null) {
      text.append("  (incomplete: printed without its root span; ").append(incomplete).append(')');
    }
    text.append(System.lineSeparator());
    Deque<Node> stack = new ArrayDeque<>();
    push(stack, roots, 0);
    while (!stack.isEmpty()) {
      Node node = stack.pop();
      line(node.span(), node.depth(), text);
      // Removed, so that each span's children are printed once even if ids were ever reused.
      List<SpanData> below = children.remove(node.span().getSpanId());
      if (below != null) {
        push(stack, below, node.depth() + 1);
      }
    }
  }

  private record Node(SpanData span, int depth) {}

  /** Pushes spans so that they pop in the order they started. */
  private static void push(Deque<Node> stack, List<SpanData> spans, int depth) {
    spans.sort(BY_START);
    for (int i = spans.size() - 1; i >= 0; i--) {
      stack.push(new Node(spans.get(i), depth));
    }
  }

  private static void line(SpanData span, int depth, StringBuilder text) {
    String nl = System.lineSeparator();
    String indent = "  " + "    ".repeat(Math.min(depth, MAX_INDENT_DEPTH));
    text.append(indent);
    if (depth > MAX_INDENT_DEPTH) {
      text.append("[depth ").append(depth).append("] ");
    }
    text.append(span.getName())
        .append("  ")
        .append(duration(span.getEndEpochNanos() - span.getStartEpochNanos()))
        .append("  ")
        .append(span.getStatus().getStatusCode());
    String description = span.getStatus().getDescription();
    if (description != null && !description.isEmpty()) {
      text.append(" \"").append(description).append('"');
    }
    if (span.getKind() != SpanKind.INTERNAL) {
      text.append("  ").append(span.getKind().name().toLowerCase(Locale.ROOT));
    }
    text.append("  span=").append(span.getSpanId());
    if (span.getParentSpanContext().isRemote() && depth == 0) {
      text.append(" remote-parent=").append(span.getParentSpanId());
    }
    text.append(nl);
    if (!span.getAttributes().isEmpty()) {
      text.append(indent).append("  | ").append(attributes(span.getAttributes())).append(nl);
    }
    for (EventData event : span.getEvents()) {
      long offset = event.getEpochNanos() - span.getStartEpochNanos();
      text.append(indent)
          .append("  * ")
          .append(event.getName())
          .append(" at +")
          .append(duration(offset));
      if (!event.getAttributes().isEmpty()) {
        text.append("  ").append(attributes(event.getAttributes()));
      }
      text.append(nl);
    }
  }

  private static String attributes(Attributes attributes) {
    StringBuilder b = new StringBuilder();
    attributes.forEach(
        (key, value) -> {
          if (b.length() > 0) {
            b.append(", ");
          }
          String v = String.valueOf(value);
          if (key.getKey().equals("exception.stacktrace")) {
            int end = v.indexOf('\n');
            v = (end < 0 ? v : v.substring(0, end)).strip() + " ...";
          }
          b.append(key.getKey()).append('=').append(v);
        });
    return b.toString();
  }

  static String duration(long nanos) {
    if (nanos < 1_000_000L) {
      return String.format(Locale.ROOT, "%.1f us", nanos / 1_000.0);
    }
    if (nanos < 10_000_000_000L) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000.0);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1_000_000_000.0);
  }
}
