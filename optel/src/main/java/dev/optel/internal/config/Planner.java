package dev.optel.internal.config;

import dev.optel.LogLevel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link Request} and the environment into a {@link Plan}. Each bad value gets one warning
 * naming its variable (or system property) and value, and is replaced by its default.
 */
final class Planner {
  static final Set<String> SAMPLERS = Set.of("always_on", "always_off", "traceidratio",
      "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio");
  private static final List<String> URL_KEYS = List.of("otel.exporter.otlp.endpoint",
      "otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.metrics.endpoint",
      "otel.exporter.otlp.logs.endpoint", "otel.exporter.zipkin.endpoint");
  private static final List<String> PROTOCOL_KEYS =
      List.of("otel.exporter.otlp.protocol", "otel.exporter.otlp.traces.protocol");
  private static final List<String> TIMEOUT_KEYS = List.of("otel.exporter.otlp.timeout",
      "otel.exporter.otlp.traces.timeout", "otel.exporter.zipkin.timeout");

  private final Request request;
  private final Sources sources;
  private final Set<String> extraExporters;
  private final Set<String> extraSamplers;
  private final Map<String, String> sdk;

  Planner(Request request, Sources sources, Set<String> extraExporters, Set<String> extraSamplers) {
    this.request = request;
    this.sources = sources;
    this.extraExporters = extraExporters;
    this.extraSamplers = extraSamplers;
    this.sdk = sources.allOtel();
  }

  Plan plan() {
    LogLevel level = logLevel();
    boolean traceEnabled = traceEnabled();
    for (String key : URL_KEYS) {
      check(key, Request::isHttpUrl,
          "not an http(s) URL with a host (and a port from 1 to 65535)");
    }
    for (String key : PROTOCOL_KEYS) {
      check(key, v -> v.equals("grpc") || v.equals("http/protobuf"),
          "not a supported protocol (grpc, http/protobuf)");
    }
    for (String key : TIMEOUT_KEYS) {
      check(key, v -> parseDuration(v) != null, "not a duration (milliseconds, or 10s, 500ms)");
    }
    String sampler = check("otel.traces.sampler",
        v -> SAMPLERS.contains(v) || extraSamplers.contains(v), "not a known sampler");
    if (sampler != null && sampler.endsWith("traceidratio")) {
      check("otel.traces.sampler.arg", Planner::isRatio, "not a ratio between 0 and 1");
    }
    List<String> exporters = new ArrayList<>();
    String exportersOrigin = exporters(exporters);
    Map<String, String> attributes = resourceAttributes();
    String serviceName = serviceName(attributes);
    attributes.remove("service.name");

    // A builder's general OTLP setting wins over a traces-specific one from the environment.
    for (String generic : List.of("otel.exporter.otlp.endpoint", "otel.exporter.otlp.protocol")) {
      String specific = generic.replace(".otlp.", ".otlp.traces.");
      if (request.properties().containsKey(generic)
          && !request.properties().containsKey(specific)) {
        sdk.remove(specific);
      }
    }
    Duration timeout = request.exporterTimeout();
    if (timeout != null) {
      String ms = Long.toString(millis(timeout));
      sdk.put("otel.exporter.otlp.timeout", ms);
      sdk.put("otel.exporter.otlp.traces.timeout", ms);
      sdk.put("otel.exporter.zipkin.timeout", ms);
      sdk.put("otel.bsp.export.timeout", ms);
    } else {
      timeout = firstDuration("otel.exporter.otlp.traces.timeout", "otel.exporter.otlp.timeout");
    }
    Duration zipkinTimeout = firstDuration("otel.exporter.zipkin.timeout");
    String zipkin = sdk.getOrDefault("otel.exporter.zipkin.endpoint", Plan.DEFAULT_ZIPKIN_ENDPOINT);
    // Settings the SDK must not apply itself: optel resolves them (and their precedence) here.
    sdk.remove("otel.service.name");
    sdk.remove("otel.resource.attributes");
    sdk.remove("otel.sdk.disabled");
    Plan.SDK_DEFAULTS.forEach(sdk::putIfAbsent);
    return new Plan(level, request.logProcessors() == null ? List.of() : request.logProcessors(),
        traceEnabled, List.copyOf(exporters), exportersOrigin, serviceName, Map.copyOf(attributes),
        Map.copyOf(sdk), origins(), timeout == null ? Plan.DEFAULT_TIMEOUT : timeout,
        zipkinSpansUrl(zipkin.strip()),
        zipkinTimeout != null ? zipkinTimeout : timeout == null ? Plan.DEFAULT_TIMEOUT : timeout);
  }

  /**
   * Where the SDK settings the user chose came from. The exporter list is left out: optel builds
   * it, and the installer deals with exporters that cannot be set up.
   */
  private Map<String, String> origins() {
    Map<String, String> origins = new LinkedHashMap<>();
    for (String key : sdk.keySet()) {
      Sources.Value v = sources.get(key);
      // A value optel replaced (a timeout from the builder's exporterTimeout) is optel's choice.
      if (v != null && !key.equals("otel.traces.exporter")
          && v.value().strip().equalsIgnoreCase(sdk.get(key).strip())) {
        origins.put(key, v.origin());
      }
    }
    return Map.copyOf(origins);
  }

  private LogLevel logLevel() {
    if (request.logLevel() != null) {
      return request.logLevel();
    }
    Sources.Value v = sources.get("optel.log.level");
    if (v == null) {
      return LogLevel.INFO;
    }
    switch (v.value().strip().toLowerCase(Locale.ROOT)) {
      case "debug": return LogLevel.DEBUG;
      case "info": return LogLevel.INFO;
      case "warn": case "warning": return LogLevel.WARNING;
      case "error": return LogLevel.ERROR;
      case "critical": return LogLevel.CRITICAL;
      default:
        bad(v, "not a log level (debug, info, warning, error, critical)", "info");
        return LogLevel.INFO;
    }
  }

