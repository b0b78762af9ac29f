package dev.optel.internal.config;

import java.lang.System.Logger.Level;

/**
 * Warnings about configuration. Unlike {@code Diagnostics.warnOnce}, every {@code configure} call
 * reports its own bad input again: each call is a deliberate act whose problems the user should
 * see; within one call each problem is reported once.
 */
final class ConfigWarnings {
  private static final System.Logger LOG = System.getLogger("dev.optel");

  private ConfigWarnings() {}

  static void warn(String message) {
    log(Level.WARNING, message, null);
  }

  static void warn(String message, Throwable cause) {
    log(Level.WARNING, message, cause);
  }

  static void info(String message) {
    log(Level.INFO, message, null);
  }

  private static void log(Level level, String message, Throwable cause) {
    try {
      if (cause == null) {
        LOG.log(level, "optel: " + message);
      } else {
        LOG.log(level, "optel: " + message, cause);
      }
    } catch (Throwable ignored) {
      // Reporting must never fail the caller.
    }
  }
}
