package dev.optel.internal.config;

import java.time.Duration;
import java.util.Set;

/**
 * What {@link Configurator} needs from the OpenTelemetry SDK. The implementation, in {@code
 * dev.optel.internal.sdk}, is the only code naming SDK types; it is loaded by name only when the
 * SDK and its autoconfigure module are on the class path.
 */
public interface SdkInstaller {
  /**
   * Returns exporter names that span exporter providers on the class path add.
   *
   * @return names beyond optel's own list
   */
  Set<String> exporterNames();

  /**
   * Returns log exporter names that log record exporter providers on the class path add.
   *
   * @return names beyond optel's own list
   */
  Set<String> logExporterNames();

  /**
   * Returns metric exporter names that metric exporter and metric reader providers on the class
   * path add (the Prometheus exporter is a reader provider).
   *
   * @return names beyond optel's own list
   */
  Set<String> metricExporterNames();

  /**
   * Returns sampler names that sampler providers on the class path add.
   *
   * @return names beyond the specification's built-in samplers
   */
  Set<String> samplerNames();

  /**
   * Builds an SDK from the plan, not yet installed as {@code GlobalOpenTelemetry}: building can
   * take a while, and an earlier SDK keeps serving spans meanwhile.
   *
   * @param plan the checked configuration
   * @return the SDK
   */
  Installation build(Plan plan);

  /** An SDK that optel built. */
  interface Installation {
    /**
     * Tells whether every requested exporter was set up.
     *
     * @return {@code false} when one was missing (a warning said which)
     */
    boolean complete();

    /**
     * Installs this SDK as {@code GlobalOpenTelemetry}.
     *
     * @return {@code false} when another one was set meanwhile; this SDK is closed then
     */
    boolean makeGlobal();

    /** Unsets {@code GlobalOpenTelemetry} (only called while it is this installation's SDK). */
    void resetGlobal();

    /**
     * Takes this SDK out of service after a new configuration replaced it: closes it now when no
     * span started in it is still open (closing exports what ended), else once the last one has
     * ended (or a bounded time later), so that they are exported too; meanwhile spans that ended
     * are exported on the batch processor's schedule. Returns within the export timeout.
     */
    void retire();

    /**
     * Flushes and closes the SDK, waiting at most {@code timeout}; spans still open are lost. Says
     * in one line per endpoint how many spans could not be delivered.
     *
     * @param timeout the bound; zero starts closing without waiting
     * @param atExit whether the JVM is exiting (logging may be closed already)
     */
    void shutdown(Duration timeout, boolean atExit);

    /**
     * Tells whether the SDK has finished closing.
     *
     * @return {@code true} once nothing is left to export
     */
    boolean closed();
  }
}
