package dev.optel.internal.config;

import java.util.Map;

/**
 * The environment variables configuration reads. Tests replace them, since a JVM cannot change its
 * own environment; production code always sees {@link System#getenv()}.
 */
public final class Environment {
  private static volatile Map<String, String> override;

  private Environment() {}

  /**
   * Returns the environment configuration reads.
   *
   * @return the variables; never {@code null}
   */
  public static Map<String, String> get() {
    Map<String, String> o = override;
    if (o != null) {
      return o;
    }
    try {
      return System.getenv();
    } catch (SecurityException e) {
      return Map.of();
    }
  }

  /**
   * For tests: makes configuration read {@code variables} instead of the real environment.
   *
   * @param variables the variables, or {@code null} to go back to the real environment
   */
  public static void overrideForTesting(Map<String, String> variables) {
    override = variables == null ? null : Map.copyOf(variables);
  }
}
