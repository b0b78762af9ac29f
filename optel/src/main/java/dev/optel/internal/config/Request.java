package dev.optel.internal.config;

import dev.optel.LogProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The arguments a {@code TelemetryConfig.Builder} collected; {@code null} means "not set, use the
 * environment".
 *
 * @param arguments values of the builder methods that set a setting of {@link Settings}, by its
 *     key, already checked and normalised there
 * @param properties {@code otel.*} properties set with {@code property(key, value)}
 * @param resourceAttributes programmatic resource attributes; they win per key
 * @param logProcessors the log processors
 * @param exporterTimeout the export and shutdown timeout
 */
public record Request(
    Map<String, String> arguments,
    Map<String, String> properties,
    Map<String, String> resourceAttributes,
    List<LogProcessor> logProcessors,
    Duration exporterTimeout) {}
