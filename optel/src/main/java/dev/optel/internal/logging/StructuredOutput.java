package dev.optel.internal.logging;

import dev.optel.LogLevel;
import dev.optel.LogProcessor;
import java.util.List;

/**
 * Installs optel's JSON-lines output into the application's SLF4J backend (Logback or Log4j2) when
 * the application has not configured that backend itself.
 *
 * <p>This is the seam between {@code TelemetryConfig} and the backend-specific code; the backend
 * classes are loaded by name only after detection, like every other optional binding.
 */
public final class StructuredOutput {
  private StructuredOutput() {}

  /**
   * Installs JSON output at the given level with the given processors, replacing an earlier
   * installation by optel. Never replaces a configuration the application made itself.
   *
   * @param level the lowest level written
   * @param processors the processors run in order before rendering
   * @return {@code true} when JSON output is now active
   */
  public static boolean install(LogLevel level, List<LogProcessor> processors) {
    return false;
  }

  /** Removes what {@link #install} set up, if anything; restores the backend's previous state. */
  public static void uninstall() {}

  /**
   * Tells whether optel's JSON output is installed.
   *
   * @return {@code true} while installed
   */
  public static boolean isInstalled() {
    return false;
  }
}
