package dev.optel.internal.config;

import java.lang.reflect.InvocationTargetException;

/** Loads the SDK binding by name, only when the SDK and autoconfigure classes exist. */
final class SdkLoader {
  /**
   * The binding, or why there is none.
   *
   * @param installer the binding, or {@code null}
   * @param problem what to tell the user when tracing is asked for and there is no binding
   * @param cause the failure behind the problem, or {@code null}
   */
  record Loaded(SdkInstaller installer, String problem, Throwable cause) {}

  private static final String[] SDK_PROBES = {
    "io.opentelemetry.sdk.OpenTelemetrySdk",
    "io.opentelemetry.sdk.trace.SdkTracerProvider",
    "io.opentelemetry.sdk.common.CompletableResultCode",
  };
  private static final String[] AUTOCONFIGURE_PROBES = {
    "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk",
    "io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties",
  };

  private SdkLoader() {}

  /** Loads the binding; never throws. */
  static Loaded load(String binding) {
    ClassLoader loader = SdkLoader.class.getClassLoader();
    if (!present(loader, SDK_PROBES)) {
      return new Loaded(null, "tracing is enabled but the OpenTelemetry SDK is not on the class"
          + " path (add dev.optel:optel-observability with <type>pom</type>, or"
          + " io.opentelemetry:opentelemetry-sdk and opentelemetry-sdk-extension-autoconfigure);"
          + " spans stay no-op", null);
    }
    if (!present(loader, AUTOCONFIGURE_PROBES)) {
      return new Loaded(null, "the OpenTelemetry SDK is on the class path but its autoconfigure"
          + " module is not (add io.opentelemetry:opentelemetry-sdk-extension-autoconfigure, or use"
          + " dev.optel:optel-observability with <type>pom</type>); tracing is not configured",
          null);
    }
    try {
      Module self = SdkLoader.class.getModule();
      if (self.isNamed()) {
        for (String probe : SDK_PROBES) {
          self.addReads(Class.forName(probe, false, loader).getModule());
        }
        for (String probe : AUTOCONFIGURE_PROBES) {
          self.addReads(Class.forName(probe, false, loader).getModule());
        }
      }
      return new Loaded((SdkInstaller) Class.forName(binding, true, loader).getMethod("create")
          .invoke(null), null, null);
    } catch (Throwable e) {
      Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null
          ? ite.getCause() : e;
      return new Loaded(null, "the OpenTelemetry SDK is on the class path but cannot be used ("
          + cause + "); tracing is not configured", cause);
    }
  }

  private static boolean present(ClassLoader loader, String[] names) {
    for (String name : names) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
    return true;
  }
}
