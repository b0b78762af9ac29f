package dev.optel.testsupport;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The application's OpenTelemetry SDK as the tests install it: the global, exporting every span to
 * memory as it ends. Only loaded where {@link OtelExtension#sdkAvailable()}; nothing else in a test
 * JVM may set the global.
 */
public final class InMemorySpans {
  private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
  private static boolean installed;
  private static Throwable installFailure;

  private InMemorySpans() {}

  /**
   * Installs the SDK as the global, the first time only; {@code first} runs just before that.
   *
   * @param first what runs before the SDK is installed (and only then)
   */
  static synchronized void install(Runnable first) {
    if (!installed) {
      installed = true;
      first.run();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER))
              .build();
      try {
        // W3C trace context and baggage, as an application's autoconfigured SDK has them by
        // default.
        OpenTelemetrySdkBuilder builder =
            OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(
                    ContextPropagators.create(
                        TextMapPropagator.composite(
                            W3CTraceContextPropagator.getInstance(),
                            W3CBaggagePropagator.getInstance())));
        if (metricsAvailable()) {
          InMemoryMetrics.addTo(builder);
        }
        GlobalOpenTelemetry.set(builder.build());
      } catch (RuntimeException e) {
        installFailure = e;
      }
    }
  }

  /** The metrics SDK check, here so that {@link InMemoryMetrics} loads only where it can. */
  private static boolean metricsAvailable() {
    for (String name :
        new String[] {
          "io.opentelemetry.sdk.metrics.SdkMeterProvider",
          "io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader"
        }) {
      try {
        Class.forName(name, false, InMemorySpans.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
    return true;
  }

  /**
   * What {@code GlobalOpenTelemetry.set} threw when the SDK was installed.
   *
   * @return the failure, or null when the SDK is the global (or was not installed yet)
   */
  public static synchronized Throwable installFailure() {
    return installFailure;
  }

  /** Forgets the spans ended so far. */
  public static void reset() {
    EXPORTER.reset();
  }

  /**
   * The spans ended since the last {@link #reset()}, in the order they ended.
   *
   * @return the finished spans
   */
  public static List<SpanData> all() {
    return EXPORTER.getFinishedSpanItems();
  }

  /**
   * The finished spans named {@code name}.
   *
   * @param name the span name
   * @return those spans, in the order they ended
   */
  public static List<SpanData> spans(String name) {
    return all().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
  }

  /**
   * The one finished span named {@code name}.
   *
   * @param name the span name
   * @return that span
   * @throws AssertionError unless exactly one span of that name has ended
   */
  public static SpanData span(String name) {
    List<SpanData> found = spans(name);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one span " + name + ", found " + found.size() + " in " + all());
    }
    return found.get(0);
  }
}
