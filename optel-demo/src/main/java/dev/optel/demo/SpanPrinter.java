package dev.optel.demo;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A demo exporter that keeps finished spans and prints them as an indented tree per trace. */
final class SpanPrinter implements SpanExporter {
  private final PrintStream out;
  private final List<SpanData> spans = new ArrayList<>();

  SpanPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> batch) {
    spans.addAll(batch);
    return CompletableResultCode.ofSuccess();
  }

  synchronized void printTree() {
    for (SpanData root : spans) {
      if (!root.getParentSpanContext().isValid()) {
        out.println("trace " + root.getTraceId());
        print(root, "  ");
      }
    }
  }

  private void print(SpanData span, String indent) {
    long micros = TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos());
    out.println(indent + span.getName() + "  [" + span.getSpanId() + ", " + micros + " us, "
        + span.getStatus().getStatusCode() + "]");
    span.getAttributes().forEach((AttributeKey<?> k, Object v) ->
        out.println(indent + "  " + k.getKey() + " = " + v));
    for (EventData event : span.getEvents()) {
      out.println(indent + "  event " + event.getName() + " "
          + event.getAttributes().get(AttributeKey.stringKey("exception.message")));
    }
    for (SpanData child : spans) {
      if (child.getParentSpanId().equals(span.getSpanId())) {
        print(child, indent + "  ");
      }
    }
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
