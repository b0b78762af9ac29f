package dev.optel.config;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.TracingFacade;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/** Creates spans through optel's public API and reads what the memory exporter received. */
final class Spans {
  static final TracingFacade TRACER = Telemetry.get("dev.optel.config.test").tracer();

  private Spans() {}

  /** Ends a parent span with one child. */
  static void parentAndChild() {
    try (Span parent = TRACER.startAsCurrentSpan("parent")) {
      parent.setAttribute("answer", 42);
      try (Span child = TRACER.startAsCurrentSpan("child")) {
        child.setAttribute("flag", true);
      }
    }
  }

  /** Flushes by shutting down, then returns the exported spans. */
  static List<SpanData> exported() {
    TelemetryConfig.shutdown();
    return MemoryExporter.spans();
  }

  static Resource resourceOfOnlyTrace() {
    List<SpanData> spans = exported();
    if (spans.isEmpty()) {
      throw new AssertionError("no span was exported");
    }
    return spans.get(0).getResource();
  }

  static String serviceName(Resource resource) {
    return resource.getAttribute(AttributeKey.stringKey("service.name"));
  }

  static String attribute(Resource resource, String key) {
    return resource.getAttribute(AttributeKey.stringKey(key));
  }
}
