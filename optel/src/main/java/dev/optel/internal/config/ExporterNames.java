package dev.optel.internal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one table of trace exporter names optel knows, read through {@link Settings#TRACES_EXPORTER}
 * by the builder ({@code TelemetryConfig.Builder.traceExporters}) and the environment path ({@code
 * OTEL_TRACES_EXPORTER}), and by the installer (what to add when an exporter is missing).
 */
public final class ExporterNames {
  /** Name to what to add when it is missing ({@code ""}: always there), in the order shown. */
  private static final Map<String, String> KNOWN = known();

  /**
   * The metrics-only exporter: not a trace exporter name, but its artifact is named the same way.
   */
  private static final String PROMETHEUS_ARTIFACT =
      "dev.optel:optel-prometheus with <type>pom</type>"
          + " (or io.opentelemetry:opentelemetry-exporter-prometheus)";

  /** What people type for an exporter that OpenTelemetry Java no longer has, and what to do. */
  private static final Map<String, String> RETIRED =
      Map.of(
          "jaeger",
          "OpenTelemetry Java no longer has a Jaeger exporter, and Jaeger accepts OTLP: use the otlp"
              + " exporter with Jaeger's OTLP port, for example OTEL_TRACES_EXPORTER=otlp"
              + " OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4317 (or traceExporters(List.of(\"otlp\"))"
              + " with otlpEndpoint(\"http://jaeger:4317\"))");

  private ExporterNames() {}

  private static Map<String, String> known() {
    Map<String, String> known = new LinkedHashMap<>();
    known.put(
        "otlp",
        "dev.optel:optel-otlp with <type>pom</type> (or"
            + " io.opentelemetry:opentelemetry-exporter-otlp)");
    known.put("console", "");
    known.put(
        "zipkin",
        "dev.optel:optel-zipkin with <type>pom</type> (or"
            + " io.zipkin.reporter2:zipkin-reporter and zipkin-sender-urlconnection)");
    known.put("none", "");
    known.put("logging", "io.opentelemetry:opentelemetry-exporter-logging");
    known.put("logging-otlp", "io.opentelemetry:opentelemetry-exporter-logging-otlp");
    return Collections.unmodifiableMap(known);
  }

  /**
   * Checks an exporter name; the rule of {@link Settings#TRACES_EXPORTER}.
   *
   * @param name an exporter name, lower case
   * @param added names that span exporter providers on the class path add
   * @return {@code null} when the name is usable; else what is wrong, with what to do instead
   */
  static String problem(String name, Set<String> added) {
    if (KNOWN.containsKey(name) || added.contains(name)) {
      return null;
    }
    String advice = RETIRED.get(name);
    return advice != null
        ? advice
        : "unknown exporter (known: " + String.join(", ", KNOWN.keySet()) + ")";
  }

  /**
   * Says what to add to the class path for an exporter.
   *
   * @param name a known exporter name
   * @return the artifact(s), or {@code null} for names that need nothing or are not known
   */
  public static String artifact(String name) {
    String artifact = name.equals("prometheus") ? PROMETHEUS_ARTIFACT : KNOWN.get(name);
    return artifact == null || artifact.isEmpty() ? null : artifact;
  }
}
