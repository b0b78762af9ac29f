package dev.optel.tests;

import dev.optel.testsupport.OtelExtension;

/**
 * What the current Surefire execution put on the class path. The execution id comes from the pom
 * ({@code optel.test.classpath}); the booleans are asked of the class loader, so a test keyed on
 * them sees what is really there, and {@link ClasspathTest} checks that both agree.
 */
final class Cp {
  static final String ID = System.getProperty("optel.test.classpath", "unknown");

  static final boolean OTEL_API = present("io.opentelemetry.api.trace.Span");
  static final boolean OTEL_SDK = present("io.opentelemetry.sdk.trace.SdkTracerProvider");
  static final boolean SDK_TESTING =
      present("io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter");

  /** The stable metrics API (OpenTelemetry 1.10+); 1.0.0 has none. */
  static final boolean METRICS_API =
      OTEL_API
          && present("io.opentelemetry.api.metrics.LongCounter")
          && present("io.opentelemetry.api.metrics.ObservableDoubleGauge");

  static final boolean METRICS_TESTING =
      present("io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader");
  static final boolean AGENT = present("io.opentelemetry.javaagent.OpenTelemetryAgent");
  static final boolean SLF4J_API = present("org.slf4j.Logger");
  static final boolean LOGBACK = present("ch.qos.logback.classic.Logger");
  static final boolean LOG4J = present("org.apache.logging.log4j.core.LoggerContext");
  static final boolean LOG4J_SLF4J2 = present("org.apache.logging.slf4j.SLF4JServiceProvider");
  static final boolean SIMPLE = present("org.slf4j.simple.SimpleLogger");

  /** An SLF4J 2 provider is present, so log events are written. */
  static final boolean PROVIDER = SLF4J_API && (LOGBACK || LOG4J_SLF4J2 || SIMPLE);

  /** Structured events can be read back (key-value pairs, markers) through a test appender. */
  static final boolean CAPTURABLE = SLF4J_API && (LOGBACK || LOG4J_SLF4J2);

  /** Finished spans can be read back from an in-memory exporter installed by the tests. */
  static final boolean SDK = OtelExtension.sdkAvailable();

  /** Metrics can be read back from the in-memory reader the tests install ({@code MetricsSdk}). */
  static final boolean METRICS_SDK = SDK && METRICS_API && METRICS_TESTING;

  private Cp() {}

  static boolean present(String name) {
    try {
      Class.forName(name, false, Cp.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
