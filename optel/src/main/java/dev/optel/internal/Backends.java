package dev.optel.internal;

import dev.optel.LoggingFacade;
import dev.optel.TracingFacade;

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
  /** An empty key-value list, shared. */
  public static final Object[] NO_FIELDS = new Object[0];

  private static final TracingBackend TRACING = detectTracing();
  private static final LoggingBackend LOGGING = detectLogging();

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
     * @return {@code {traceId, spanId}}, or {@code null} when no valid span is current
     */
    String[] currentIds();

    /**
     * Returns the current OpenTelemetry context, to be carried to another thread. (This and the
     * next methods have defaults that carry nothing, for bindings without a context.)
     *
     * @return the context, or {@code null} when it is the root context (nothing to carry)
     */
    default Object currentContext() {
      return null;
    }

    /**
     * Makes {@code context} current on this thread.
     *
     * @param context a value from {@link #currentContext()}; {@code null} means the root context
     * @return a token for {@link #detach(Object)}, or {@code null} when nothing had to change
     */
    default Object attach(Object context) {
      return null;
    }

    /**
     * Makes an optel span current on this thread without ending it.
     *
     * @param span the span
     * @return a token for {@link #detach(Object)}, or {@code null} when the span is not an
     *     OpenTelemetry span (nothing to make current)
     */
    default Object makeCurrent(dev.optel.Span span) {
      return null;
    }

    /**
     * Restores the context that was current before {@link #attach(Object)} or {@link
     * #makeCurrent(dev.optel.Span)} returned {@code token}. Never throws.
     *
     * @param token the token; {@code null} does nothing
     */
    default void detach(Object token) {}

    /**
     * Returns the installed {@code GlobalOpenTelemetry} without installing one (see {@code
     * GlobalOtel}); used by configuration to tell whether someone else set it.
     *
     * @return the global instance, or {@code null} while none is installed (or unknown)
     */
    default Object installedGlobal() {
      return null;
    }
  }

  /** What the SLF4J binding provides. */
  public interface LoggingBackend {
    /**
     * Creates the logging facade for a logger name.
     *
     * @param name the logger name
     * @return the facade
     */
    LoggingFacade logger(String name);
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
   * Returns the SLF4J binding.
   *
   * @return the binding, or {@code null} when SLF4J 2.x with a provider is not usable
   */
  public static LoggingBackend logging() {
    return LOGGING;
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
   * @return {@code {traceId, spanId}}, or {@code null} when no valid span is current
   */
  public static String[] currentIds() {
    TracingBackend t = TRACING;
    return t == null ? null : t.currentIds();
  }

  private static TracingBackend detectTracing() {
    if (Boolean.getBoolean("optel.opentelemetry.disabled")) {
      return null;
    }
    return Bindings.load(TracingBackend.class, "dev.optel.internal.otel.OtelTracingBackend",
        new String[] {"io.opentelemetry.api.trace.Span", "io.opentelemetry.context.Context"},
        "load.OpenTelemetry",
        "OpenTelemetry is on the class path but cannot be used; continuing without it");
  }

  private static LoggingBackend detectLogging() {
    if (Boolean.getBoolean("optel.slf4j.disabled")) {
      return null;
    }
    // LoggingEventBuilder is the SLF4J 2.x fluent API; SLF4J 1.x lacks it and is treated as absent.
    return Bindings.load(LoggingBackend.class, "dev.optel.internal.slf4j.Slf4jLoggingBackend",
        new String[] {"org.slf4j.Logger", "org.slf4j.spi.LoggingEventBuilder"}, "load.SLF4J 2.x",
        "SLF4J 2.x is on the class path but cannot be used; continuing without it");
  }
}
