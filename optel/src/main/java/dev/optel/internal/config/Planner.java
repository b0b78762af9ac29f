package dev.optel.internal.config;

import static dev.optel.internal.config.Settings.LOGS_EXPORTER;
import static dev.optel.internal.config.Settings.LOG_LEVEL;
import static dev.optel.internal.config.Settings.METRICS_EXPORTER;
import static dev.optel.internal.config.Settings.OTLP_TIMEOUT;
import static dev.optel.internal.config.Settings.OTLP_TRACES_TIMEOUT;
import static dev.optel.internal.config.Settings.RESOURCE_ATTRIBUTES;
import static dev.optel.internal.config.Settings.SAMPLER;
import static dev.optel.internal.config.Settings.SAMPLER_RATIO;
import static dev.optel.internal.config.Settings.SDK_DISABLED;
import static dev.optel.internal.config.Settings.SERVICE_NAME;
import static dev.optel.internal.config.Settings.TRACES_EXPORTER;
import static dev.optel.internal.config.Settings.ZIPKIN_ENDPOINT;
import static dev.optel.internal.config.Settings.ZIPKIN_TIMEOUT;

import dev.optel.LogLevel;
import dev.optel.internal.config.Settings.Setting;
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
 * Turns a {@link Request} and the environment into a {@link Plan}. A function of its inputs only:
 * it changes none of them and reports nothing itself. Each setting of {@link Settings} is read and
 * checked once; a bad value becomes one warning in the plan, naming its variable (or property, or
 * builder method) and the value, and the setting's default is used.
 */
final class Planner {
  /** Settings optel resolves itself (with their precedence); the SDK must not apply them again. */
  private static final List<String> RESOLVED_HERE =
      List.of(SERVICE_NAME.key(), RESOURCE_ATTRIBUTES.key(), SDK_DISABLED.key());

  /** The prefix of the OTLP exporter's settings. */
  private static final String OTLP = "otel.exporter.otlp.";

  /**
   * The signals with OTLP settings of their own ({@code otel.exporter.otlp.SIGNAL.*}), which the
   * OTLP exporter reads before the general ones ({@code otel.exporter.otlp.*}).
   */
  private static final List<String> OTLP_SIGNALS = List.of("traces", "metrics", "logs");

  /** The timeouts the builder's {@code exporterTimeout} sets: each exporter's and each batch's. */
  private static final List<String> EXPORT_TIMEOUTS =
      List.of(
          OTLP_TIMEOUT.key(),
          OTLP_TRACES_TIMEOUT.key(),
          OTLP + "metrics.timeout",
          OTLP + "logs.timeout",
          ZIPKIN_TIMEOUT.key(),
          "otel.bsp.export.timeout",
          "otel.blrp.export.timeout");

  /**
   * The longest timeout optel uses and hands to the SDK: about 292 years, the most nanoseconds a
   * {@code long} holds. The SDK converts timeouts to nanoseconds, and some versions (1.28 among
   * them) fail with an overflow on longer ones.
   */
  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

  private final Request request;
  private final Sources sources;
  private final Map<String, Set<String>> added;

  /** The normalised value of each setting of {@link Settings} that is set and valid. */
  private final Map<String, String> checked = new LinkedHashMap<>();

  private final List<String> warnings = new ArrayList<>();

  private Planner(Request request, Sources sources, Map<String, Set<String>> added) {
    this.request = request;
    this.sources = sources;
    this.added = added;
    for (Setting setting : Settings.ALL) {
      if (applies(setting)) {
        String value = check(setting);
        if (value != null) {
          checked.put(setting.key(), value);
        }
      }
    }
  }

  /**
   * Plans a configuration.
   *
   * @param request the builder's arguments
   * @param sources where settings come from
   * @param added names that providers on the class path add, by setting key (exporters, samplers)
   * @return the plan, with a warning for each bad value
   */
  static Plan plan(Request request, Sources sources, Map<String, Set<String>> added) {
    return new Planner(request, sources, added).plan();
  }

