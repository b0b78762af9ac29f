package dev.optel.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The one table of the settings optel reads and checks itself: for each, its property name, its
 * environment variable, the builder method that sets it, how a value is normalised and checked, and
 * its default. The builder ({@code TelemetryConfig.Builder}) and the environment path ({@link
 * Planner}) both check values here, so a rule exists once; a bad builder argument throws, a bad
 * variable or property is reported and replaced by the default.
 *
 * <p>Every other {@code otel.*} setting of the SDK specification is passed to the SDK as it is and
 * checked by the SDK's autoconfigure module.
 */
public final class Settings {
  /** The specification's built-in samplers. */
  private static final Set<String> SAMPLERS =
      Set.of(
          "always_on",
          "always_off",
          "traceidratio",
          "parentbased_always_on",
          "parentbased_always_off",
          "parentbased_traceidratio");

  private static final Set<String> LOG_LEVELS =
      Set.of("debug", "info", "warning", "error", "critical");

  /** The log exporters optel sets up itself or hands to autoconfigure. */
  private static final Set<String> LOG_EXPORTERS = Set.of("otlp", "console", "none");

  /** The metric exporters optel sets up itself or hands to autoconfigure. */
  private static final Set<String> METRIC_EXPORTERS =
      Set.of("otlp", "console", "prometheus", "none");

  private static final Set<String> PROTOCOLS = Set.of("grpc", "http/protobuf");
  private static final String NOT_A_URL =
      "not an http(s) URL with a host (and a port from 1 to 65535)";
  private static final String NOT_A_DURATION = "not a duration (milliseconds, or 10s, 500ms)";
  private static final String SDK_DEFAULT = "its default";

  /**
   * One row of the table.
   *
   * @param key the property name: the system property, and the key of {@code
   *     TelemetryConfig.Builder.property}
   * @param variable the environment variable
   * @param argument the builder method that sets it, or {@code null}
   * @param list whether the value is a comma-separated list whose elements are checked one by one
   * @param normaliser turns a raw value (or list element) into the form that is checked and used
   * @param problem says what is wrong with a normalised value (or element), or returns {@code null}
   *     when it is valid; its second argument holds the names that providers on the class path add
   *     (empty for settings that take no names)
   * @param defaultValue what is used instead of a bad value, for messages
   */
  public record Setting(
      String key,
      String variable,
      String argument,
      boolean list,
      UnaryOperator<String> normaliser,
      BiFunction<String, Set<String>, String> problem,
      String defaultValue) {

    /**
     * Checks a builder argument; a list is given comma-separated.
     *
     * @param value the argument
     * @return the normalised value
     * @throws IllegalArgumentException naming the argument when the value is null or invalid
     */
    public String argument(String value) {
      if (value == null) {
        throw new IllegalArgumentException(argument + " must not be null");
      }
      if (!list) {
        String normalised = normaliser.apply(value);
        String wrong = problem.apply(normalised, Set.of());
        if (wrong != null) {
          throw new IllegalArgumentException(argument + " is " + wrong + ", was \"" + value + "\"");
        }
        return normalised;
      }
      List<String> elements = new ArrayList<>();
      for (String element : value.split(",", -1)) {
        String normalised = normaliser.apply(element);
        String wrong = normalised.isEmpty() ? "an empty name" : problem.apply(normalised, Set.of());
        if (wrong != null) {
          throw new IllegalArgumentException(argument + " contains \"" + element + "\": " + wrong);
        }
        elements.add(normalised);
      }
      return String.join(",", elements);
    }
  }

  /** {@code OTEL_SDK_DISABLED}: only {@code true} disables. */
  public static final Setting SDK_DISABLED =
      row(
          "otel.sdk.disabled",
          "traceEnabled",
          Settings::lowerCase,
          v ->
              v.equals("true") || v.equals("false")
                  ? null
                  : "not a boolean; only \"true\" disables the SDK",
          "false");

  /** {@code OTEL_SERVICE_NAME}. */
  public static final Setting SERVICE_NAME =
      row(
          "otel.service.name",
          "serviceName",
          String::strip,
          v -> v.isEmpty() ? "blank" : null,
          "service.name from the resource attributes, else the SDK's default");

  /** {@code OTEL_RESOURCE_ATTRIBUTES}, parsed as the specification says. */
  static final Setting RESOURCE_ATTRIBUTES =
      row(
          "otel.resource.attributes",
          null,
          UnaryOperator.identity(),
          ResourceAttributes::problem,
          "none of its attributes, as the OpenTelemetry specification asks");

