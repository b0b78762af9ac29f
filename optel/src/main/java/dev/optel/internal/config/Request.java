package dev.optel.internal.config;

import dev.optel.LogLevel;
import dev.optel.LogProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The arguments a {@code TelemetryConfig.Builder} collected; {@code null} means "not set, use the
 * environment".
 *
 * @param serviceName the service name
 * @param resourceAttributes programmatic resource attributes
 * @param traceEnabled whether tracing is on
 * @param logLevel the JSON output level
 * @param logProcessors the log processors
 * @param traceExporters the exporter names
 * @param exporterTimeout the export and shutdown timeout
 * @param properties {@code otel.*} properties set on the builder
 */
public record Request(
    String serviceName,
    Map<String, String> resourceAttributes,
    Boolean traceEnabled,
    LogLevel logLevel,
    List<LogProcessor> logProcessors,
    List<String> traceExporters,
    Duration exporterTimeout,
    Map<String, String> properties) {

  /** A request with nothing set: the environment decides everything. */
  public static final Request EMPTY = new Request(null, null, null, null, null, null, null,
      Map.of());

  /**
   * Tells whether a string is an absolute http or https URL with a host and, when it names a port,
   * a port from 1 to 65535 ({@link URI} alone accepts any number of port digits, and exporters
   * then fail only when they first send).
   *
   * @param url the candidate; surrounding blanks are ignored, blanks inside are not allowed
   * @return {@code true} when usable as an exporter endpoint
   */
  public static boolean isHttpUrl(String url) {
    if (url == null || url.isBlank()) {
      return false;
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme();
      int port = uri.getPort();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null && !uri.getHost().isEmpty()
          && (port == -1 || port >= 1 && port <= 65535);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