  private Plan plan() {
    Map<String, String> attributes = resourceAttributes();
    String fromAttributes = attributes.remove("service.name");
    String serviceName =
        checked.getOrDefault(
            SERVICE_NAME.key(),
            fromAttributes == null || fromAttributes.isBlank() ? null : fromAttributes);
    Map<String, String> sdk = sdkProperties();
    Duration timeout =
        request.exporterTimeout() != null
            ? capped(request.exporterTimeout())
            : duration(sdk, OTLP_TRACES_TIMEOUT, duration(sdk, OTLP_TIMEOUT, Plan.DEFAULT_TIMEOUT));
    Duration zipkinTimeout =
        request.exporterTimeout() != null ? timeout : duration(sdk, ZIPKIN_TIMEOUT, timeout);
    return new Plan(
        logLevel(),
        request.logProcessors() == null ? List.of() : request.logProcessors(),
        !"true".equals(checked.get(SDK_DISABLED.key())),
        exporters(TRACES_EXPORTER),
        exportersOrigin(),
        exporters(LOGS_EXPORTER),
        exporters(METRICS_EXPORTER),
        serviceName,
        Map.copyOf(attributes),
        sdk,
        origins(sdk),
        timeout,
        zipkinSpansUrl(checked.getOrDefault(ZIPKIN_ENDPOINT.key(), Plan.DEFAULT_ZIPKIN_ENDPOINT)),
        zipkinTimeout,
        List.copyOf(warnings));
  }

  /** The sampler's argument is a ratio only for the {@code traceidratio} samplers. */
  private boolean applies(Setting setting) {
    return setting != SAMPLER_RATIO
        || checked.getOrDefault(SAMPLER.key(), "").endsWith("traceidratio");
  }

  /** Reads and checks one setting; {@code null} when unset or bad (a warning says so). */
  private String check(Setting setting) {
    Sources.Value v = sources.get(setting.key());
    if (v == null) {
      return null;
    }
    Set<String> names = added.getOrDefault(setting.key(), Set.of());
    if (!setting.list()) {
      String value = setting.normaliser().apply(v.value());
      String problem = setting.problem().apply(value, names);
      if (problem != null) {
        warn(v, "is " + problem + "; using " + setting.defaultValue());
        return null;
      }
      return value;
    }
    Set<String> kept = new LinkedHashSet<>();
    for (String raw : v.value().split(",")) {
      String element = setting.normaliser().apply(raw);
      String problem = element.isEmpty() ? null : setting.problem().apply(element, names);
      if (problem != null) {
        warn(v, "\"" + element + "\" is skipped: " + problem);
      } else if (!element.isEmpty()) {
        kept.add(element);
      }
    }
    if (kept.isEmpty()) {
      warn(v, "names nothing usable; using the default, " + setting.defaultValue());
      return null;
    }
    return String.join(",", kept);
  }

  private void warn(Sources.Value v, String problem) {
    warnings.add(v.origin() + "=\"" + v.value() + "\" " + problem);
  }

  private LogLevel logLevel() {
    return LogLevel.valueOf(
        checked.getOrDefault(LOG_LEVEL.key(), LOG_LEVEL.defaultValue()).toUpperCase(Locale.ROOT));
  }

  /** The exporters of a signal to set up, without {@code none}. */
  private List<String> exporters(Setting setting) {
    List<String> names =
        new ArrayList<>(
            List.of(checked.getOrDefault(setting.key(), setting.defaultValue()).split(",")));
    names.remove("none");
    return List.copyOf(names);
  }

  private String exportersOrigin() {
    Sources.Value v = sources.get(TRACES_EXPORTER.key());
    return v != null
        ? v.origin()
        : TRACES_EXPORTER.variable()
            + " (unset; the default is "
            + TRACES_EXPORTER.defaultValue()
            + ")";
  }

  /** The environment's attributes (when well-formed) with the builder's winning per key. */
  private Map<String, String> resourceAttributes() {
    Map<String, String> attributes =
        new LinkedHashMap<>(
            ResourceAttributes.parseChecked(checked.get(RESOURCE_ATTRIBUTES.key())));
    if (request.resourceAttributes() != null) {
      attributes.putAll(request.resourceAttributes());
    }
    return attributes;
  }