  /** {@code OTEL_TRACES_EXPORTER}: names from {@link ExporterNames} or added by providers. */
  public static final Setting TRACES_EXPORTER =
      named("otel.traces.exporter", "traceExporters", true, ExporterNames::problem, "otlp");

  /**
   * {@code OTEL_LOGS_EXPORTER}: {@code otlp}, {@code console}, {@code none}, or names that log
   * record exporter providers add. The default is {@code none}, not the specification's {@code
   * otlp}: optel already writes every event as a JSON line, and a collector that reads those would
   * receive each event twice (README, "Logs export").
   */
  public static final Setting LOGS_EXPORTER =
      named(
          "otel.logs.exporter",
          "logExporters",
          true,
          (v, added) ->
              LOG_EXPORTERS.contains(v) || added.contains(v)
                  ? null
                  : "not a log exporter (console, none, otlp)",
          "none");

  /**
   * {@code OTEL_METRICS_EXPORTER}: {@code otlp}, {@code console}, {@code prometheus}, {@code none},
   * or names that metric exporter or reader providers add. The default is {@code none}, not the
   * specification's {@code otlp} (README, "Metrics export").
   */
  public static final Setting METRICS_EXPORTER =
      named(
          "otel.metrics.exporter",
          "metricExporters",
          true,
          (v, added) ->
              METRIC_EXPORTERS.contains(v) || added.contains(v)
                  ? null
                  : "not a metric exporter (console, none, otlp, prometheus)",
          "none");

  /** {@code OTEL_METRIC_EXPORT_INTERVAL}: how often metrics are read and exported. */
  public static final Setting METRIC_EXPORT_INTERVAL =
      row(
          "otel.metric.export.interval",
          null,
          String::strip,
          v -> parseDuration(v) != null ? null : NOT_A_DURATION,
          "60000 (60 s)");

  /**
   * {@code OTEL_EXPORTER_PROMETHEUS_PORT}: where the Prometheus exporter serves {@code /metrics}.
   */
  public static final Setting PROMETHEUS_PORT =
      row(
          "otel.exporter.prometheus.port",
          null,
          String::strip,
          v -> isPort(v) ? null : "not a port (1 to 65535)",
          "9464");

  /** {@code OTEL_TRACES_SAMPLER}; providers on the class path may add names. */
  public static final Setting SAMPLER =
      named(
          "otel.traces.sampler",
          "sampler",
          false,
          (v, added) ->
              SAMPLERS.contains(v) || added.contains(v)
                  ? null
                  : "not a known sampler (" + String.join(", ", new TreeSet<>(SAMPLERS)) + ")",
          "parentbased_always_on");

  /** {@code OTEL_TRACES_SAMPLER_ARG}, checked as a ratio for the {@code traceidratio} samplers. */
  public static final Setting SAMPLER_RATIO =
      row(
          "otel.traces.sampler.arg",
          "samplerRatio",
          String::strip,
          v -> isRatio(v) ? null : "not a ratio between 0 and 1",
          "1.0");

  /** {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public static final Setting OTLP_ENDPOINT =
      url(
          "otel.exporter.otlp.endpoint",
          "otlpEndpoint",
          SDK_DEFAULT + " (http://localhost:4317, or :4318 for http/protobuf)");

  /** {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}; a base URL gets the path {@code /api/v2/spans}. */
  public static final Setting ZIPKIN_ENDPOINT =
      url("otel.exporter.zipkin.endpoint", "zipkinEndpoint", Plan.DEFAULT_ZIPKIN_ENDPOINT);

  /** {@code OTEL_EXPORTER_OTLP_PROTOCOL}. */
  public static final Setting OTLP_PROTOCOL =
      protocol("otel.exporter.otlp.protocol", "otlpProtocol", "grpc");

  /** {@code OTEL_EXPORTER_OTLP_TIMEOUT}; the builder's {@code exporterTimeout} sets it. */
  static final Setting OTLP_TIMEOUT = timeout("otel.exporter.otlp.timeout");

  /** {@code OTEL_EXPORTER_OTLP_TRACES_TIMEOUT}; the builder's {@code exporterTimeout} sets it. */
  static final Setting OTLP_TRACES_TIMEOUT = timeout("otel.exporter.otlp.traces.timeout");

  /** {@code OTEL_EXPORTER_ZIPKIN_TIMEOUT}; the builder's {@code exporterTimeout} sets it. */
  static final Setting ZIPKIN_TIMEOUT = timeout("otel.exporter.zipkin.timeout");

