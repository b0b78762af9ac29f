package dev.optel.internal.slf4j;

import dev.optel.internal.Backends;
import dev.optel.internal.Bindings;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.LevelGate;
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
  /** Logback's SLF4J provider: with it, optel follows Logback's level changes. */
  private static final String LOGBACK = "ch.qos.logback.classic.spi.LogbackServiceProvider";

  private final Slf4jLogSink sink;

  private Slf4jLoggingBackend(String provider) {
    this.sink = new Slf4jLogSink(LOGBACK.equals(provider) ? logbackLevels() : null);
  }

  /**
   * Creates the binding.
   *
   * @return the binding, or {@code null} when no SLF4J provider is present
   */
  public static Slf4jLoggingBackend create() {
    String provider = provider();
    return provider == null ? null : new Slf4jLoggingBackend(provider);
  }

  /**
   * Names the provider SLF4J will use: the {@code slf4j.provider} system property, else the first
   * one {@link ServiceLoader} finds, as SLF4J picks it.
   *
   * @return the provider's class name, or {@code null} when there is none
   */
  private static String provider() {
    String explicit = System.getProperty("slf4j.provider");
    if (explicit != null && !explicit.isBlank()) {
      return explicit.trim();
    }
    try {
      // A named module may only load services it declares; declare it at run time, because a
      // static `uses` clause would need SLF4J to be present.
      Slf4jLoggingBackend.class.getModule().addUses(SLF4JServiceProvider.class);
      ServiceLoader<SLF4JServiceProvider> loader =
          ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader());
      return loader.stream().findFirst().map(p -> p.type().getName()).orElse(null);
    } catch (ServiceConfigurationError | RuntimeException e) {
      Diagnostics.warnOnce(
          "slf4j.provider", "could not look for an SLF4J provider; structured logging is off", e);
      return null;
    }
  }

  /** Loads the Logback binding that keeps the level gates; {@code null} when it cannot. */
  private static LevelGate.Source logbackLevels() {
    return Bindings.load(
        LevelGate.Source.class,
        "dev.optel.internal.logback.LogbackLevels",
        new String[] {
          "ch.qos.logback.classic.LoggerContext", "ch.qos.logback.classic.spi.LoggerContextListener"
        },
        "load.Logback levels",
        "Logback's level changes cannot be followed; optel asks Logback at every level check");
  }

  @Override
  public LogSink<?, ?> sink() {
    return sink;
  }
}
