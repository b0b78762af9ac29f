package dev.optel.bench;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The OpenTelemetry SDK of the "sdk" and "http" class paths: a {@link BatchSpanProcessor} with an
 * exporter that drops everything, the W3C Trace Context and Baggage propagators (the SDK's default
 * {@code OTEL_PROPAGATORS}), a meter provider whose periodic reader (cumulative, every 60 s, the
 * SDK's default) hands its metrics to an exporter that drops them, installed once per JVM as {@code
 * GlobalOpenTelemetry}. No Micrometer type here: the "http" class path has none ({@link
 * SdkSpanBench} builds its registry).
 */
final class BenchSdk {
  /** The installed SDK; its batch worker is a daemon thread, so it is never shut down. */
  static final OpenTelemetrySdk SDK =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(BatchSpanProcessor.builder(new Discarding()).build())
                  .build())
          .setMeterProvider(
              SdkMeterProvider.builder()
                  .registerMetricReader(
                      PeriodicMetricReader.builder(new DiscardingMetrics()).build())
                  .build())
          .setPropagators(
              ContextPropagators.create(
                  TextMapPropagator.composite(
                      W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
          .buildAndRegisterGlobal();

  static final String SCOPE = "dev.optel.bench";

  private BenchSdk() {}

  /** An exporter that accepts and drops every batch. */
  private static final class Discarding implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
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

  /** A metric exporter that accepts and drops every batch. */
  private static final class DiscardingMetrics implements MetricExporter {
    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
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
}