  private boolean traceEnabled() {
    if (request.traceEnabled() != null) {
      return request.traceEnabled();
    }
    Sources.Value v = sources.get("otel.sdk.disabled");
    if (v == null) {
      return true;
    }
    String s = v.value().strip();
    if (s.equalsIgnoreCase("true")) {
      return false;
    }
    if (!s.equalsIgnoreCase("false")) {
      bad(v, "not a boolean; only \"true\" disables the SDK", "false");
    }
    return true;
  }

  /** Fills {@code out} with the valid exporter names; returns where they came from. */
  private String exporters(List<String> out) {
    Set<String> names = new LinkedHashSet<>();
    String origin;
    if (request.traceExporters() != null) {
      names.addAll(request.traceExporters());
      origin = "traceExporters";
    } else {
      Sources.Value v = sources.get("otel.traces.exporter");
      if (v == null) {
        names.add("otlp");
        origin = "OTEL_TRACES_EXPORTER (unset; the default is otlp)";
      } else {
        origin = v.origin();
        for (String raw : v.value().split(",")) {
          String name = raw.strip().toLowerCase(Locale.ROOT);
          if (name.isEmpty()) {
            continue;
          }
          if (ExporterNames.isKnown(name) || extraExporters.contains(name)) {
            names.add(name);
          } else if (ExporterNames.retired(name) != null) {
            ConfigWarnings.warn(v.origin() + "=\"" + v.value() + "\": " + name + " is skipped; "
                + ExporterNames.retired(name));
          } else {
            ConfigWarnings.warn(v.origin() + "=\"" + v.value() + "\": unknown exporter \"" + name
                + "\" is skipped (known: " + ExporterNames.list() + ")");
          }
        }
        if (names.isEmpty()) {
          ConfigWarnings.warn(v.origin() + "=\"" + v.value()
              + "\" names no usable exporter; using the default, otlp");
          names.add("otlp");
        }
      }
    }
    names.remove("none");
    out.addAll(names);
    return origin;
  }

  private Map<String, String> resourceAttributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    Sources.Value v = sources.get("otel.resource.attributes");
    if (v != null) {
      try {
        attributes.putAll(ResourceAttributes.parse(v.value()));
      } catch (ResourceAttributes.Malformed e) {
        ConfigWarnings.warn(v.origin() + "=\"" + v.value() + "\" is malformed (" + e.getMessage()
            + "); all of its attributes are ignored, as the OpenTelemetry specification asks");
      }
    }
    if (request.resourceAttributes() != null) {
      attributes.putAll(request.resourceAttributes());
    }
    return attributes;
  }

  /** Builder > OTEL_SERVICE_NAME > service.name in the resource attributes > SDK default. */
  private String serviceName(Map<String, String> attributes) {
    if (request.serviceName() != null) {
      return request.serviceName();
    }
    Sources.Value v = sources.get("otel.service.name");
    if (v != null) {
      return v.value().strip();
    }
    String fromAttributes = attributes.get("service.name");
    return fromAttributes == null || fromAttributes.isBlank() ? null : fromAttributes;
  }

  /**
   * The Zipkin URL spans are posted to: a base URL ({@code http://zipkin:9411}, with or without a
   * trailing slash) gets the path the specification's default has, {@code /api/v2/spans}; posting
   * to the base URL itself would get Zipkin UI's redirect.
   */
  static String zipkinSpansUrl(String url) {
    URI uri = URI.create(url);
    String path = uri.getRawPath();
    if ((path == null || path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null
        && uri.getRawFragment() == null) {
      return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
          + Plan.ZIPKIN_SPANS_PATH;
    }
    return url;
  }

  /** Checks a property; a bad value is reported and removed so that the SDK uses its default. */
  private String check(String key, java.util.function.Predicate<String> valid, String problem) {
    Sources.Value v = sources.get(key);
    if (v == null) {
      sdk.remove(key);
      return null;
    }
    String value = v.value().strip();
    if (key.endsWith(".sampler") || key.endsWith(".protocol")) {
      value = value.toLowerCase(Locale.ROOT);
    }
    if (valid.test(value)) {
      sdk.put(key, value);
      return value;
    }
    bad(v, problem, "its default");
    sdk.remove(key);
    return null;
  }

  private Duration firstDuration(String... keys) {
    for (String key : keys) {
      String v = sdk.get(key);
      Duration d = v == null ? null : parseDuration(v);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static void bad(Sources.Value v, String problem, String fallback) {
    ConfigWarnings.warn(v.origin() + "=\"" + v.value() + "\" is " + problem + "; using "
        + fallback);
  }

  private static boolean isRatio(String v) {
    try {
      double d = Double.parseDouble(v);
      return d >= 0.0 && d <= 1.0;
    } catch (NumberFormatException e) {
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
        case "": case "ms": d = Duration.ofMillis(n); break;
        case "s": d = Duration.ofSeconds(n); break;
        case "m": d = Duration.ofMinutes(n); break;
        case "h": d = Duration.ofHours(n); break;
        case "d": d = Duration.ofDays(n); break;
        default: return null;
      }
      millis(d);
    } catch (ArithmeticException tooLong) {
      return null;
    }
    return d.isZero() ? null : d;
  }

  /** Milliseconds, saturating instead of overflowing. */
  static long millis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
