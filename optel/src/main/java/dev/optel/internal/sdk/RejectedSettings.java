package dev.optel.internal.sdk;

import dev.optel.internal.Diagnostics;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets one bad SDK setting cost only that setting. optel checks the settings it documents itself;
 * every other variable of the SDK specification is parsed by autoconfigure, which rejects the whole
 * configuration when one value is bad. Then the rejected setting is found, reported once (naming
 * the variable and its value) and removed, and the SDK is built again: the setting the SDK's
 * message names, or else the one setting whose removal lets the build succeed. No list of special
 * cases: whatever autoconfigure (or an exporter it creates) refuses is handled the same way.
 */
final class RejectedSettings {
  /** A property name as autoconfigure's messages quote it. */
  private static final Pattern KEY = Pattern.compile("otel(?:\\.[a-z0-9_-]+)+");

  private static final int MAX_CAUSES = 10;

  private RejectedSettings() {}

  /**
   * Builds with {@code properties}, dropping settings the SDK rejects until a build succeeds.
   *
   * @param properties the settings; rejected ones are removed from it (or set back to optel's
   *     default), so that a caller's fallback starts from the repaired settings
   * @param origins where each setting the user chose came from; only these are ever dropped
   * @param defaults optel's value for a setting whose SDK default differs
   * @param build one attempt; throws when autoconfigure rejects the settings
   * @return the built result
   * @throws RuntimeException the last rejection, when it cannot be pinned on one user setting
   */
  static <T> T build(
      Map<String, String> properties,
      Map<String, String> origins,
      Map<String, String> defaults,
      Function<Map<String, String>, T> build) {
    Set<String> suspects = new TreeSet<>(origins.keySet());
    suspects.retainAll(properties.keySet());
    while (true) {
      RuntimeException rejected;
      try {
        return build.apply(Map.copyOf(properties));
      } catch (RuntimeException e) {
        rejected = e;
      }
      String key = named(rejected, suspects);
      T built = null;
      if (key == null) {
        for (String candidate : suspects) {
          try {
            built = build.apply(without(properties, candidate, defaults));
            key = candidate;
            break;
          } catch (RuntimeException stillRejected) {
            // Not this setting alone.
          }
        }
      }
      if (key == null) {
        throw rejected;
      }
      Diagnostics.warnInConfigure(
          origins.get(key)
              + "=\""
              + properties.get(key)
              + "\" is"
              + " rejected by the OpenTelemetry SDK ("
              + reason(rejected)
              + "); using its default",
          null);
      Map<String, String> repaired = without(properties, key, defaults);
      properties.clear();
      properties.putAll(repaired);
      suspects.remove(key);
      if (built != null) {
        return built;
      }
    }
  }

  /** The longest suspect that the exception's messages name. */
  private static String named(Throwable rejected, Set<String> suspects) {
    String found = null;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = rejected;
        t != null && seen.size() < MAX_CAUSES && seen.add(t);
        t = t.getCause()) {
      String message = t.getMessage();
      if (message == null) {
        continue;
      }
      Matcher m = KEY.matcher(message);
      while (m.find()) {
        String key = m.group();
        if (suspects.contains(key) && (found == null || key.length() > found.length())) {
          found = key;
        }
      }
    }
    return found;
  }

  private static Map<String, String> without(
      Map<String, String> properties, String key, Map<String, String> defaults) {
    Map<String, String> copy = new HashMap<>(properties);
    copy.remove(key);
    String fallback = defaults.get(key);
    if (fallback != null) {
      copy.put(key, fallback);
    }
    return Map.copyOf(copy);
  }

  /** What the SDK said; its generic wrapper message is replaced by the cause's. */
  private static String reason(RuntimeException rejected) {
    String message = rejected.getMessage();
    Throwable cause = rejected.getCause();
    if (cause != null
        && (message == null || message.startsWith("Unexpected configuration error"))) {
      return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
    return message != null ? message : rejected.toString();
  }
}