  /** {@code OPTEL_LOG_LEVEL}; {@code warn} means {@code warning}. */
  public static final Setting LOG_LEVEL =
      row(
          "optel.log.level",
          "logLevel",
          v -> lowerCase(v).equals("warn") ? "warning" : lowerCase(v),
          v ->
              LOG_LEVELS.contains(v)
                  ? null
                  : "not a log level (debug, info, warning, error, critical)",
          "info");

  /** Every row, in the order the planner checks them. */
  static final List<Setting> ALL =
      List.of(
          SDK_DISABLED,
          SERVICE_NAME,
          RESOURCE_ATTRIBUTES,
          TRACES_EXPORTER,
          LOGS_EXPORTER,
          METRICS_EXPORTER,
          METRIC_EXPORT_INTERVAL,
          PROMETHEUS_PORT,
          SAMPLER,
          SAMPLER_RATIO,
          OTLP_ENDPOINT,
          url("otel.exporter.otlp.traces.endpoint", null, SDK_DEFAULT),
          url("otel.exporter.otlp.metrics.endpoint", null, SDK_DEFAULT),
          url("otel.exporter.otlp.logs.endpoint", null, SDK_DEFAULT),
          ZIPKIN_ENDPOINT,
          OTLP_PROTOCOL,
          protocol("otel.exporter.otlp.traces.protocol", null, SDK_DEFAULT),
          OTLP_TIMEOUT,
          OTLP_TRACES_TIMEOUT,
          ZIPKIN_TIMEOUT,
          LOG_LEVEL);

  private static final Map<String, Setting> BY_KEY =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::key, s -> s));

  private Settings() {}

  /**
   * Finds a row.
   *
   * @param key a property name
   * @return its row, or {@code null} when optel leaves the setting to the SDK
   */
  static Setting of(String key) {
    return BY_KEY.get(key);
  }

  /** A row of names in any case, which providers on the class path may add to. */
  private static Setting named(
      String key,
      String argument,
      boolean list,
      BiFunction<String, Set<String>, String> problem,
      String defaultValue) {
    return new Setting(
        key, Sources.variableOf(key), argument, list, Settings::lowerCase, problem, defaultValue);
  }

  /** A row whose rule takes no names from providers. */
  private static Setting row(
      String key,
      String argument,
      UnaryOperator<String> normaliser,
      Function<String, String> problem,
      String defaultValue) {
    return new Setting(
        key,
        Sources.variableOf(key),
        argument,
        false,
        normaliser,
        (v, added) -> problem.apply(v),
        defaultValue);
  }

  private static Setting url(String key, String argument, String defaultValue) {
    return row(key, argument, String::strip, v -> isHttpUrl(v) ? null : NOT_A_URL, defaultValue);
  }

  private static Setting protocol(String key, String argument, String defaultValue) {
    return row(
        key,
        argument,
        Settings::lowerCase,
        v -> PROTOCOLS.contains(v) ? null : "not a supported protocol (grpc, http/protobuf)",
        defaultValue);
  }

  private static Setting timeout(String key) {
    return row(
        key,
        null,
        String::strip,
        v -> parseDuration(v) != null ? null : NOT_A_DURATION,
        SDK_DEFAULT);
  }

  private static String lowerCase(String v) {
    return v.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Tells whether a string is an absolute http or https URL with a host and, when it names a port,
   * a port from 1 to 65535 ({@link URI} alone accepts any number of port digits, and exporters then
   * fail only when they first send). Blanks inside are not allowed.
   */
  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      int port = uri.getPort();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null
          && !uri.getHost().isEmpty()
          && (port == -1 || port >= 1 && port <= 65535);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Parses {@code 1500}, {@code 1500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d}. */
  static Duration parseDuration(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == 0 || i > 15) {
      return null;
    }
    long n = Long.parseLong(s.substring(0, i));
    Duration d;
    try {
      switch (s.substring(i).strip()) {
        case "":
        case "ms":
          d = Duration.ofMillis(n);
          break;
        case "s":
          d = Duration.ofSeconds(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        case "d":
          d = Duration.ofDays(n);
          break;
        default:
          return null;
      }
      d.toMillis();
    } catch (ArithmeticException tooLong) {
      return null;
    }
    return d.isZero() ? null : d;
  }

  private static boolean isPort(String v) {
    try {
      int port = Integer.parseInt(v);
      return port >= 1 && port <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isRatio(String v) {
    try {
      double d = Double.parseDouble(v);
      return d >= 0.0 && d <= 1.0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
