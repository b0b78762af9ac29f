package dev.optel.tests;

import dev.optel.Counter;
import dev.optel.Histogram;
import dev.optel.MeterFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
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
  /** Instruments a library created, and used, before the SDK was installed. */
  static final Counter EARLY_COUNTER = EARLY.meter().counter("early.counter", "1", "made early");
  static final Histogram EARLY_HISTOGRAM = EARLY.meter().histogram("early.histogram", "s", "");
  static final Counter EARLY_BOUND = EARLY_COUNTER.bind("phase", "early");
  static final MeterFacade.Registration EARLY_GAUGE =
      EARLY.meter().gauge("early.gauge", "1", "made early", () -> 42.5);
  /** What {@code GlobalOpenTelemetry.set} threw, or null. */
  static final Throwable SET_FAILURE;

  static {
    Span early = EARLY.tracer().startAsCurrentSpan("early.before-set");
    EARLY_SPAN_RECORDING = early.isRecording();
    EARLY_SPAN_TRACE_ID = early.traceId();
    early.close();
    EARLY_COUNTER.add(1000); // nothing installed: lost, as OpenTelemetry's own no-op would lose it
    EARLY_BOUND.add(1000);
    EARLY_HISTOGRAM.record(1000);
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER)).build();
    Throwable failure = null;
    try {
      OpenTelemetrySdkBuilder builder = OpenTelemetrySdk.builder().setTracerProvider(provider);
      if (Cp.METRICS_SDK) {
        addMetrics(builder);
      }
      GlobalOpenTelemetry.set(builder.build());
    } catch (Throwable t) {
      failure = t;
    }
    SET_FAILURE = failure;
  }

  private Sdk() {}

  /**
   * Adds {@code MetricsSdk}'s meter provider. By reflection: optel-tests-oldest compiles these
   * sources against OpenTelemetry 1.0.0, which has no metrics SDK, and leaves {@code MetricsSdk}
   * out.
   */
  private static void addMetrics(OpenTelemetrySdkBuilder builder) {
    try {
      Class.forName("dev.optel.tests.MetricsSdk").getDeclaredMethod("addTo", Object.class)
          .invoke(null, builder);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot install the metrics SDK", e);
    }
  }

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
          d.getStatus().getDescription(), attrs, types, events));
    }
    return out;
  }

  static Finished one(String name) {
    List<Finished> all = finished();
    return all.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no finished span named " + name + " in " + all));
  }
}
