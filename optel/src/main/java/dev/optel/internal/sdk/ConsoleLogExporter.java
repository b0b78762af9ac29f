package dev.optel.internal.sdk;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The {@code console} log exporter: one line per log record on standard error, so that standard
 * output stays one JSON log line per event (the SDK's own console exporter writes to standard
 * output). For looking at what would be exported, not for parsing.
 */
final class ConsoleLogExporter implements LogRecordExporter {
  private final Supplier<PrintStream> out;

  ConsoleLogExporter(Supplier<PrintStream> out) {
    this.out = out;
  }

  // getBody() is deprecated in newer SDKs, but getBodyValue() does not exist in the oldest SDK
  // optel supports (1.28).
  @Override
  @SuppressWarnings("deprecation")
  public CompletableResultCode export(Collection<LogRecordData> records) {
    StringBuilder text = new StringBuilder();
    for (LogRecordData r : records) {
      text.append("log ")
          .append(Instant.ofEpochSecond(0, r.getTimestampEpochNanos()))
          .append(' ')
          .append(r.getSeverityText())
          .append(' ')
          .append(r.getInstrumentationScopeInfo().getName())
          .append(' ')
          .append(r.getBody().asString());
      r.getAttributes()
          .forEach(
              (key, value) ->
                  text.append(' ')
                      .append(key.getKey())
                      .append('=')
                      .append(firstLine(String.valueOf(value))));
      SpanContext span = r.getSpanContext();
      if (span.isValid()) {
        text.append(" trace_id=")
            .append(span.getTraceId())
            .append(" span_id=")
            .append(span.getSpanId());
      }
      text.append(System.lineSeparator());
    }
    out.get().print(text);
    return CompletableResultCode.ofSuccess();
  }

  /** A stack trace shows its first line only: the line is a summary. */
  private static String firstLine(String value) {
    int end = value.indexOf('\n');
    return end < 0 ? value : value.substring(0, end).stripTrailing() + " ...";
  }

  @Override
  public CompletableResultCode flush() {
    out.get().flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
