package dev.optel.internal.sdk;

import dev.optel.internal.Bindings;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * Everything in {@code dev.optel.internal.sdk} that OpenTelemetry does not promise on every
 * supported version (autoconfigure 1.28.0 and later): an {@code internal} package, an API meant for
 * tests, behaviour the SDK does not document, and API newer than 1.28. Each use says why it is
 * needed and what happens on a version without it. The API binding ({@code internal.otel}) has its
 * own {@code OtelCompat}: it runs without the SDK, and a class naming SDK types must not be loaded
 * there.
 */
final class SdkCompat {
  /**
   * The {@code java.util.logging} loggers on which the OTLP exporter logs each failed export: those
   * of its internal {@code GrpcExporter} and {@code HttpExporter} classes, in the package they have
   * had since 1.65. Why: the exporter has no switch for these lines ({@link ExportThreads}). On a
   * version whose classes are named otherwise, the filter sits on loggers nobody uses and the SDK's
   * own lines about optel's exports are logged as the SDK logs them.
   */
  static final List<String> OTLP_EXPORTER_LOGGERS =
      List.of(
          "io.opentelemetry.exporter.otlp.internal.GrpcExporter",
          "io.opentelemetry.exporter.otlp.internal.HttpExporter");

  /**
   * {@code CompletableResultCode.getFailureThrowable()} and {@code ofExceptionalFailure}, public
   * since 1.41. Before that a failed result carries no exception: optel remembers the exceptions of
   * the failed results it makes itself ({@link #failed}, for its Zipkin exporter), and the OTLP
   * exporter's failures are described as "the exporter gave no cause".
   */
  private static final boolean RESULT_CARRIES_FAILURE =
      hasMethod(CompletableResultCode.class, "getFailureThrowable");

  /** Before 1.41: the exception of each failed result {@link #failed} made, until it is read. */
  private static final Map<CompletableResultCode, Throwable> FAILURES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static final String FAILED_EXPORT =
      "io.opentelemetry.exporter.internal.FailedExportException";

  private SdkCompat() {}

  /**
   * Unsets {@code GlobalOpenTelemetry} with {@code resetForTest()}: the API has no other way to
   * unset it, and optel needs one to replace its own SDK on a second {@code configure()} and to
   * hand the global back to the application at {@code shutdown()}. The method is public on every
   * API version so far, but documented for tests.
   *
   * @return {@code false} on an API without it: optel's (closed) SDK then stays the global, so a
   *     new configuration cannot be installed and the application cannot set its own
   */
  static boolean unsetGlobal() {
    try {
      GlobalOpenTelemetry.resetForTest();
      return true;
    } catch (LinkageError removed) {
      return false;
    }
  }

  /**
   * Makes autoconfigure read exactly {@code properties}, optel's merged and checked view (builder >
   * system property > environment variable), instead of reading the environment and the system
   * properties again itself: a value optel rejected, or resolved itself (service name, resource
   * attributes, {@code otel.sdk.disabled}), must not reach it.
   *
   * <p>It uses only public API, {@code addPropertiesCustomizer}, whose map overrides what
   * autoconfigure read; every {@code otel.*} setting of the environment and the system properties
   * that optel left out is overridden with {@code null}, which autoconfigure treats as unset: it
   * keeps the overrides in a {@code HashMap}, where a {@code null} value and a missing key read the
   * same. That is not documented; it holds from 1.28 to 1.68 (the tested versions). On a version
   * that refused a {@code null} value, building the SDK would fail and {@code configure()} would
   * say so and return {@code false}. (The SDK's own way, {@code AutoConfigureUtil
   * .setConfigPropertiesCustomizer}, is in an {@code internal} package and new in 1.36.)
   *
   * @param builder autoconfigure's builder
   * @param properties every {@code otel.*} setting autoconfigure may see
   * @return the builder
   */
  static AutoConfiguredOpenTelemetrySdkBuilder readExactly(
      AutoConfiguredOpenTelemetrySdkBuilder builder, Map<String, String> properties) {
    return builder.addPropertiesCustomizer(
        config -> {
          Map<String, String> overrides = new HashMap<>();
          try {
            System.getenv().keySet().forEach(name -> unset(overrides, name.replace('_', '.')));
            System.getProperties().stringPropertyNames().forEach(name -> unset(overrides, name));
          } catch (SecurityException e) {
            // What autoconfigure cannot read either.
          }
          overrides.putAll(properties);
          return overrides;
        });
  }

