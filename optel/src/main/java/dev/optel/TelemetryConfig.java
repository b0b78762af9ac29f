package dev.optel;

import dev.optel.internal.config.Configurator;
import dev.optel.internal.config.Request;
import dev.optel.internal.config.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's one call that turns telemetry on: an OpenTelemetry SDK with the exporters the
 * standard {@code OTEL_*} variables ask for, and JSON log lines on standard output.
 *
 * <p>Libraries never call this class; applications call it once at start-up:
 *
 * <pre>{@code
 * // Only the environment (OTEL_SERVICE_NAME, OTEL_TRACES_EXPORTER, ...):
 * boolean tracing = TelemetryConfig.configure();
 *
 * // Or programmatically; every argument wins over the matching otel.* system property, which wins
 * // over the OTEL_* environment variable:
 * boolean tracing = TelemetryConfig.builder()
 *     .serviceName("checkout")
 *     .resourceAttributes(Map.of("deployment.environment", "production"))
 *     .traceExporters(List.of("otlp"))
 *     .otlpEndpoint("http://collector:4318")
 *     .otlpProtocol("http/protobuf")
 *     .logLevel(LogLevel.INFO)
 *     .configure();
 * ...
 * TelemetryConfig.shutdown();   // optional: a JVM shutdown hook flushes too
 * }</pre>
 *
 * <p>Configuration needs the OpenTelemetry SDK and its autoconfigure module on the class path for
 * tracing (the {@code dev.optel:optel-observability} artifact brings both), and SLF4J 2 with
 * Logback or Log4j 2 for JSON log output. With the OpenTelemetry API alone only logging is
 * configured. Bad configuration values never fail the application: each gets one warning on the
 * {@code dev.optel} {@link System.Logger} naming the variable and its value, and the default is
 * used. When {@code GlobalOpenTelemetry} was already set by the application or the OpenTelemetry
 * Java agent, optel uses it, configures logging only and says so.
 *
 * <p>Calling {@code configure} again replaces the earlier setup without losing work: spans started
 * before the call are exported by the earlier setup when they end (it stays open until they have,
 * at most one minute), and threads logging meanwhile keep writing JSON lines. With exporter {@code
 * none} spans still carry real trace and span ids; nothing is exported. All methods are
 * thread-safe.
 */
public final class TelemetryConfig {
  private TelemetryConfig() {}

  /**
   * Configures telemetry from the environment alone: the {@code OTEL_*} variables, their {@code
   * otel.*} system properties, and {@code OPTEL_LOG_LEVEL} / {@code optel.log.level}.
   *
   * @return {@code true} when tracing is enabled and spans go to every requested exporter (with
   *     exporter {@code none}: tracing is on, spans have real ids, nothing is exported); {@code
   *     false} when tracing is disabled, impossible (no OpenTelemetry SDK), or an exporter could
   *     not be set up (a warning says which; spans still have real ids)
   */
  public static boolean configure() {
    return builder().configure();
  }

  /**
   * Starts a programmatic configuration; unset arguments come from the environment.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Flushes and closes what {@code configure} started: ends the SDK (exporting spans already ended)
   * and removes optel's JSON log output. Returns within the exporter timeout even when a collector
   * hangs. Does nothing when nothing was configured. Never throws.
   */
  public static void shutdown() {
    Configurator.shutdown();
  }

  /**
   * Collects configuration arguments; {@link #configure()} applies them. Every setter checks its
   * argument by the same rule that checks the matching variable and throws {@link
   * IllegalArgumentException} naming it when it is invalid. A builder is not thread-safe; use it
   * from one thread.
   */
  public static final class Builder {
    /** Checked values of the methods that set a setting, by its property name. */
    private final Map<String, String> arguments = new LinkedHashMap<>();

    private final Map<String, String> properties = new LinkedHashMap<>();
    private Map<String, String> resourceAttributes;
    private List<LogProcessor> logProcessors;
    private Duration exporterTimeout;

    private Builder() {}

    /**
     * Sets the {@code service.name} resource attribute; wins over {@code OTEL_SERVICE_NAME} and a
     * {@code service.name} in the resource attributes.
     *
     * @param serviceName the service name, not blank
     * @return this builder
     * @throws IllegalArgumentException when {@code serviceName} is null or blank
     */
    public Builder serviceName(String serviceName) {
      return set(Settings.SERVICE_NAME, serviceName);
    }

    /**
     * Adds resource attributes; they win over the same keys in {@code OTEL_RESOURCE_ATTRIBUTES}.
     *
     * @param attributes keys (not blank) and values (not null)
     * @return this builder
     * @throws IllegalArgumentException when the map, a key or a value is null or a key is blank
     */
    public Builder resourceAttributes(Map<String, String> attributes) {
      if (attributes == null) {
        throw new IllegalArgumentException("resourceAttributes must not be null");
      }
      Map<String, String> copy = new LinkedHashMap<>();
      attributes.forEach(
          (k, v) -> {
            if (k == null || k.isBlank()) {
              throw new IllegalArgumentException("resourceAttributes must not contain a blank key");
            }
            if (v == null) {
              throw new IllegalArgumentException("resourceAttributes value of " + k + " is null");
            }
            copy.put(k.strip(), v);
          });
      this.resourceAttributes = copy;
      return this;
    }

