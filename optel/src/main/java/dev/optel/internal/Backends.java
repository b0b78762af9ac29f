package dev.optel.internal;

import dev.optel.Counter;
import dev.optel.Histogram;
import dev.optel.LoggingFacade;
import dev.optel.MeterFacade;
import dev.optel.Span;
import dev.optel.TracingFacade;
import dev.optel.UpDownCounter;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The backends found on this JVM, detected once when this class initialises.
 *
 * <p>Detection only asks the class loader whether the backend's classes exist; the binding classes
 * in {@code dev.optel.internal.otel} and {@code dev.optel.internal.slf4j} — the only classes that
 * name OpenTelemetry or SLF4J types — are loaded by name afterwards ({@link Bindings}), and any
 * {@link LinkageError} while doing so (a missing transitive class, an incompatible version, an
 * unreadable module) turns the backend off with one warning instead of failing the application.
 */
public final class Backends {
  private static final TracingBackend TRACING = detectTracing();
  private static final LoggingBackend LOGGING = detectLogging();
  private static final MeterBackend METRICS = detectMetrics();

  private Backends() {}

  /** What the OpenTelemetry binding provides. */
  public interface TracingBackend {
    /**
     * Creates the tracing facade for an instrumentation scope.
     *
     * @param name the instrumentation scope name
     * @return the facade
     */
    TracingFacade tracer(String name);

    /**
     * Sets the status of the current span to ERROR, if a span is current.
     *
     * @param description the status description
     */
    void markCurrentSpanError(String description);

    /**
     * Returns the ids of the current span.
     *
     * @return the ids, or {@code null} when no valid span is current
     */
    SpanIds currentIds();

    /**
     * Creates the context storage: OpenTelemetry's {@code Context}, which also holds the {@code
     * LogContext} fields. Called once, when the context is first needed.
     *
     * @return the storage; {@code null} when OpenTelemetry's context cannot be used (reported)
     */
    ContextStorage contextStorage();

    /**
     * Makes an optel span current on this thread without ending it.
     *
     * @param span the span
     * @return the token that restores the previous context; {@link ContextToken#NONE} when the span
     *     is not an OpenTelemetry span (nothing to make current) or making it current failed
     *     (reported)
     */
    default ContextToken makeCurrent(Span span) {
      return ContextToken.NONE;
    }

    /**
     * Returns the installed {@code GlobalOpenTelemetry} without installing one (see {@code
     * GlobalOtel}); used by configuration to tell whether someone else set it.
     *
     * @return the global instance, or {@code null} while none is installed (or unknown)
     */
    default InstalledGlobal installedGlobal() {
      return null;
    }

    /**
     * Returns the binding's propagator.
     *
     * @return the propagator; the default is optel's own, which keeps the context outside the
     *     binding
     */
    default Propagator propagator() {
      return PlainPropagation.INSTANCE;
    }

    /**
     * Creates the sink that writes log events as OpenTelemetry log records through the Logs API of
     * the installed {@code GlobalOpenTelemetry}.
     *
     * @return the sink, or {@code null} when the binding has no Logs API
     */
    default LogSink<?, ?> logRecords() {
      return null;
    }
  }

  /**
   * What the OpenTelemetry metrics binding provides. Names and units arrive checked ({@link
   * MetricNames}); descriptions are never {@code null}.
   */
  public interface MeterBackend {
    /**
     * Creates a counter.
     *
     * @param scope the instrumentation scope name
     * @param name the instrument name
     * @param unit the unit, {@code ""} for none
     * @param description the description
     * @return the counter
     */
    Counter counter(String scope, String name, String unit, String description);

    /**
     * Creates an up-down counter.
     *
     * @param scope the instrumentation scope name
     * @param name the instrument name
     * @param unit the unit, {@code ""} for none
     * @param description the description
     * @return the counter
     */
    UpDownCounter upDownCounter(String scope, String name, String unit, String description);

    /**
     * Creates a histogram.
     *
     * @param scope the instrumentation scope name
     * @param name the instrument name
     * @param unit the unit, {@code ""} for none
     * @param description the description
     * @param boundaries bucket boundaries advised to the SDK (a view still wins), or {@code null}
     *     for the SDK's default; ignored by APIs before 1.32, which cannot carry advice
     * @return the histogram
     */
    Histogram histogram(
        String scope, String name, String unit, String description, List<Double> boundaries);

    /**
     * Registers a gauge.
     *
     * @param scope the instrumentation scope name
     * @param name the instrument name
     * @param unit the unit, {@code ""} for none
     * @param description the description
     * @param value the supplier, not {@code null}
     * @return the registration
     */
    MeterFacade.Registration gauge(
        String scope, String name, String unit, String description, DoubleSupplier value);
  }

  /** What the SLF4J binding provides. */
  public interface LoggingBackend {
    /**
     * Returns the sink through which the binding's loggers write.
     *
     * @return the sink
     */
    LogSink<?, ?> sink();
  }

  /**
   * Returns the OpenTelemetry binding.
   *
   * @return the binding, or {@code null} when OpenTelemetry is not usable
   */
  public static TracingBackend tracing() {
    return TRACING;
  }

