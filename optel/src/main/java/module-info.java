/**
 * optel: optional OpenTelemetry tracing and SLF4J 2 structured logging behind one small API.
 *
 * <p>Both backends are {@code requires static}: the module resolves and runs without them, and
 * lights up when the application's module graph (or class path) contains them.
 */
// OpenTelemetry, SLF4J, Logback, Log4j and Zipkin ship as automatic modules (no module-info of
// their own); naming them is the only way to read them from a named module.
@SuppressWarnings("requires-automatic")
module dev.optel {
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;
  requires static org.slf4j;
  requires static ch.qos.logback.classic;
  requires static ch.qos.logback.core;
  requires static org.apache.logging.log4j;
  requires static org.apache.logging.log4j.core;
  // Used by TelemetryConfig only, in dev.optel.internal.sdk, when the application has them.
  requires static io.opentelemetry.sdk;
  requires static io.opentelemetry.sdk.common;
  requires static io.opentelemetry.sdk.trace;
  requires static io.opentelemetry.sdk.logs;
  requires static io.opentelemetry.sdk.metrics;
  requires static io.opentelemetry.sdk.autoconfigure;
  requires static io.opentelemetry.sdk.autoconfigure.spi;
  requires static io.opentelemetry.exporter.otlp;
  requires static io.opentelemetry.exporter.internal;
  // The SDK's own logging: optel keeps the OTLP exporter's lines about optel's exports quiet.
  requires static java.logging;
  requires static zipkin2;
  requires static zipkin2.reporter;
  requires static zipkin2.reporter.urlconnection;
  // TracedHttp: the JDK's HTTP client and server, loaded only when an application uses it.
  requires static java.net.http;
  requires static jdk.httpserver;

  exports dev.optel;
// No "uses" for the SDK's provider interfaces: a static module's service type would make the
// module graph fail to resolve without it. dev.optel.internal.sdk adds them with Module.addUses.
}
