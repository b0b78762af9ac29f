package dev.optel.internal.logging;

import dev.optel.LogLevel;
import dev.optel.LogProcessor;
import dev.optel.internal.Backends;
import dev.optel.internal.Bindings;
import dev.optel.internal.Diagnostics;
import java.util.List;

/**
 * Installs optel's JSON-lines output into the application's SLF4J backend (Logback or Log4j2) when
 * the application has not configured that backend itself.
 *
 * <p>This is the seam between {@code TelemetryConfig} and the backend-specific code; the backend
 * classes are loaded by name only after detection, like every other optional binding.
 */
public final class StructuredOutput {
  private static final Object LOCK = new Object();
  private static OutputBackend installed;

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
    synchronized (LOCK) {
      JsonLines lines = new JsonLines(level, processors);
      if (installed != null && update(installed, level, lines)) {
        return true;
      }
      uninstall();
      if (Backends.logging() == null) {
        tell("no SLF4J 2.x provider is present");
        return false;
      }
      String[][] candidates = {
        {"ch.qos.logback.classic.LoggerContext", "dev.optel.internal.logback.LogbackOutput"},
        {"org.apache.logging.log4j.core.LoggerContext", "dev.optel.internal.log4j.Log4jOutput"},
      };
      for (String[] c : candidates) {
        OutputBackend backend = load(c[0], c[1]);
        if (backend == null) {
          continue;
        }
        OutputBackend.Installation result;
        try {
          result = backend.install(level, lines);
        } catch (RuntimeException | LinkageError e) {
          Diagnostics.warnOnce("jsonlog.install", "installing JSON log output failed", e);
          result = new OutputBackend.LeftAlone("installing failed");
        }
        if (result == OutputBackend.Outcome.INSTALLED) {
          installed = backend;
          FacadeEvent.setWanted(backend.wantsTypedPairs());
          return true;
        }
        if (result instanceof OutputBackend.LeftAlone left) {
          tell(left.reason());
          return false;
        }
      }
      tell("the SLF4J provider (" + providerName() + ") is neither Logback nor Log4j2");
      return false;
    }
  }

  /** Reconfigures an installation in place, so that events logged meanwhile are not lost. */
  private static boolean update(OutputBackend backend, LogLevel level, JsonLines lines) {
    try {
      return backend.update(level, lines);
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warnOnce("jsonlog.update", "updating JSON log output failed", e);
      return false;
    }
  }

  /** Removes what {@link #install} set up, if anything; restores the backend's previous state. */
  public static void uninstall() {
    synchronized (LOCK) {
      OutputBackend b = installed;
      installed = null;
      FacadeEvent.setWanted(false);
      if (b != null) {
        try {
          b.uninstall();
        } catch (RuntimeException | LinkageError e) {
          Diagnostics.warnOnce("jsonlog.uninstall", "removing JSON log output failed", e);
        }
      }
    }
  }

  /**
   * Tells whether optel's JSON output is installed.
   *
   * @return {@code true} while installed
   */
  public static boolean isInstalled() {
    synchronized (LOCK) {
      return installed != null;
    }
  }

  private static void tell(String reason) {
    Diagnostics.infoOnce(
        "jsonlog.notInstalled: " + reason, "JSON log output not installed: " + reason);
  }

  /** Loads an adapter when its backend's probe class exists. */
  private static OutputBackend load(String probeName, String adapter) {
    return Bindings.load(
        OutputBackend.class,
        adapter,
        new String[] {probeName},
        "jsonlog.load." + adapter,
        probeName + " is present but optel's JSON output for it cannot be used");
  }

  private static String providerName() {
    try {
      Object factory =
          Class.forName("org.slf4j.LoggerFactory", false, StructuredOutput.class.getClassLoader())
              .getMethod("getILoggerFactory")
              .invoke(null);
      return factory == null ? "none" : factory.getClass().getName();
    } catch (Throwable e) {
      return "unknown";
    }
  }
}
