package dev.optel.internal.sdk;

import dev.optel.internal.config.Plan;
import dev.optel.internal.config.SdkInstaller;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.internal.AutoConfigureUtil;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSamplerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the SDK with OpenTelemetry's autoconfigure module from a {@link Plan}. Autoconfigure reads
 * exactly the plan's merged {@code otel.*} properties; optel adds its own {@code console} and
 * {@code zipkin} exporters and the resource attributes whose precedence it resolved.
 */
public final class AutoconfigureInstaller implements SdkInstaller {
  private static final System.Logger LOG = System.getLogger("dev.optel");

  private AutoconfigureInstaller() {}

  /**
   * Creates the installer; called by name.
   *
   * @return the installer
   */
  public static AutoconfigureInstaller create() {
    return new AutoconfigureInstaller();
  }

  @Override
  public Set<String> exporterNames() {
    return Providers.names(ConfigurableSpanExporterProvider.class,
        ConfigurableSpanExporterProvider::getName);
  }

  @Override
  public Set<String> samplerNames() {
    return Providers.names(ConfigurableSamplerProvider.class, ConfigurableSamplerProvider::getName);
  }

  @Override
  public Installation install(Plan plan) {
    List<String> forAutoconfigure = new ArrayList<>();
    Map<String, SpanExporter> ours = new LinkedHashMap<>();
    boolean complete = true;
    for (String name : plan.exporters()) {
      switch (name) {
        case "console":
          ours.put(name, new ConsoleTreeExporter(() -> System.err));
          break;
        case "zipkin":
          SpanExporter zipkin = Providers.zipkin(plan);
          if (zipkin == null) {
            missing(plan, name, "dev.optel:optel-zipkin (io.zipkin.reporter2:zipkin-reporter and"
                + " zipkin-sender-urlconnection)");
            complete = false;
          } else {
            ours.put(name, zipkin);
          }
          break;
        case "otlp":
          if (!Providers.present("io.opentelemetry.exporter.otlp.internal.OtlpSpanExporterProvider")) {
            missing(plan, name, "dev.optel:optel-otlp (io.opentelemetry:opentelemetry-exporter-otlp)");
            complete = false;
          } else {
            forAutoconfigure.add(name);
          }
          break;
        default:
          forAutoconfigure.add(name);
      }
    }
    Map<String, String> properties = new HashMap<>(plan.sdkProperties());
    properties.put("otel.traces.exporter",
        forAutoconfigure.isEmpty() ? "none" : String.join(",", forAutoconfigure));
    // First as asked; if autoconfigure rejects that, without its exporters (the usual culprit: a
    // missing sender or a bad exporter setting); last with optel's checked settings only.
    Map<String, String> withoutExporters = new HashMap<>(properties);
    withoutExporters.put("otel.traces.exporter", "none");
    Map<String, String> minimal = new HashMap<>();
    minimal.put("otel.traces.exporter", "none");
    minimal.put("otel.metrics.exporter", "none");
    minimal.put("otel.logs.exporter", "none");
    List<Map<String, String>> attempts = List.of(properties, withoutExporters, minimal);
    AutoConfiguredOpenTelemetrySdk sdk = null;
    RuntimeException failure = null;
    for (int i = 0; i < attempts.size() && sdk == null; i++) {
      try {
        sdk = build(attempts.get(i), plan, ours);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
          warn("the OpenTelemetry SDK could not be configured as asked (" + e.getMessage()
              + (e.getCause() == null ? "" : ": " + e.getCause()) + "); continuing without"
              + (forAutoconfigure.isEmpty() ? " the rejected settings"
                  : " the exporters " + forAutoconfigure), e);
        }
        complete = false;
      }
    }
    if (sdk == null) {
      closeAll(ours);
      throw failure;
    }
    try {
      // Set here rather than with setResultAsGlobal(), so that an SDK built while someone else set
      // the global meanwhile can be closed instead of leaking its threads.
      GlobalOpenTelemetry.set(sdk.getOpenTelemetrySdk());
    } catch (IllegalStateException alreadySet) {
      sdk.getOpenTelemetrySdk().shutdown();
      return null;
    }
    return new SdkInstallation(sdk.getOpenTelemetrySdk(), complete);
  }

  private static AutoConfiguredOpenTelemetrySdk build(Map<String, String> properties, Plan plan,
      Map<String, SpanExporter> ours) {
    Map<String, String> props = Map.copyOf(properties);
    AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesCustomizer(config -> props)
        .addResourceCustomizer((resource, config) -> resource.merge(resource(plan)))
        .addTracerProviderCustomizer((tracerProvider, config) ->
            addOurs(tracerProvider, config, plan, ours))
        .disableShutdownHook();
    try {
      // Makes autoconfigure see exactly optel's merged view (builder > system property >
      // environment), so that values optel rejected or resolved itself do not reach it.
      AutoConfigureUtil.setConfigPropertiesCustomizer(builder,
          config -> DefaultConfigProperties.createFromMap(props));
    } catch (RuntimeException | LinkageError olderSdk) {
      // The overrides added above still put optel's values first.
    }
    return builder.build();
  }

  private static Resource resource(Plan plan) {
    ResourceBuilder attributes = Resource.builder();
    plan.resourceAttributes().forEach(attributes::put);
    if (plan.serviceName() != null) {
      attributes.put("service.name", plan.serviceName());
    }
    return attributes.build();
  }

  private static SdkTracerProviderBuilder addOurs(SdkTracerProviderBuilder tracerProvider,
      ConfigProperties config, Plan plan, Map<String, SpanExporter> ours) {
    ours.forEach((name, exporter) -> tracerProvider.addSpanProcessor(
        Providers.processor(name, exporter, config, plan.zipkinTimeout())));
    return tracerProvider;
  }

  private static void missing(Plan plan, String name, String artifact) {
    warn(plan.exportersOrigin() + " asks for the " + name + " exporter but it is not on the class"
        + " path; add " + artifact + ". Spans are not sent there.", null);
  }

  private static void closeAll(Map<String, SpanExporter> exporters) {
    exporters.values().forEach(SpanExporter::close);
  }

  static void warn(String message, Throwable cause) {
    try {
      LOG.log(System.Logger.Level.WARNING, "optel: " + message, cause);
    } catch (Throwable ignored) {
      // Reporting must never fail the caller.
    }
  }

  /** Unsets the global; only used for an SDK optel installed itself. */
  static void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  /** Positive milliseconds of a timeout, saturating instead of overflowing. */
  static long millis(Duration timeout) {
    try {
      return Math.max(1, timeout.toMillis());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
