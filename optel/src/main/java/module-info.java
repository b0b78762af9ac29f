/**
 * optel: optional OpenTelemetry tracing and SLF4J 2 structured logging behind one small API.
 *
 * <p>Both backends are {@code requires static}: the module resolves and runs without them, and
 * lights up when the application's module graph (or class path) contains them.
 */
module dev.optel {
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;
  requires static org.slf4j;
  requires static ch.qos.logback.classic;
  requires static ch.qos.logback.core;
  requires static org.apache.logging.log4j;
  requires static org.apache.logging.log4j.core;

  exports dev.optel;
}
