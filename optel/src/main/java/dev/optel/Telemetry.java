package dev.optel;

import dev.optel.internal.Backends;
import dev.optel.internal.Diagnostics;

/**
 * The entry point: a tracer, a logger and a meter for one library or component.
 *
 * <pre>{@code
 * public final class AcmeClient {
 *   private static final Telemetry TELEMETRY = Telemetry.get(AcmeClient.class);
 *   private static final TracingFacade TRACER = TELEMETRY.tracer();
 *   private static final LoggingFacade LOG = TELEMETRY.logger();
 * }
 * }</pre>
 *
 * <p>The same compiled code runs whether the application has OpenTelemetry, SLF4J 2.x, both or
 * neither: what is present is detected once per JVM (class loader) the first time optel is used,
 * and the missing parts are shared no-op singletons. optel never installs a global OpenTelemetry
 * and never initialises SLF4J when no SLF4J provider is present, so the application keeps every
 * choice: it may install its OpenTelemetry SDK (or run the Java agent) before or after libraries
 * call {@code get}, and spans started after installation are recorded.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Telemetry {
  private final String name;
  private final TracingFacade tracer;
  private final LoggingFacade logger;
  private final MeterFacade meter;

  private Telemetry(String name) {
    this.name = name;
    Backends.TracingBackend t = Backends.tracing();
    this.tracer = t == null ? NoopTracing.INSTANCE : t.tracer(name);
    this.logger = Backends.logger(name);
    this.meter = Meters.of(name);
  }

  /**
   * Returns the telemetry for a component name, used as OpenTelemetry instrumentation scope and as
   * SLF4J logger name. Never throws: a {@code null} or blank name is replaced by {@code
   * "dev.optel.unnamed"} with a warning.
   *
   * @param name the component name, for example {@code "com.acme.client"}
   * @return the telemetry; never {@code null}
   */
  public static Telemetry get(String name) {
    if (name == null || name.isBlank()) {
      Diagnostics.warnOnce(
          "telemetry.name",
          "Telemetry.get was given a null or blank name; using \"dev.optel.unnamed\"",
          null);
      name = "dev.optel.unnamed";
    }
    try {
      return new Telemetry(name);
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("telemetry.get", "could not create telemetry; using no-ops", e);
      return new Telemetry(name, NoopTracing.INSTANCE, NoopLogging.INSTANCE, Meters.NOOP);
    }
  }

  /**
   * Returns the telemetry named after a class ({@link Class#getName()}).
   *
   * @param type the class; {@code null} is treated as a blank name
   * @return the telemetry; never {@code null}
   */
  public static Telemetry get(Class<?> type) {
    return get(type == null ? null : type.getName());
  }

  private Telemetry(String name, TracingFacade tracer, LoggingFacade logger, MeterFacade meter) {
    this.name = name;
    this.tracer = tracer;
    this.logger = logger;
    this.meter = meter;
  }

  /**
   * Returns the tracing facade.
   *
   * @return the tracer; never {@code null}
   */
  public TracingFacade tracer() {
    return tracer;
  }

  /**
   * Returns the logging facade.
   *
   * @return the logger; never {@code null}
   */
  public LoggingFacade logger() {
    return logger;
  }

  /**
   * Returns the metrics facade: counters, up-down counters, histograms and gauges of this
   * component's instrumentation scope.
   *
   * @return the meter; never {@code null}
   */
  public MeterFacade meter() {
    return meter;
  }

  /**
   * Returns the component name.
   *
   * @return the name given to {@link #get(String)}
   */
  public String name() {
    return name;
  }

  /**
   * Tells whether the OpenTelemetry API was found and is usable. Spans are recorded only once an
   * SDK (or the Java agent) is installed as {@code GlobalOpenTelemetry}.
   *
   * @return {@code true} when spans go to OpenTelemetry
   */
  public static boolean hasOpenTelemetry() {
    return Backends.tracing() != null;
  }

  /**
   * Tells whether SLF4J 2.x with a provider was found, so that log events are written.
   *
   * @return {@code true} when log events go to SLF4J
   */
  public static boolean hasStructuredLogging() {
    return Backends.logging() != null;
  }

  @Override
  public String toString() {
    return "Telemetry["
        + name
        + ", tracer="
        + tracer
        + ", logger="
        + logger
        + ", meter="
        + meter
        + "]";
  }
}
