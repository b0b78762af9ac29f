package dev.optel;

import java.util.Map;

/**
 * A step of the structured-log pipeline that {@code TelemetryConfig} sets up: it sees each event's
 * fields before the event is rendered, and may add, change or remove fields, or drop the event.
 * Processors run in the order they were configured.
 *
 * <p>The map holds at least {@code timestamp}, {@code level}, {@code logger} and {@code event},
 * then {@code trace_id} and {@code span_id} when a span is current, the MDC, the bound fields and
 * the event's key-values, in insertion order; a user field named like one of optel's fields appears
 * with the prefix {@code field_} ({@code field_event}). It is mutable and owned by the pipeline for
 * the duration of the call. A processor may change any field, optel's own included: what it returns
 * is rendered as is.
 *
 * <pre>{@code
 * LogProcessor redact = event -> {
 *   event.computeIfPresent("password", (k, v) -> "***");
 *   return event;
 * };
 * LogProcessor dropHealthChecks = event -> "health_check".equals(event.get("event")) ? null : event;
 * }</pre>
 *
 * <p>A processor that throws (a {@link StackOverflowError} included) is reported once and skipped
 * for that event; the event is still written.
 */
@FunctionalInterface
public interface LogProcessor {
  /**
   * Processes one event.
   *
   * @param event the event's fields; may be modified in place
   * @return the fields to pass on (usually {@code event} itself), or {@code null} to drop the event
   */
  Map<String, Object> process(Map<String, Object> event);
}
