package dev.optel;

/**
 * The role of a span in a trace, as OpenTelemetry defines it. Backends that know span kinds
 * (OpenTelemetry, Zipkin, Jaeger) use it to pair a caller's {@link #CLIENT} span with the callee's
 * {@link #SERVER} span; without OpenTelemetry it is ignored.
 */
public enum SpanKind {
  /** An operation inside the process; the kind of every span started without one. */
  INTERNAL,
  /** The handling of a synchronous request from a remote caller. */
  SERVER,
  /** A synchronous request to a remote service. */
  CLIENT,
  /** The sending of a message that a {@link #CONSUMER} handles later. */
  PRODUCER,
  /** The handling of a message sent by a {@link #PRODUCER}. */
  CONSUMER
}