  /** Every {@code otel.*} setting for the SDK: optel's checked values, its defaults, no others. */
  private Map<String, String> sdkProperties() {
    Map<String, String> sdk = sources.allOtel();
    for (Setting setting : Settings.ALL) {
      if (applies(setting)) {
        String value = checked.get(setting.key());
        if (value == null) {
          sdk.remove(setting.key());
        } else if (setting.key().startsWith("otel.")) {
          sdk.put(setting.key(), value);
        }
      }
    }
    sdk.keySet().removeAll(RESOLVED_HERE);
    Set<String> inCode = new LinkedHashSet<>();
    request.arguments().forEach((key, value) -> keepIfSet(inCode, key, value));
    request.properties().forEach((key, value) -> keepIfSet(inCode, key, value));
    for (String key : inCode) {
      // A general OTLP setting given in code is meant for every signal: it wins over each
      // signal's own one from system properties and the environment (one given in code is kept).
      String setting = key.startsWith(OTLP) ? key.substring(OTLP.length()) : "";
      if (!setting.isEmpty() && OTLP_SIGNALS.stream().noneMatch(s -> setting.startsWith(s + "."))) {
        for (String signal : OTLP_SIGNALS) {
          String own = OTLP + signal + "." + setting;
          if (!inCode.contains(own)) {
            sdk.remove(own);
          }
        }
      }
    }
    if (request.exporterTimeout() != null) {
      String ms = Long.toString(capped(request.exporterTimeout()).toMillis());
      EXPORT_TIMEOUTS.forEach(key -> sdk.put(key, ms));
    }
    Plan.SDK_DEFAULTS.forEach(sdk::putIfAbsent);
    return Map.copyOf(sdk);
  }

  /** Adds a key given in code unless its value is blank, which counts as unset. */
  private static void keepIfSet(Set<String> keys, String key, String value) {
    if (!value.isBlank()) {
      keys.add(key);
    }
  }

  /**
   * Where the SDK settings the user chose came from. The exporter list is left out: optel builds
   * it, and the installer deals with exporters that cannot be set up.
   */
  private Map<String, String> origins(Map<String, String> sdk) {
    Map<String, String> origins = new LinkedHashMap<>();
    sdk.forEach(
        (key, value) -> {
          Sources.Value v = sources.get(key);
          // A value optel replaced (a timeout from the builder's exporterTimeout) is optel's
          // choice.
          if (v != null
              && !key.equals(TRACES_EXPORTER.key())
              && !key.equals(LOGS_EXPORTER.key())
              && !key.equals(METRICS_EXPORTER.key())
              && v.value().strip().equalsIgnoreCase(value.strip())) {
            origins.put(key, v.origin());
          }
        });
    return Map.copyOf(origins);
  }

  /** A checked duration setting as the SDK gets it, or {@code fallback}. */
  private static Duration duration(Map<String, String> sdk, Setting setting, Duration fallback) {
    String value = sdk.get(setting.key());
    return value == null ? fallback : capped(Settings.parseDuration(value));
  }

  /**
   * The Zipkin URL spans are posted to: a base URL ({@code http://zipkin:9411}, with or without a
   * trailing slash) gets the path the specification's default has, {@code /api/v2/spans}; posting
   * to the base URL itself would get Zipkin UI's redirect.
   */
  static String zipkinSpansUrl(String url) {
    URI uri = URI.create(url);
    String path = uri.getRawPath();
    if ((path == null || path.isEmpty() || path.equals("/"))
        && uri.getRawQuery() == null
        && uri.getRawFragment() == null) {
      return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
          + Plan.ZIPKIN_SPANS_PATH;
    }
    return url;
  }

  /** A timeout, at most {@link #LONGEST}. */
  private static Duration capped(Duration timeout) {
    return timeout.compareTo(LONGEST) > 0 ? LONGEST : timeout;
  }
}
