package dev.optel.internal.config;

import dev.optel.internal.Bindings;
import dev.optel.internal.Diagnostics;

/** Loads the SDK binding by name, only when the SDK and autoconfigure classes exist. */
final class SdkLoader {
  /**
   * The binding, or why there is none.
   *
   * @param installer the binding, or {@code null}
   * @param problem what to tell the user when tracing is asked for and there is no binding; {@code
   *     null} when loading failed, which was reported already
   */
  record Loaded(SdkInstaller installer, String problem) {}

  private static final String[] SDK_PROBES = {
    "io.opentelemetry.sdk.OpenTelemetrySdk",
    "io.opentelemetry.sdk.trace.SdkTracerProvider",
    "io.opentelemetry.sdk.common.CompletableResultCode",
  };
  private static final String[] ALL_PROBES = {
    SDK_PROBES[0],
    SDK_PROBES[1],
    SDK_PROBES[2],
    "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk",
    "io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties",
  };

  private SdkLoader() {}

  /** Loads the binding; never throws but for fatal errors. */
  static Loaded load(String binding) {
    if (!Bindings.present(SDK_PROBES)) {
      return new Loaded(
          null,
          "tracing is enabled but the OpenTelemetry SDK is not on the class"
              + " path (add dev.optel:optel-observability with <type>pom</type>, or"
              + " io.opentelemetry:opentelemetry-sdk and opentelemetry-sdk-extension-autoconfigure);"
              + " spans stay no-op");
    }
    if (!Bindings.present(ALL_PROBES)) {
      return new Loaded(
          null,
          "the OpenTelemetry SDK is on the class path but its autoconfigure"
              + " module is not (add io.opentelemetry:opentelemetry-sdk-extension-autoconfigure, or use"
              + " dev.optel:optel-observability with <type>pom</type>); tracing is not configured");
    }
    return new Loaded(
        Bindings.load(
            SdkInstaller.class,
            binding,
            ALL_PROBES,
            Diagnostics.CONFIGURE + "sdk.load",
            "the OpenTelemetry SDK is on the class path but cannot"
                + " be used; tracing is not configured"),
        null);
  }
}
