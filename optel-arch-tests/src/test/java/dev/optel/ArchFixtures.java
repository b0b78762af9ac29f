package dev.optel;

import dev.optel.internal.logging.JsonLines;

/**
 * Classes of the public package that break {@code ArchitectureTest}'s rules on purpose, so that the
 * test can show each rule fails. They live in the test sources only and are never imported with the
 * core jar.
 */
final class ArchFixtures {
  private ArchFixtures() {}

  /** Names OpenTelemetry in a method body only. */
  static final class NamesOpenTelemetryInABody {
    static boolean spanCurrent() {
      return io.opentelemetry.api.trace.Span.current().getSpanContext().isValid();
    }
  }

  /** Names SLF4J in a signature only. */
  static final class NamesSlf4jInASignature {
    static void log(org.slf4j.Logger logger) {}
  }

  /** Names OpenTelemetry only in a type argument of a generic signature (erased from the code). */
  static final class NamesOpenTelemetryInATypeArgument {
    static java.util.List<io.opentelemetry.api.trace.Span> spans() {
      return java.util.List.of();
    }
  }

  /** Uses an internal class that is not one of the entry points. */
  static final class UsesAnInternalClassThatIsNoEntryPoint {
    static Class<?> lines() {
      return JsonLines.class;
    }
  }

  /** Names the JDK's HTTP client in a method body only. */
  static final class NamesTheJdkHttpClientInABody {
    static Object client() {
      return java.net.http.HttpClient.newHttpClient();
    }
  }

  /** Uses an HTTP helper class, which names the JDK's HTTP server. */
  static final class UsesAnHttpHelper {
    static Class<?> handler() {
      return TracedHttpHandler.class;
    }
  }
}
