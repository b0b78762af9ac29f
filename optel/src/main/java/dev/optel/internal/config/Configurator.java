package dev.optel.internal.config;

import dev.optel.internal.Backends;
import dev.optel.internal.logging.StructuredOutput;
import java.time.Duration;
import java.util.Set;

/**
 * The lifecycle behind {@code TelemetryConfig}: plans, installs logging and the SDK, replaces an
 * earlier setup, and flushes at {@code shutdown()} or JVM exit.
 */
public final class Configurator {
  private static final String INSTALLER = "dev.optel.internal.sdk.AutoconfigureInstaller";
  private static final Object LOCK = new Object();

  // All guarded by LOCK.
  private static SdkInstaller.Installation current;
  private static Object ourGlobal;
  private static Duration currentTimeout = Plan.DEFAULT_TIMEOUT;
  private static boolean loggingInstalled;
  private static boolean hookRegistered;
  private static SdkInstaller installer;
  private static boolean installerLoaded;

  private Configurator() {}

  /**
   * Applies a configuration. Never throws.
   *
   * @param request the builder's arguments
   * @return {@code true} when tracing is enabled and every requested exporter is set up
   */
  public static boolean configure(Request request) {
    try {
      synchronized (LOCK) {
        return configureLocked(request);
      }
    } catch (Throwable t) {
      ConfigWarnings.warn("configuration failed; continuing without it: " + t, t);
      return false;
    }
  }

  /** Flushes and closes what {@link #configure} started; bounded by the exporter timeout. */
  public static void shutdown() {
    try {
      synchronized (LOCK) {
        closeCurrent();
        if (loggingInstalled) {
          loggingInstalled = false;
          StructuredOutput.uninstall();
        }
      }
    } catch (Throwable t) {
      ConfigWarnings.warn("shutdown failed: " + t, t);
    }
  }

  private static boolean configureLocked(Request request) {
    Backends.TracingBackend tracing = Backends.tracing();
    Backends.LoggingBackend logging = Backends.logging();
    SdkInstaller sdk = tracing == null ? null : installer();
    Sources sources = new Sources(request.properties(), System.getProperties(), Environment.get());
    Plan plan = new Planner(request, sources, sdk == null ? Set.of() : sdk.exporterNames(),
        sdk == null ? Set.of() : sdk.samplerNames()).plan();

    // Flush and replace an earlier setup of ours.
    closeCurrent();
    if (sdk == null && logging == null && tracing == null) {
      ConfigWarnings.info("nothing to configure: neither the OpenTelemetry SDK nor SLF4J 2 is on"
          + " the class path");
      return false;
    }
    if (logging != null) {
      try {
        loggingInstalled = StructuredOutput.install(plan.logLevel(), plan.logProcessors())
            || loggingInstalled;
      } catch (RuntimeException | LinkageError e) {
        ConfigWarnings.warn("JSON log output could not be set up; logging is left as it was", e);
      }
    }
    if (!plan.traceEnabled() || tracing == null) {
      return false;
    }
    Object global = tracing.installedGlobal();
    if (global != null) {
      ConfigWarnings.info("GlobalOpenTelemetry was already set (by the application or the"
          + " OpenTelemetry Java agent); optel uses it and configures logging only");
      return true;
    }
    if (sdk == null) {
      ConfigWarnings.warn("tracing is enabled but the OpenTelemetry SDK is not on the class path"
          + " (add dev.optel:optel-observability with <type>pom</type>, or"
          + " io.opentelemetry:opentelemetry-sdk and opentelemetry-sdk-extension-autoconfigure);"
          + " spans stay no-op");
      return false;
    }
    SdkInstaller.Installation installation = sdk.install(plan);
    if (installation == null) {
      ConfigWarnings.info("GlobalOpenTelemetry was set by someone else meanwhile; optel uses it"
          + " and configures logging only");
      return true;
    }
    current = installation;
    ourGlobal = tracing.installedGlobal();
    currentTimeout = plan.exporterTimeout();
    registerHook();
    return installation.complete();
  }

  private static void closeCurrent() {
    SdkInstaller.Installation installation = current;
    if (installation == null) {
      return;
    }
    current = null;
    installation.shutdown(currentTimeout);
    Backends.TracingBackend tracing = Backends.tracing();
    if (tracing != null && ourGlobal != null && tracing.installedGlobal() == ourGlobal) {
      installation.resetGlobal();
    }
    ourGlobal = null;
  }

  private static SdkInstaller installer() {
    if (!installerLoaded) {
      installerLoaded = true;
      installer = SdkLoader.load(INSTALLER);
    }
    return installer;
  }

  private static void registerHook() {
    if (hookRegistered) {
      return;
    }
    hookRegistered = true;
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(Configurator::atExit, "optel-shutdown"));
    } catch (IllegalStateException | SecurityException e) {
      // The JVM is already shutting down, or hooks are not allowed; nothing else to do.
    }
  }

  /** At JVM exit: flush and close the SDK, but leave logging alone for later hooks. */
  private static void atExit() {
    try {
      synchronized (LOCK) {
        SdkInstaller.Installation installation = current;
        current = null;
        if (installation != null) {
          installation.shutdown(currentTimeout);
        }
      }
    } catch (Throwable ignored) {
      // Nothing can be reported reliably at exit.
    }
  }
}
