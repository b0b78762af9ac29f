package dev.optel.internal.config;

import dev.optel.LogLevel;
import dev.optel.LogProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A checked configuration: every value valid, every precedence rule applied.
 *
 * @param logLevel the JSON output level
 * @param logProcessors the log processors, in order
 * @param traceEnabled whether to set up tracing
 * @param exporters the exporter names to set up, without {@code none}; empty for none
 * @param exportersOrigin where the exporter list came from, for warnings
 * @param logExporters the log exporter names to set up, without {@code none}; empty for none
 * @param metricExporters the metric exporter names to set up, without {@code none}; empty for none
 * @param serviceName the service name, or {@code null} for the SDK's default
 * @param resourceAttributes resource attributes (environment merged with the builder's), without
 *     {@code service.name}
 * @param sdkProperties every {@code otel.*} property, merged and checked, for the SDK
 * @param sdkOrigins where each of the {@code sdkProperties} the user set came from ({@code
 *     OTEL_BSP_SCHEDULE_DELAY}, {@code system property otel.bsp.schedule.delay}, ...), for warnings
 *     about settings the SDK rejects; settings optel decides itself are absent
 * @param exporterTimeout the export timeout, also the bound of {@code shutdown}
 * @param zipkinEndpoint the Zipkin URL that accepts spans (a base URL completed with {@link
 *     #ZIPKIN_SPANS_PATH})
 * @param zipkinTimeout the Zipkin export timeout
 * @param warnings one line for each bad value, naming where it came from; the plan uses the default
 *     instead
 */
public record Plan(
    LogLevel logLevel,
    List<LogProcessor> logProcessors,
    boolean traceEnabled,
    List<String> exporters,
    String exportersOrigin,
    List<String> logExporters,
    List<String> metricExporters,
    String serviceName,
    Map<String, String> resourceAttributes,
    Map<String, String> sdkProperties,
    Map<String, String> sdkOrigins,
    Duration exporterTimeout,
    String zipkinEndpoint,
    Duration zipkinTimeout,
    List<String> warnings) {

  /** The path of the Zipkin endpoint that accepts spans, added to a base URL. */
  public static final String ZIPKIN_SPANS_PATH = "/api/v2/spans";

  /** The default Zipkin endpoint. */
  public static final String DEFAULT_ZIPKIN_ENDPOINT = "http://localhost:9411" + ZIPKIN_SPANS_PATH;

  /**
   * optel's defaults for SDK properties whose SDK default differs: metrics and logs are only
   * exported when asked for (see {@link Settings#LOGS_EXPORTER}).
   */
  public static final Map<String, String> SDK_DEFAULTS =
      Map.of("otel.metrics.exporter", "none", "otel.logs.exporter", "none");

  /** The default export timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
}
