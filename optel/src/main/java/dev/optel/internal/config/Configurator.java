package dev.optel.internal.config;

import dev.optel.internal.Backends;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.InstalledGlobal;
import dev.optel.internal.logging.StructuredOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle behind {@code TelemetryConfig}: plans, installs logging and the SDK, replaces an
 * earlier setup, and flushes at {@code shutdown()} or JVM exit.
 */
public final class Configurator {
  private static final String INSTALLER = "dev.optel.internal.sdk.AutoconfigureInstaller";
  private static final Object LOCK = new Object();

  // All guarded by LOCK.
  private static SdkInstaller.Installation current;
  private static InstalledGlobal ourGlobal;
  private static Duration currentTimeout = Plan.DEFAULT_TIMEOUT;

  /** Replaced SDKs that may still be waiting for their open spans to end. */
  private static final List<SdkInstaller.Installation> retired = new ArrayList<>();

  private static boolean loggingInstalled;
  private static boolean hookRegistered;
  private static SdkLoader.Loaded installer;

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
      Diagnostics.rethrowIfFatal(t);
      Diagnostics.warnInConfigure("configuration failed; continuing without it", t);
      return false;
    }
  }

  /** Flushes and closes what {@link #configure} started; bounded by the exporter timeout. */
  public static void shutdown() {
    try {
      synchronized (LOCK) {
        closeAll(Backends.tracing(), false);
        if (loggingInstalled) {
          loggingInstalled = false;
          StructuredOutput.uninstall();
        }
      }
    } catch (Throwable t) {
      Diagnostics.rethrowIfFatal(t);
      Diagnostics.warnInConfigure("shutdown failed", t);
    }
  }

  private static boolean configureLocked(Request request) {
    // Each call is a deliberate act: its problems are reported again, even if an earlier call had
    // the same ones.
    Diagnostics.newConfigureCall();
    Backends.TracingBackend tracing = Backends.tracing();
    Backends.LoggingBackend logging = Backends.logging();
    SdkInstaller sdk = tracing == null ? null : installer();
    Sources sources = new Sources(request, System.getProperties(), Environment.get());
    Plan plan =
        Planner.plan(
            request,
            sources,
            sdk == null
                ? Map.of()
                : Map.of(
                    Settings.TRACES_EXPORTER.key(),
                    sdk.exporterNames(),
                    Settings.LOGS_EXPORTER.key(),
                    sdk.logExporterNames(),
                    Settings.METRICS_EXPORTER.key(),
                    sdk.metricExporterNames(),
                    Settings.SAMPLER.key(),
                    sdk.samplerNames()));
    plan.warnings().forEach(w -> Diagnostics.warnInConfigure(w, null));

    if (sdk == null && logging == null && tracing == null) {
      Diagnostics.infoInConfigure(
          "nothing to configure: neither the OpenTelemetry SDK nor SLF4J 2"
              + " is on the class path");
      return false;
    }
    if (logging != null) {
      try {
        loggingInstalled =
            StructuredOutput.install(plan.logLevel(), plan.logProcessors()) || loggingInstalled;
      } catch (RuntimeException | LinkageError e) {
        Diagnostics.warnInConfigure(
            "JSON log output could not be set up; logging is left as it was", e);
      }
    }
    if (!plan.traceEnabled() || tracing == null) {
      retireCurrent(tracing);
      return false;
    }
    InstalledGlobal global = tracing.installedGlobal();
    if (global != null && !global.equals(ourGlobal)) {
      retireCurrent(tracing);
      Diagnostics.infoInConfigure(
          "GlobalOpenTelemetry was already set (by the application or the"
              + " OpenTelemetry Java agent); optel uses it and configures logging only");
      return true;
    }
    if (sdk == null) {
      retireCurrent(tracing);
      if (installer.problem() != null) {
        Diagnostics.warnInConfigure(installer.problem(), null);
      }
      return false;
    }
    // Built while the earlier SDK still serves spans, then swapped in: no span started meanwhile is
    // a no-op, and spans the earlier SDK started end and are exported there (retire).
    SdkInstaller.Installation next = sdk.build(plan);
    SdkInstaller.Installation previous = retireCurrentLater(tracing);
    boolean installed = next.makeGlobal();
    if (previous != null) {
      retire(previous);
    }
    if (!installed) {
      Diagnostics.infoInConfigure(
          "GlobalOpenTelemetry was set by someone else meanwhile; optel"
              + " uses it and configures logging only");
      return true;
    }
    current = next;
    ourGlobal = tracing.installedGlobal();
    Backends.exportLogs(!plan.logExporters().isEmpty());
    currentTimeout = plan.exporterTimeout();
    registerHook();
    return next.complete();
  }

  /**
   * Takes the current SDK out of service; see {@link SdkInstaller.Installation#retire()}. The
   * global is unset after the spans that already ended were exported (see {@link #closeAll}).
   */
  private static void retireCurrent(Backends.TracingBackend tracing) {
    Backends.exportLogs(false);
    SdkInstaller.Installation previous = current;
    current = null;
    if (previous != null) {
      retire(previous);
    }
    unsetOurGlobal(tracing, previous);
  }

  /** Unsets the current SDK (and the global, if still ours) and returns it for {@link #retire}. */
  private static SdkInstaller.Installation retireCurrentLater(Backends.TracingBackend tracing) {
    Backends.exportLogs(false);
    SdkInstaller.Installation previous = current;
    current = null;
    unsetOurGlobal(tracing, previous);
    return previous;
  }

  /** Unsets {@code GlobalOpenTelemetry} if it is still {@code installation}'s SDK. */
  private static void unsetOurGlobal(
      Backends.TracingBackend tracing, SdkInstaller.Installation installation) {
    if (installation != null
        && tracing != null
        && ourGlobal != null
        && ourGlobal.equals(tracing.installedGlobal())) {
      installation.resetGlobal();
    }
    ourGlobal = null;
  }

  private static void retire(SdkInstaller.Installation installation) {
    retired.removeIf(SdkInstaller.Installation::closed);
    retired.add(installation);
    installation.retire();
  }

  /**
   * Closes the current SDK and every replaced one, all within one exporter timeout.
   *
   * @param tracing the tracing backend, to unset our global; {@code null} leaves the global as it
   *     is (at JVM exit, for later shutdown hooks)
   * @param atExit whether the JVM is exiting
   */
  private static void closeAll(Backends.TracingBackend tracing, boolean atExit) {
    long start = System.nanoTime();
    Duration timeout = currentTimeout;
    SdkInstaller.Installation installation = current;
    current = null;
    Backends.exportLogs(false);
    if (installation != null) {
      installation.shutdown(timeout, atExit);
    }
    for (SdkInstaller.Installation r : retired) {
      r.shutdown(timeout.minusNanos(System.nanoTime() - start), atExit);
    }
    retired.clear();
    // Only now: before 1.57 the OTLP exporter calls GlobalOpenTelemetry.get() on its first export,
    // which installs the no-op (and the application's own set() then fails) when none is set.
    unsetOurGlobal(tracing, installation);
  }

  /**
   * The SDK binding, loaded once; {@code null} when unusable ({@link #installer} says why). A
   * binding that failed to load is tried again on the next call, which reports the failure again.
   */
  private static SdkInstaller installer() {
    if (installer == null || installer.installer() == null) {
      installer = SdkLoader.load(INSTALLER);
    }
    return installer.installer();
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

  /** At JVM exit: flush and close the SDKs, but leave logging alone for later hooks. */
  private static void atExit() {
    try {
      synchronized (LOCK) {
        closeAll(null, true);
      }
    } catch (Throwable t) {
      Diagnostics.rethrowIfFatal(t);
      // Nothing else can be reported reliably at exit.
    }
  }
}
