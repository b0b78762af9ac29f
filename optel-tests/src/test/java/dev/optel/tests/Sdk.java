package dev.optel.tests;

import dev.optel.Span;
import dev.optel.Telemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's OpenTelemetry SDK with an in-memory exporter. Only loaded when {@link Cp#SDK}.
 *
 * <p>Initialising this class plays the order the contract cares about: a library calls {@code
 * Telemetry.get} and starts a span while nothing is installed, and only then does the application
 * call {@code GlobalOpenTelemetry.set}. Nothing else in the suite touches GlobalOpenTelemetry.
 */
final class Sdk {
  static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
  /** The telemetry a library obtained before the SDK was installed. */
  static final Telemetry EARLY = Telemetry.get("dev.optel.tests.early");
  static final boolean EARLY_SPAN_RECORDING;
  static final String EARLY_SPAN_TRACE_ID;
  /** What {@code GlobalOpenTelemetry.set} threw, or null. */
  static final Throwable SET_FAILURE;

  static {
    Span early = EARLY.tracer().startAsCurrentSpan("early.before-set");
    EARLY_SPAN_RECORDING = early.isRecording();
    EARLY_SPAN_TRACE_ID = early.traceId();
    early.close();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER)).build();
    Throwable failure = null;
    try {
      // W3C propagators, as an application's autoconfigured SDK has them (TracedHttp, HttpTest).
      GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build());
    } catch (Throwable t) {
      failure = t;
    }
    SET_FAILURE = failure;
  }

  private Sdk() {}

  /** Makes sure the SDK is installed (runs the static initialiser once). */
  static void install() {
    // the static initialiser did the work
  }

  static void reset() {
    EXPORTER.reset();
  }

  static List<Finished> finished() {
    List<Finished> out = new ArrayList<>();
    for (SpanData d : EXPORTER.getFinishedSpanItems()) {
      Map<String, Object> attrs = new LinkedHashMap<>();
      Map<String, String> types = new LinkedHashMap<>();
      for (Map.Entry<AttributeKey<?>, Object> e : d.getAttributes().asMap().entrySet()) {
        attrs.put(e.getKey().getKey(), e.getValue());
        types.put(e.getKey().getKey(), e.getKey().getType().name());
      }
      List<Map.Entry<String, Map<String, String>>> events = new ArrayList<>();
      for (EventData ev : d.getEvents()) {
        Map<String, String> ea = new LinkedHashMap<>();
        ev.getAttributes().forEach((k, v) -> ea.put(k.getKey(), String.valueOf(v)));
        events.add(new AbstractMap.SimpleImmutableEntry<>(ev.getName(), ea));
      }
      out.add(new Finished(d.getName(), d.getTraceId(), d.getSpanId(),
          d.getParentSpanContext().getSpanId(), d.getStatus().getStatusCode().name(),
          d.getStatus().getDescription(), attrs, types, events, d.getKind().name()));
    }
    return out;
  }

  static Finished one(String name) {
    List<Finished> all = finished();
    return all.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no finished span named " + name + " in " + all));
  }
}
