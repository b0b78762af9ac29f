package dev.optel.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The OpenTelemetry setup of a test class that reads back finished spans. Before the class's first
 * test the SDK, exporting to memory ({@link InMemorySpans}), is installed as the global (once per
 * JVM); before each test the spans of earlier tests are forgotten. Where the SDK or its testing
 * module is missing, or the OpenTelemetry Java agent is present, there is nothing to read back and
 * the extension installs nothing ({@link #sdkAvailable()}); this class itself names no
 * OpenTelemetry type, so it loads on every class path.
 *
 * <p>Register it with {@code @RegisterExtension} on a static field that holds what one of the
 * factories returns.
 */
public final class OtelExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final boolean SDK =
      present("io.opentelemetry.sdk.trace.SdkTracerProvider")
          && present("io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter")
          && !present("io.opentelemetry.javaagent.OpenTelemetryAgent");

  private final Runnable beforeInstall;
  private final boolean failOnWarnings;

  /** What optel reported during the current test; only with {@link #failOnWarnings}. */
  private OptelReports reports;

  private OtelExtension(Runnable beforeInstall, boolean failOnWarnings) {
    this.beforeInstall = beforeInstall;
    this.failOnWarnings = failOnWarnings;
  }

  /**
   * Runs {@code beforeInstall} once, right before the SDK is installed: for a suite that checks
   * what a library's earlier calls do once the application installs its SDK.
   *
   * @param beforeInstall what to do first; runs only where the SDK is available
   * @return the extension
   */
  public static OtelExtension installingAfter(Runnable beforeInstall) {
    return new OtelExtension(beforeInstall, false);
  }

  /**
   * Also fails a test during which optel reported a warning (System.Logger {@code dev.optel}):
   * optel turns a misused scope, which strict context storage reports with an AssertionError, into
   * such a warning instead of failing the caller. A test that expects one takes it with {@code
   * reports().takeWarnings()}.
   *
   * @return the extension
   */
  public static OtelExtension failingOnWarnings() {
    return new OtelExtension(() -> {}, true);
  }

  /**
   * Whether this class path can read back spans: the SDK and its testing module are present and the
   * Java agent is not.
   *
   * @return true where the extension installs the SDK
   */
  public static boolean sdkAvailable() {
    return SDK;
  }

  /**
   * What optel reported during the current test.
   *
   * @return the capture of the running test
   * @throws IllegalStateException unless created by {@link #failingOnWarnings()}
   */
  public OptelReports reports() {
    if (reports == null) {
      throw new IllegalStateException("reports are captured by OtelExtension.failingOnWarnings()");
    }
    return reports;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (SDK) {
      InMemorySpans.install(beforeInstall);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (SDK) {
      InMemorySpans.reset();
    }
    if (failOnWarnings) {
      reports = new OptelReports();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (reports != null) {
      try (OptelReports done = reports) {
        reports = null;
        assertThat(done.takeWarnings()).as("optel warnings").isEmpty();
      }
    }
  }

  private static boolean present(String name) {
    try {
      Class.forName(name, false, OtelExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
