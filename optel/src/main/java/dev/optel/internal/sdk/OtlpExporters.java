package dev.optel.internal.sdk;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;

/**
 * optel's OTLP span exporters: the ones autoconfigure built from the {@code OTEL_EXPORTER_OTLP_*}
 * settings, rebuilt ({@code toBuilder()}, so every setting is kept) to send on optel's threads
 * ({@link ExportThreads}) with retries that stop once the SDK closes, and watched by a {@link
 * ReportingExporter}. The only class naming the OTLP exporter's types; loaded only when
 * autoconfigure has created one, so the exporter is on the class path.
 */
final class OtlpExporters {
  private OtlpExporters() {}

  /**
   * Tells whether {@code exporter} is one this class takes over, without loading OTLP classes.
   *
   * @param exporter what autoconfigure created
   * @return {@code true} for the OTLP gRPC and HTTP span exporters
   */
  static boolean isOtlp(SpanExporter exporter) {
    String type = exporter.getClass().getName();
    return type.equals("io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter")
        || type.equals("io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter");
  }

  /**
   * Rebuilds and watches an OTLP exporter of autoconfigure's.
   *
   * <p>The exporter autoconfigure made is left unused and not shut down: building it started
   * nothing (its HTTP client creates threads and connections on first use), and autoconfigure shuts
   * it down itself when the configuration fails, so shutting it down here too would make the SDK
   * log that it was shut down twice.
   *
   * @param exporter an exporter for which {@link #isOtlp} holds
   * @param config autoconfigure's settings
   * @return the watched exporter
   */
  static ReportingExporter own(SpanExporter exporter, ConfigProperties config) {
    boolean grpc = exporter instanceof OtlpGrpcSpanExporter;
    ExportHealth health =
        new ExportHealth(endpoint(config, grpc), OtlpExporters::describe, System::nanoTime);
    ExecutorService executor = ExportThreads.newExecutor();
    // Set in any case: toBuilder() does not carry over the retries being switched off
    // (otel.java.exporter.otlp.retry.disabled=true), a null policy.
    RetryPolicy retries =
        Boolean.TRUE.equals(config.getBoolean("otel.java.exporter.otlp.retry.disabled"))
            ? null
            : RetryPolicy.getDefault().toBuilder()
                .setRetryExceptionPredicate(failure -> retry(health, failure))
                .build();
    SpanExporter rebuilt;
    if (grpc) {
      rebuilt =
          ((OtlpGrpcSpanExporter) exporter)
              .toBuilder().setExecutorService(executor).setRetryPolicy(retries).build();
    } else {
      rebuilt =
          ((OtlpHttpSpanExporter) exporter)
              .toBuilder().setExecutorService(executor).setRetryPolicy(retries).build();
    }
    // The exporter does not shut down an executor it was given; interrupting its threads also
    // ends a wait between retries.
    return new ReportingExporter(rebuilt, health, executor::shutdownNow);
  }

  /**
   * Whether to try a failed attempt again: the exceptions the exporter retries by default
   * (connecting, timeouts, unknown hosts), and none once the SDK is closing.
   */
  private static boolean retry(ExportHealth health, IOException failure) {
    health.attemptFailed(failure);
    return !health.isClosing()
        && (failure instanceof SocketException
            || failure instanceof SocketTimeoutException
            || failure instanceof UnknownHostException);
  }

  /** Names the endpoint the way the exporter resolves it, for optel's lines. */
  private static String endpoint(ConfigProperties config, boolean grpc) {
    String url = config.getString("otel.exporter.otlp.traces.endpoint");
    if (url == null) {
      url =
          config.getString(
              "otel.exporter.otlp.endpoint",
              grpc ? "http://localhost:4317" : "http://localhost:4318");
      if (!grpc) {
        url = (url.endsWith("/") ? url : url + "/") + "v1/traces";
      }
    }
    return "the OTLP endpoint " + url + (grpc ? " (grpc)" : " (http/protobuf)");
  }

  /** The HTTP or gRPC status the exporter saw, else the generic description. */
  private static String describe(Throwable failure) {
    String status = SdkCompat.exportStatus(failure);
    return status != null ? status : ExportFailures.describe(failure);
  }
}
