package dev.optel.internal.config;

import java.time.Duration;
import java.util.Set;

/**
 * What {@link Configurator} needs from the OpenTelemetry SDK. The implementation, in {@code
 * dev.optel.internal.sdk}, is the only code naming SDK types; it is loaded by name only when the SDK
 * and its autoconfigure module are on the class path.
 */
public interface SdkInstaller {
  /**
   * Returns exporter names that span exporter providers on the class path add.
   *
   * @return names beyond optel's own list
   */
  Set<String> exporterNames();

  /**
   * Returns sampler names that sampler providers on the class path add.
   *
   * @return names beyond the specification's built-in samplers
   */
  Set<String> samplerNames();

  /**
   * Builds an SDK from the plan and installs it as {@code GlobalOpenTelemetry}.
   *
   * @param plan the checked configuration
   * @return the installation, or {@code null} when another {@code GlobalOpenTelemetry} was set in
   *     the meantime (nothing was installed then)
   */
  Installation install(Plan plan);

  /** An SDK that optel installed. */
  interface Installation {
    /**
     * Tells whether every requested exporter was set up.
     *
     * @return {@code false} when one was missing (a warning said which)
     */
    boolean complete();

    /**
     * Flushes and closes the SDK, waiting at most {@code timeout}.
     *
     * @param timeout the bound
     */
    void shutdown(Duration timeout);

    /** Unsets {@code GlobalOpenTelemetry} (only called while it is this installation's SDK). */
    void resetGlobal();
  }
}
