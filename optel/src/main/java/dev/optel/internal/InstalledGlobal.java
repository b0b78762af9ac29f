package dev.optel.internal;

/**
 * The {@code GlobalOpenTelemetry} installed at one moment, for telling whether it is still the same
 * one later. The core cannot name OpenTelemetry types, so it knows the instance only by identity:
 * two of these are {@linkplain #equals equal} when they stand for the same instance. Compare them
 * with {@code equals}, never with {@code ==}: each look returns a new one.
 */
public final class InstalledGlobal {
  private final Object instance;

  /**
   * Wraps an installed instance; called by the OpenTelemetry binding only.
   *
   * @param instance the global OpenTelemetry, not {@code null}
   */
  public InstalledGlobal(Object instance) {
    this.instance = instance;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InstalledGlobal g && g.instance == instance;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(instance);
  }

  @Override
  public String toString() {
    return "InstalledGlobal[" + instance.getClass().getName() + "]";
  }
}
