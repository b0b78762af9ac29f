package dev.optel.internal.slf4j;

import dev.optel.internal.Backends;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.LogSink;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2.x binding; loaded by {@link Backends} only after the API was found.
 *
 * <p>SLF4J prints "No SLF4J providers were found" on standard error and falls back to a no-op when
 * {@link LoggerFactory} initialises without a provider. An application that ships {@code slf4j-api}
 * without a provider has chosen silence, so this binding first looks for a provider the way SLF4J
 * would (the {@code slf4j.provider} system property, then {@link ServiceLoader}) without
 * instantiating it, and declines when there is none, leaving {@link LoggerFactory} untouched.
 */
public final class Slf4jLoggingBackend implements Backends.LoggingBackend {

  private Slf4jLoggingBackend() {}

  /**
   * Creates the binding.
   *
   * @return the binding, or {@code null} when no SLF4J provider is present
   */
  public static Slf4jLoggingBackend create() {
    return providerPresent() ? new Slf4jLoggingBackend() : null;
  }

  static boolean providerPresent() {
    String explicit = System.getProperty("slf4j.provider");
    if (explicit != null && !explicit.isBlank()) {
      return true;
    }
    try {
      // A named module may only load services it declares; declare it at run time, because a
      // static `uses` clause would need SLF4J to be present.
      Slf4jLoggingBackend.class.getModule().addUses(SLF4JServiceProvider.class);
      ServiceLoader<SLF4JServiceProvider> loader =
          ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader());
      return loader.stream().findAny().isPresent();
    } catch (ServiceConfigurationError | RuntimeException e) {
      Diagnostics.warnOnce(
          "slf4j.provider", "could not look for an SLF4J provider; structured logging is off", e);
      return false;
    }
  }

  @Override
  public LogSink<?, ?> sink() {
    return Slf4jLogSink.INSTANCE;
  }
}
