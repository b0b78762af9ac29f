package dev.optel.internal.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The places a setting can come from, in order of precedence: the builder's methods, the builder's
 * {@code property(key, value)}, system properties, environment variables. Keys are property names
 * such as {@code otel.traces.exporter}; the matching variable is {@code OTEL_TRACES_EXPORTER}. A
 * snapshot: later changes of the system properties are not seen.
 */
final class Sources {
  /** A value and where it came from, for warnings. */
  record Value(String value, String origin) {}

  private final Map<String, String> arguments;
  private final Map<String, String> builder;
  private final Map<String, String> system = new LinkedHashMap<>();
  private final Map<String, String> env;

  Sources(Request request, Properties systemProperties, Map<String, String> env) {
    this.arguments = request.arguments();
    this.builder = request.properties();
    this.env = env;
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith("otel.") || name.startsWith("optel.")) {
        system.put(name, systemProperties.getProperty(name));
      }
    }
  }

  /**
   * The variable name of a property: {@code otel.traces.exporter} -> {@code OTEL_TRACES_EXPORTER}.
   */
  static String variableOf(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * The property name of a variable: {@code OTEL_TRACES_EXPORTER} -> {@code otel.traces.exporter}.
   */
  static String keyOf(String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /**
   * Looks a setting up.
   *
   * @return the value with its origin, or {@code null} when unset (empty counts as unset)
   */
  Value get(String key) {
    String v = arguments.get(key);
    if (v != null && !v.isBlank()) {
      return new Value(v, Settings.of(key).argument());
    }
    v = builder.get(key);
    if (v != null && !v.isBlank()) {
      return new Value(v, "TelemetryConfig property " + key);
    }
    v = system.get(key);
    if (v != null && !v.isBlank()) {
      return new Value(v, "system property " + key);
    }
    String variable = variableOf(key);
    v = env.get(variable);
    if (v != null && !v.isBlank()) {
      return new Value(v, variable);
    }
    return null;
  }

  /**
   * Every {@code otel.*} setting, merged with the precedence above.
   *
   * @return property name -> value
   */
  Map<String, String> allOtel() {
    Map<String, String> all = new LinkedHashMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith("OTEL_") && value != null && !value.isBlank()) {
            all.put(keyOf(name), value);
          }
        });
    system.forEach(
        (name, value) -> {
          if (name.startsWith("otel.") && value != null && !value.isBlank()) {
            all.put(name, value);
          }
        });
    builder.forEach(
        (name, value) -> {
          if (!value.isBlank()) {
            all.put(name, value);
          }
        });
    arguments.forEach(
        (name, value) -> {
          if (name.startsWith("otel.") && !value.isBlank()) {
            all.put(name, value);
          }
        });
    return all;
  }
}