    /**
     * Turns tracing on or off; wins over {@code OTEL_SDK_DISABLED}.
     *
     * @param enabled {@code false} configures logging only
     * @return this builder
     */
    public Builder traceEnabled(boolean enabled) {
      return set(Settings.SDK_DISABLED, Boolean.toString(!enabled));
    }

    /**
     * Sets the lowest level of optel's JSON log output; wins over {@code OPTEL_LOG_LEVEL}.
     *
     * @param level the level
     * @return this builder
     * @throws IllegalArgumentException when {@code level} is null
     */
    public Builder logLevel(LogLevel level) {
      return set(Settings.LOG_LEVEL, level == null ? null : level.name());
    }

    /**
     * Sets the processors that see each log event, in order, before it is rendered as JSON.
     *
     * @param processors the processors; none may be null
     * @return this builder
     * @throws IllegalArgumentException when the list or an element is null
     */
    public Builder logProcessors(List<LogProcessor> processors) {
      if (processors == null) {
        throw new IllegalArgumentException("logProcessors must not be null");
      }
      for (LogProcessor p : processors) {
        if (p == null) {
          throw new IllegalArgumentException("logProcessors must not contain null");
        }
      }
      this.logProcessors = List.copyOf(processors);
      return this;
    }

    /**
     * Sets the span exporters; wins over {@code OTEL_TRACES_EXPORTER}.
     *
     * @param exporters names among {@code otlp}, {@code console}, {@code zipkin}, {@code none}, and
     *     the OpenTelemetry SDK's {@code logging} and {@code logging-otlp} (each needs its exporter
     *     on the class path; a missing one gets a warning when {@code configure()} runs)
     * @return this builder
     * @throws IllegalArgumentException when the list is null or names an unknown exporter (for
     *     {@code jaeger}, the message says how to send to Jaeger over OTLP)
     */
    public Builder traceExporters(List<String> exporters) {
      if (exporters != null && exporters.stream().anyMatch(e -> e == null)) {
        throw new IllegalArgumentException("traceExporters must not contain null");
      }
      // An empty list exports nothing, like "none" (and unlike a blank variable, which is unset).
      return set(
          Settings.TRACES_EXPORTER,
          exporters == null ? null : exporters.isEmpty() ? "none" : String.join(",", exporters));
    }

    /**
     * Sets the log exporters; wins over {@code OTEL_LOGS_EXPORTER}. With one, every log event that
     * passes the log level is also an OpenTelemetry log record of the SDK that {@code configure()}
     * sets up (README, "Logs export"); the JSON lines stay as they are.
     *
     * @param exporters names among {@code otlp}, {@code console} (one line per record on standard
     *     error) and {@code none}, or a name a log record exporter provider on the class path adds
     * @return this builder
     * @throws IllegalArgumentException when the list is null or names an unknown exporter
     */
    public Builder logExporters(List<String> exporters) {
      if (exporters != null && exporters.stream().anyMatch(e -> e == null)) {
        throw new IllegalArgumentException("logExporters must not contain null");
      }
      return set(
          Settings.LOGS_EXPORTER,
          exporters == null ? null : exporters.isEmpty() ? "none" : String.join(",", exporters));
    }

    /**
     * Sets the metric exporters; wins over {@code OTEL_METRICS_EXPORTER}. Metrics are read every
     * {@code OTEL_METRIC_EXPORT_INTERVAL} (60 s by default) and exported (README, "Metrics
     * export").
     *
     * @param exporters names among {@code otlp}, {@code console} (a table on standard error at each
     *     interval), {@code prometheus} (served for scraping on {@code
     *     OTEL_EXPORTER_PROMETHEUS_PORT}, 9464 by default; needs {@code optel-prometheus}) and
     *     {@code none}, or a name a metric exporter provider on the class path adds
     * @return this builder
     * @throws IllegalArgumentException when the list is null or names an unknown exporter
     */
    public Builder metricExporters(List<String> exporters) {
      if (exporters != null && exporters.stream().anyMatch(e -> e == null)) {
        throw new IllegalArgumentException("metricExporters must not contain null");
      }
      return set(
          Settings.METRICS_EXPORTER,
          exporters == null ? null : exporters.isEmpty() ? "none" : String.join(",", exporters));
    }

    /**
     * Sets the sampler ({@code otel.traces.sampler}).
     *
     * @param sampler one of {@code always_on}, {@code always_off}, {@code traceidratio}, {@code
     *     parentbased_always_on}, {@code parentbased_always_off}, {@code parentbased_traceidratio}
     * @return this builder
     * @throws IllegalArgumentException when {@code sampler} is not one of these
     */
    public Builder sampler(String sampler) {
      return set(Settings.SAMPLER, sampler);
    }