  private static void unset(Map<String, String> overrides, String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (key.startsWith("otel.")) {
      overrides.put(key, null);
    }
  }

  /**
   * Tells whether an OTLP exporter of autoconfigure's can be rebuilt to send on optel's threads
   * with optel's retries ({@link OtlpExporters}): that needs the exporter's {@code toBuilder()}
   * (1.29), its builder's {@code setExecutorService} (1.49) and {@code
   * RetryPolicyBuilder.setRetryExceptionPredicate} (1.47). Without them the exporter is used as
   * autoconfigure built it: it reports its failures itself, and closing waits for its retries,
   * within the export timeout.
   *
   * @param exporter an OTLP span exporter
   * @return {@code true} when optel can take it over
   */
  static boolean canTakeOver(SpanExporter exporter) {
    try {
      exporter
          .getClass()
          .getMethod("toBuilder")
          .getReturnType()
          .getMethod("setExecutorService", ExecutorService.class);
      RetryPolicy.class
          .getMethod("toBuilder")
          .getReturnType()
          .getMethod("setRetryExceptionPredicate", Predicate.class);
      return true;
    } catch (NoSuchMethodException | SecurityException | LinkageError e) {
      return false;
    }
  }

  /**
   * The exception a failed export carries (see {@link #RESULT_CARRIES_FAILURE}).
   *
   * @param result a completed result
   * @return the exception, or {@code null} when there is none or the SDK cannot tell
   */
  static Throwable failureOf(CompletableResultCode result) {
    return RESULT_CARRIES_FAILURE ? result.getFailureThrowable() : FAILURES.remove(result);
  }

  /**
   * A failed result that carries {@code e}, for {@link #failureOf} (see {@link
   * #RESULT_CARRIES_FAILURE}).
   *
   * @param e why the export failed
   * @return the result
   */
  static CompletableResultCode failed(Throwable e) {
    if (RESULT_CARRIES_FAILURE) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
    // A new result, not the shared ofFailure(): the exception is remembered per result.
    CompletableResultCode result = new CompletableResultCode().fail();
    FAILURES.put(result, e);
    return result;
  }

  /**
   * The HTTP or gRPC status of a failed OTLP export, read from the exporter's {@code
   * FailedExportException} (package {@code io.opentelemetry.exporter.internal}, since 1.42): the
   * public API says only that an export failed. Without it (an older exporter, or a class that
   * moved), optel's line names the exception instead of the status.
   *
   * @param failure the export's exception
   * @return {@code HTTP 503}, {@code gRPC status UNAVAILABLE (14)}, or {@code null}
   */
  static String exportStatus(Throwable failure) {
    try {
      return Bindings.readModulesOf(FAILED_EXPORT) ? FailedExports.status(failure) : null;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Names the exporter's internal types; loaded on first use, so only where the exporter is. */
  private static final class FailedExports {
    static String status(Throwable failure) {
      if (failure instanceof FailedExportException.HttpExportException http
          && http.getResponse() != null) {
        return "HTTP " + http.getResponse().getStatusCode();
      }
      if (failure instanceof FailedExportException.GrpcExportException grpc
          && grpc.getResponse() != null) {
        return "gRPC status "
            + grpc.getResponse().getStatusCode()
            + " ("
            + grpc.getResponse().getStatusCode().getValue()
            + ")";
      }
      return null;
    }
  }

  private static boolean hasMethod(Class<?> type, String name) {
    try {
      type.getMethod(name);
      return true;
    } catch (NoSuchMethodException | SecurityException e) {
      return false;
    }
  }
}
