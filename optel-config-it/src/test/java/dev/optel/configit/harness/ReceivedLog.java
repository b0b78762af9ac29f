package dev.optel.configit.harness;

import java.util.Map;

/**
 * A log record as an OTLP receiver decoded it.
 *
 * @param traceId 32 lower-case hex digits, or {@code ""} without a trace
 * @param spanId 16 lower-case hex digits, or {@code ""} without a span
 * @param flags the W3C trace flags (1: sampled), 0 without a span
 * @param severityNumber the severity number (9 is INFO, 21 FATAL)
 * @param severityText the severity text
 * @param eventName the event name
 * @param body the body as a string
 * @param scope the instrumentation scope (optel's logger name)
 * @param attributes the attributes with their OTLP types: {@code String}, {@code Boolean}, {@code
 *     Long}, {@code Double}, or a {@code List} of these for an array
 * @param resource the resource attributes as strings
 */
public record ReceivedLog(
    String traceId,
    String spanId,
    int flags,
    int severityNumber,
    String severityText,
    String eventName,
    String body,
    String scope,
    Map<String, Object> attributes,
    Map<String, String> resource) {}
