package dev.optel.internal;

import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.TracingFacade;
import java.util.concurrent.Callable;

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
     * Returns the current OpenTelemetry context, to be carried to another thread. (This and the
     * next methods have defaults that carry nothing, for bindings without a context.)
     *
     * <p>The value is opaque to the core: {@link ContextSnapshot} keeps it and hands it back to
     * {@link #runIn} or {@link #callIn}, nothing else. It is the binding's own context object
     * rather than a typed wrapper because it is captured for every task handed to a wrapped
     * executor, where a wrapper would be one more allocation per task.
     *
     * @return the context, or {@code null} when it is the root context (nothing to carry)
     */
    default Object currentContext() {
      return null;
    }

    /**
     * Runs {@code task} on this thread with {@code context} current, then restores the context
     * that was current before, also when {@code task} throws.
     *
     * <p>The binding runs the task itself rather than returning a {@link ContextToken}: its scope
     * then stays a local variable of one method. A token wrapping the scope is one more object
     * for every task a wrapped executor runs, which HotSpot did not remove (measured with {@code
     * AsyncBench.optelWrapExecutor}: 88 instead of 56 bytes per task).
     *
     * @param context a value from {@link #currentContext()}; {@code null} means the root context
     * @param task the work
     */
    default void runIn(Object context, Runnable task) {
      task.run();
    }

    /**
     * Calls {@code task} on this thread with {@code context} current, then restores the context
     * that was current before, also when {@code task} throws; see {@link #runIn}.
     *
     * @param context a value from {@link #currentContext()}; {@code null} means the root context
     * @param task the work
     * @param <T> the result type
     * @return what {@code task} returned
     * @throws Exception what {@code task} threw
     */
    default <T> T callIn(Object context, Callable<T> task) throws Exception {
      return task.call();
    }

    /**
     * Makes an optel span current on this thread without ending it.
     *
     * @param span the span
     * @return the token that restores the previous context; {@link ContextToken#NONE} when the
     *     span is not an OpenTelemetry span (nothing to make current) or making it current failed
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
   * Returns the SLF4J binding.
   *
   * @return the binding, or {@code null} when SLF4J 2.x with a provider is not usable
   */
  public static LoggingBackend logging() {
    return LOGGING;
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
