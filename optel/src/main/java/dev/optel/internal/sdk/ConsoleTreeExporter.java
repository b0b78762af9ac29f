package dev.optel.internal.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code console} exporter: prints each finished trace as an indented tree a person can read,
 * with durations, status, attributes and events. Spans are held until the local root of their
 * trace ends (children end first), then the whole tree is printed at once; spans whose root never
 * ends here are printed at shutdown.
 */
public final class ConsoleTreeExporter implements SpanExporter {
  private final Supplier<PrintStream> out;
  private final Map<String, List<SpanData>> pending = new LinkedHashMap<>();

  /**
   * Creates the exporter.
   *
   * @param out where to print, looked up at each print (so that {@code System.setOut} works)
   */
  public ConsoleTreeExporter(Supplier<PrintStream> out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    StringBuilder text = new StringBuilder();
    synchronized (this) {
      for (SpanData span : spans) {
        pending.computeIfAbsent(span.getTraceId(), id -> new ArrayList<>()).add(span);
        if (isLocalRoot(span)) {
          List<SpanData> trace = pending.remove(span.getTraceId());
          render(trace, text, false);
        }
      }
    }
    print(text);
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    StringBuilder text = new StringBuilder();
    synchronized (this) {
      for (List<SpanData> trace : pending.values()) {
        render(trace, text, true);
      }
      pending.clear();
    }
    print(text);
    return CompletableResultCode.ofSuccess();
  }

  private void print(StringBuilder text) {
    if (text.length() > 0) {
      PrintStream stream = out.get();
      stream.print(text);
      stream.flush();
    }
  }

  private static boolean isLocalRoot(SpanData span) {
    SpanContext parent = span.getParentSpanContext();
    return !parent.isValid() || parent.isRemote();
  }

  /** Renders one trace; spans whose parent is not in the list are printed as roots. */
  static void render(List<SpanData> trace, StringBuilder text, boolean incomplete) {
    Map<String, List<SpanData>> children = new HashMap<>();
    Map<String, SpanData> byId = new HashMap<>();
    for (SpanData s : trace) {
      byId.put(s.getSpanId(), s);
    }
    List<SpanData> roots = new ArrayList<>();
    for (SpanData s : trace) {
      String parent = s.getParentSpanId();
      if (!isLocalRoot(s) && byId.containsKey(parent)) {
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(s);
      } else {
        roots.add(s);
      }
    }
    Comparator<SpanData> byStart = Comparator.comparingLong(SpanData::getStartEpochNanos);
    roots.sort(byStart);
    children.values().forEach(list -> list.sort(byStart));
    SpanData first = roots.get(0);
    text.append("trace ").append(first.getTraceId());
    String service = first.getResource().getAttribute(AttributeKey.stringKey("service.name"));
    if (service != null) {
      text.append("  service=").append(service);
    }
    if (incomplete) {
      text.append("  (incomplete: its root span did not end)");
    }
    text.append(System.lineSeparator());
    for (SpanData root : roots) {
      line(root, children, "  ", text);
    }
  }

  private static void line(SpanData span, Map<String, List<SpanData>> children, String indent,
      StringBuilder text) {
    String nl = System.lineSeparator();
    text.append(indent).append(span.getName()).append("  ")
        .append(duration(span.getEndEpochNanos() - span.getStartEpochNanos()))
        .append("  ").append(span.getStatus().getStatusCode());
    String description = span.getStatus().getDescription();
    if (description != null && !description.isEmpty()) {
      text.append(" \"").append(description).append('"');
    }
    if (span.getKind() != SpanKind.INTERNAL) {
      text.append("  ").append(span.getKind().name().toLowerCase(Locale.ROOT));
    }
    text.append("  span=").append(span.getSpanId());
    if (span.getParentSpanContext().isRemote()) {
      text.append(" remote-parent=").append(span.getParentSpanId());
    }
    text.append(nl);
    if (!span.getAttributes().isEmpty()) {
      text.append(indent).append("  | ").append(attributes(span.getAttributes())).append(nl);
    }
    for (EventData event : span.getEvents()) {
      long offset = event.getEpochNanos() - span.getStartEpochNanos();
      text.append(indent).append("  * ").append(event.getName()).append(" at +")
          .append(duration(offset));
      if (!event.getAttributes().isEmpty()) {
        text.append("  ").append(attributes(event.getAttributes()));
      }
      text.append(nl);
    }
    for (SpanData child : children.getOrDefault(span.getSpanId(), List.of())) {
      line(child, children, indent + "    ", text);
    }
  }

  private static String attributes(Attributes attributes) {
    StringBuilder b = new StringBuilder();
    attributes.forEach((key, value) -> {
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
