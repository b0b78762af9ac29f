package dev.optel.internal.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * Maps OpenTelemetry spans to Zipkin spans, following the OpenTelemetry specification's "Zipkin
 * exporter" mapping: kind, local endpoint from {@code service.name}, attributes as tags (arrays
 * comma-joined), status as {@code otel.status_code} and {@code error}, scope as {@code
 * otel.scope.name}/{@code otel.scope.version}, events as annotations.
 */
final class ZipkinSpans {
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private ZipkinSpans() {}

  static Span toZipkin(SpanData span) {
    long startMicros = TimeUnit.NANOSECONDS.toMicros(span.getStartEpochNanos());
    long endMicros = TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos());
    String service = span.getResource().getAttribute(SERVICE_NAME);
    Span.Builder b =
        Span.newBuilder()
            .traceId(span.getTraceId())
            .id(span.getSpanId())
            .name(span.getName())
            .kind(kind(span))
            .timestamp(startMicros)
            .duration(Math.max(1, endMicros - startMicros))
            .localEndpoint(
                Endpoint.newBuilder()
                    .serviceName(service == null ? "unknown_service:java" : service)
                    .build());
    if (span.getParentSpanContext().isValid()) {
      b.parentId(span.getParentSpanId());
    }
    tags(span.getAttributes(), b);
    InstrumentationScopeInfo scope = span.getInstrumentationScopeInfo();
    if (!scope.getName().isEmpty()) {
      b.putTag("otel.scope.name", scope.getName());
    }
    if (scope.getVersion() != null) {
      b.putTag("otel.scope.version", scope.getVersion());
    }
    StatusCode status = span.getStatus().getStatusCode();
    if (status != StatusCode.UNSET) {
      b.putTag("otel.status_code", status.name());
    }
    if (status == StatusCode.ERROR) {
      String description = span.getStatus().getDescription();
      b.putTag("error", description == null ? "" : description);
    }
    for (EventData event : span.getEvents()) {
      b.addAnnotation(TimeUnit.NANOSECONDS.toMicros(event.getEpochNanos()), annotation(event));
    }
    return b.build();
  }

  private static Span.Kind kind(SpanData span) {
    switch (span.getKind()) {
      case SERVER:
        return Span.Kind.SERVER;
      case CLIENT:
        return Span.Kind.CLIENT;
      case PRODUCER:
        return Span.Kind.PRODUCER;
      case CONSUMER:
        return Span.Kind.CONSUMER;
      default:
        return null;
    }
  }

  private static void tags(Attributes attributes, Span.Builder b) {
    attributes.forEach((key, value) -> b.putTag(key.getKey(), text(value)));
  }

  private static String text(Object value) {
    if (value instanceof List<?> list) {
      StringBuilder s = new StringBuilder();
      for (Object o : list) {
        if (s.length() > 0) {
          s.append(',');
        }
        s.append(o);
      }
      return s.toString();
    }
    return String.valueOf(value);
  }

  private static String annotation(EventData event) {
    if (event.getAttributes().isEmpty()) {
      return event.getName();
    }
    StringBuilder s = new StringBuilder(event.getName()).append(' ');
    s.append('{');
    boolean[] first = {true};
    event
        .getAttributes()
        .forEach(
            (key, value) -> {
              if (!first[0]) {
                s.append(',');
              }
              first[0] = false;
              s.append('"')
                  .append(escape(key.getKey()))
                  .append("\":\"")
                  .append(escape(text(value)))
                  .append('"');
            });
    return s.append('}').toString();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.toString();
  }
}