  /**
   * Returns where each thread's context lives: OpenTelemetry's {@code Context} when OpenTelemetry
   * is usable, else optel's own {@link LocalContext} storage.
   *
   * @return the storage; never {@code null}
   */
  public static ContextStorage contextStorage() {
    return ContextHolder.STORAGE;
  }

  /**
   * Holds the context storage, chosen when the context is first needed rather than when optel is
   * first used: OpenTelemetry lets an application add a storage wrapper until its context is first
   * used, and {@code Telemetry.get} often runs in a library's static initialiser, long before that.
   */
  private static final class ContextHolder {
    static final ContextStorage STORAGE = choose();

    private static ContextStorage choose() {
      ContextStorage otel = TRACING == null ? null : TRACING.contextStorage();
      return otel != null ? otel : new LocalContextStorage();
    }
  }

  /**
   * Returns the SLF4J binding.
   *
   * @return the binding, or {@code null} when SLF4J 2.x with a provider is not usable
   */
  public static LoggingBackend logging() {
    return LOGGING;
  }

  /**
   * Returns the OpenTelemetry metrics binding.
   *
   * @return the binding, or {@code null} when OpenTelemetry is not usable or its API has no metrics
   *     (before 1.10)
   */
  public static MeterBackend metrics() {
    return METRICS;
  }

  /**
   * Returns the logging facade of a logger name: SLF4J's, or the no-op without a usable SLF4J.
   *
   * @param name the logger name
   * @return the facade; never {@code null}
   */
  public static LoggingFacade logger(String name) {
    return LogDispatcher.of(name);
  }

  /**
   * Returns the no-op logging facade: it writes nothing, and marks the current span on {@code
   * error} and {@code critical} like every facade.
   *
   * @return the shared no-op facade
   */
  public static LoggingFacade noopLogger() {
    return LogDispatcher.OFF;
  }

  /**
   * Sets the current span's status to ERROR; does nothing without OpenTelemetry. Never throws.
   *
   * @param description the status description, usually the event name
   */
  public static void markCurrentSpanError(String description) {
    TracingBackend t = TRACING;
    if (t != null) {
      t.markCurrentSpanError(description);
    }
  }

  /**
   * Returns the ids of the current span.
   *
   * @return the ids, or {@code null} when no valid span is current; without OpenTelemetry the ids
   *     of the context {@code Propagation.extract} made current, if any
   */
  public static SpanIds currentIds() {
    TracingBackend t = TRACING;
    return t == null ? PlainPropagation.currentIds() : t.currentIds();
  }

  /**
   * Starts or stops writing every enabled log event also as an OpenTelemetry log record; {@code
   * TelemetryConfig} starts it while the SDK it installed has a logs exporter. Never throws: an
   * OpenTelemetry API without the Logs API (before 1.27) is reported once and exports nothing.
   *
   * @param on whether to export log events
   * @return {@code true} when log events are now exported
   */
  public static boolean exportLogs(boolean on) {
    TracingBackend t = TRACING;
    LogSink<?, ?> records = null;
    if (on && t != null) {
      try {
        records = t.logRecords();
      } catch (RuntimeException | LinkageError e) {
        Diagnostics.warnOnce(
            "logs.api",
            "this OpenTelemetry API has no Logs API (1.27 or later"
                + " has); log events are not exported",
            e);
      }
    }
    LogDispatcher.exportTo(records);
    return records != null;
  }

  private static TracingBackend detectTracing() {
    if (Boolean.getBoolean("optel.opentelemetry.disabled")) {
      return null;
    }
    return Bindings.load(
        TracingBackend.class,
        "dev.optel.internal.otel.OtelTracingBackend",
        new String[] {"io.opentelemetry.api.trace.Span", "io.opentelemetry.context.Context"},
        "load.OpenTelemetry",
        "OpenTelemetry is on the class path but cannot be used; continuing without it");
  }

  private static MeterBackend detectMetrics() {
    if (TRACING == null) {
      return null; // the API is absent, switched off or unusable (reported once already)
    }
    return Bindings.load(
        MeterBackend.class,
        "dev.optel.internal.otel.OtelMeterBackend",
        new String[] {
          "io.opentelemetry.api.metrics.Meter", "io.opentelemetry.api.metrics.LongCounter"
        },
        "load.OpenTelemetry metrics",
        "the OpenTelemetry metrics API cannot be used; instruments record nothing");
  }

  private static LoggingBackend detectLogging() {
    if (Boolean.getBoolean("optel.slf4j.disabled")) {
      return null;
    }
    // LoggingEventBuilder is the SLF4J 2.x fluent API; SLF4J 1.x lacks it and is treated as absent.
    return Bindings.load(
        LoggingBackend.class,
        "dev.optel.internal.slf4j.Slf4jLoggingBackend",
        new String[] {"org.slf4j.Logger", "org.slf4j.spi.LoggingEventBuilder"},
        "load.SLF4J 2.x",
        "SLF4J 2.x is on the class path but cannot be used; continuing without it");
  }
}