    /**
     * Sets the ratio of the {@code traceidratio} samplers ({@code otel.traces.sampler.arg}).
     *
     * @param ratio between 0 and 1
     * @return this builder
     * @throws IllegalArgumentException when {@code ratio} is outside [0, 1]
     */
    public Builder samplerRatio(double ratio) {
      return set(Settings.SAMPLER_RATIO, Double.toString(ratio));
    }

    /**
     * Sets the OTLP endpoint ({@code otel.exporter.otlp.endpoint}), for example {@code
     * http://localhost:4317} (gRPC) or {@code http://localhost:4318} (HTTP), for spans, metrics and
     * logs: it wins over {@code OTEL_EXPORTER_OTLP_ENDPOINT} and its {@code _TRACES_}, {@code
     * _METRICS_} and {@code _LOGS_} forms in the environment.
     *
     * @param endpoint an http or https URL with a host; a port, if given, from 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException when {@code endpoint} is not such a URL
     */
    public Builder otlpEndpoint(String endpoint) {
      return set(Settings.OTLP_ENDPOINT, endpoint);
    }

    /**
     * Sets the OTLP protocol ({@code otel.exporter.otlp.protocol}) for spans, metrics and logs: it
     * wins over {@code OTEL_EXPORTER_OTLP_PROTOCOL} and its signal-specific forms in the
     * environment.
     *
     * @param protocol {@code grpc} or {@code http/protobuf}, in any case (like the variable)
     * @return this builder
     * @throws IllegalArgumentException for any other value
     */
    public Builder otlpProtocol(String protocol) {
      return set(Settings.OTLP_PROTOCOL, protocol);
    }

    /**
     * Sets the Zipkin endpoint ({@code otel.exporter.zipkin.endpoint}); the default is {@code
     * http://localhost:9411/api/v2/spans}. A base URL such as {@code http://zipkin:9411} gets the
     * path {@code /api/v2/spans}.
     *
     * @param endpoint an http or https URL with a host; a port, if given, from 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException when {@code endpoint} is not such a URL
     */
    public Builder zipkinEndpoint(String endpoint) {
      return set(Settings.ZIPKIN_ENDPOINT, endpoint);
    }

    /**
     * Sets how long one export may take and how long {@link TelemetryConfig#shutdown()} waits; the
     * default is 10 seconds. It sets every export timeout: the OTLP exporter's for spans, metrics
     * and logs (winning over {@code OTEL_EXPORTER_OTLP_TIMEOUT} and its {@code _TRACES_}, {@code
     * _METRICS_} and {@code _LOGS_} forms), Zipkin's and the batch processors' ({@code
     * otel.bsp.export.timeout}, {@code otel.blrp.export.timeout}).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is null, zero or negative
     */
    public Builder exporterTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("exporterTimeout must be positive, was " + timeout);
      }
      this.exporterTimeout = timeout;
      return this;
    }

    /**
     * Sets any property of the OpenTelemetry SDK configuration specification, for example {@code
     * property("otel.bsp.schedule.delay", "500")}; wins over the system property and environment
     * variable of the same name. The dedicated builder methods win over this one. A general OTLP
     * setting ({@code otel.exporter.otlp.headers}, {@code ...compression}, ...) also wins over its
     * signal-specific forms ({@code otel.exporter.otlp.traces.headers}, ...) from system properties
     * and the environment, as {@link #otlpEndpoint} does.
     *
     * @param key a property name starting with {@code otel.}
     * @param value its value, not null
     * @return this builder
     * @throws IllegalArgumentException when {@code key} does not start with {@code otel.} or {@code
     *     value} is null
     */
    public Builder property(String key, String value) {
      if (key == null || !key.startsWith("otel.") || key.length() == 5) {
        throw new IllegalArgumentException("property key must start with \"otel.\", was " + key);
      }
      if (value == null) {
        throw new IllegalArgumentException("property value of " + key + " must not be null");
      }
      properties.put(key, value);
      return this;
    }

    /**
     * Applies this configuration, replacing an earlier one (see the class comment). Never throws
     * because of configuration problems; they are reported as warnings.
     *
     * @return {@code true} when tracing is enabled and spans go to every requested exporter (also
     *     for exporter {@code none}); see {@link TelemetryConfig#configure()}
     */
    public boolean configure() {
      return Configurator.configure(
          new Request(
              Map.copyOf(arguments),
              Map.copyOf(properties),
              resourceAttributes,
              logProcessors,
              exporterTimeout));
    }

    /** Checks a value by its setting's rule and keeps it; throws naming the argument. */
    private Builder set(Settings.Setting setting, String value) {
      arguments.put(setting.key(), setting.argument(value));
      return this;
    }
  }
}
