package dev.optel.internal.sdk;

import dev.optel.internal.Bindings;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.config.ExporterNames;
import dev.optel.internal.config.Plan;
import dev.optel.internal.config.SdkInstaller;
import dev.optel.internal.config.Settings;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSamplerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.LogLimitsBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReaderBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds the SDK with OpenTelemetry's autoconfigure module from a {@link Plan}. Autoconfigure reads
 * exactly the plan's merged {@code otel.*} properties; optel adds its own {@code console} and
 * {@code zipkin} exporters and the resource attributes whose precedence it resolved, and takes over
 * the OTLP exporters autoconfigure builds ({@link OtlpExporters}), so that their failures are
 * reported by optel ({@link ExportHealth}) and closing stays bounded.
 */
public final class AutoconfigureInstaller implements SdkInstaller {
  private static final String PROMETHEUS_SERVER =
      "io.opentelemetry.exporter.prometheus.PrometheusHttpServer";

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
    return Providers.names(
        ConfigurableSpanExporterProvider.class, ConfigurableSpanExporterProvider::getName);
  }

  @Override
  public Set<String> logExporterNames() {
    return Providers.names(
        ConfigurableLogRecordExporterProvider.class,
        ConfigurableLogRecordExporterProvider::getName);
  }

  @Override
  public Set<String> metricExporterNames() {
    Set<String> names =
        new TreeSet<>(
            Providers.names(
                ConfigurableMetricExporterProvider.class,
                ConfigurableMetricExporterProvider::getName));
    // The Prometheus exporter comes in through an internal autoconfigure interface (a metric
    // reader provider), so its presence is asked of the class loader.
    if (Bindings.present(PROMETHEUS_SERVER)) {
      names.add("prometheus");
    }
    return names;
  }

  @Override
  public Set<String> samplerNames() {
    return Providers.names(ConfigurableSamplerProvider.class, ConfigurableSamplerProvider::getName);
  }

  @Override
  public Installation build(Plan plan) {
    List<String> forAutoconfigure = new ArrayList<>();
    List<String> ours = new ArrayList<>();
    boolean complete = true;
    Set<String> provided = exporterNames();
    for (String name : plan.exporters()) {
      if (name.equals("console") || name.equals("zipkin") && Providers.zipkinPresent()) {
        ours.add(name);
      } else if (!name.equals("zipkin") && provided.contains(name)) {
        forAutoconfigure.add(name);
      } else {
        // Checked here rather than left to autoconfigure, whose error would cost every exporter.
        missing(plan.exportersOrigin(), name, "Spans");
        complete = false;
      }
    }
    // Log exporters alike: optel's console one writes to standard error, the rest are
    // autoconfigure's; one that is missing is left out with a warning (logs are not part of
    // configure()'s answer, which is about tracing).
    List<String> logExporters = new ArrayList<>();
    boolean consoleLogs = false;
    Set<String> providedLogs = plan.logExporters().isEmpty() ? Set.of() : logExporterNames();
    for (String name : plan.logExporters()) {
      if (name.equals("console")) {
        consoleLogs = true;
      } else if (providedLogs.contains(name)) {
        logExporters.add(name);
      } else {
        missing(Settings.LOGS_EXPORTER.variable(), name, "Log records");
      }
    }
    // Set when one of optel's own exporters could not be created (a warning said why).
    AtomicBoolean oursFailed = new AtomicBoolean();
    Map<String, String> properties = new HashMap<>(plan.sdkProperties());
    properties.put(
        "otel.traces.exporter",
        forAutoconfigure.isEmpty() ? "none" : String.join(",", forAutoconfigure));
    properties.put(
        Settings.LOGS_EXPORTER.key(),
        logExporters.isEmpty() ? "none" : String.join(",", logExporters));
    // And metric exporters: optel's console table, else autoconfigure's (otlp, prometheus, ...).
    List<String> metricExporters = new ArrayList<>();
    boolean consoleMetrics = false;
    Set<String> providedMetrics =
        plan.metricExporters().isEmpty() ? Set.of() : metricExporterNames();
    for (String name : plan.metricExporters()) {
      if (name.equals("console")) {
        consoleMetrics = true;
      } else if (providedMetrics.contains(name)) {
        metricExporters.add(name);
      } else {
        missing(Settings.METRICS_EXPORTER.variable(), name, "Metrics");
      }
    }
    properties.put(
        Settings.METRICS_EXPORTER.key(),
        metricExporters.isEmpty() ? "none" : String.join(",", metricExporters));
    Extras extras = new Extras(consoleLogs || !logExporters.isEmpty(), consoleLogs, consoleMetrics);
    Built sdk;
    try {
      sdk =
          RejectedSettings.build(
              properties,
              plan.sdkOrigins(),
              Plan.SDK_DEFAULTS,
              p -> build(p, plan, ours, oursFailed, extras));
    } catch (RuntimeException rejected) {
      complete = false;
      sdk = withoutExporters(properties, plan, ours, oursFailed, forAutoconfigure, rejected);
    }
    return new SdkInstallation(
        sdk.sdk(),
        sdk.open(),
        sdk.watched(),
        complete && !oursFailed.get(),
        plan.exporterTimeout());
  }

  /**
   * When autoconfigure rejects the configuration and no single setting of the user's is to blame
   * (usually an exporter that cannot be created): the same settings without the exporters
   * autoconfigure makes, then optel's checked settings only.
   */
  private static Built withoutExporters(
      Map<String, String> properties,
      Plan plan,
      List<String> ours,
      AtomicBoolean oursFailed,
      List<String> forAutoconfigure,
      RuntimeException rejected) {
    Diagnostics.warnInConfigure(
        "the OpenTelemetry SDK could not be configured as asked;"
            + " continuing without"
            + (forAutoconfigure.isEmpty()
                ? " the rejected settings"
                : " the exporters " + forAutoconfigure),
        rejected.getCause() == null ? rejected : rejected.getCause());
    Map<String, String> withoutExporters = new HashMap<>(properties);
    withoutExporters.put("otel.traces.exporter", "none");
    withoutExporters.put(Settings.LOGS_EXPORTER.key(), "none");
    withoutExporters.put(Settings.METRICS_EXPORTER.key(), "none");
    Map<String, String> minimal = new HashMap<>(Plan.SDK_DEFAULTS);
    minimal.put("otel.traces.exporter", "none");
    for (Map<String, String> attempt : List.of(withoutExporters, minimal)) {
      try {
        return build(attempt, plan, ours, oursFailed, new Extras(false, false, false));
      } catch (RuntimeException again) {
        // the next, smaller attempt
      }
    }
    throw rejected;
  }

  /**
   * One attempt. optel's own exporters are created inside it, so that an attempt autoconfigure
   * rejects (and closes) never leaves a closed exporter to the next one.
   */
  private static Built build(
      Map<String, String> properties,
      Plan plan,
      List<String> ours,
      AtomicBoolean oursFailed,
      Extras extras) {
    OpenSpans open = new OpenSpans();
    List<ReportingExporter> watched = new CopyOnWriteArrayList<>();
    AutoConfiguredOpenTelemetrySdkBuilder builder =
        SdkCompat.readExactly(AutoConfiguredOpenTelemetrySdk.builder(), Map.copyOf(properties))
            .addResourceCustomizer((resource, config) -> resource.merge(resource(plan)))
            .addSpanExporterCustomizer((exporter, config) -> ownIfOtlp(exporter, config, watched))
            .addTracerProviderCustomizer(
                (tracerProvider, config) ->
                    addOurs(tracerProvider, config, plan, ours, oursFailed, open, watched))
            .disableShutdownHook();
    // Only when asked for: these customizers are the calls here that old autoconfigure lacks.
    if (extras.logs()) {
      builder.addLoggerProviderCustomizer(AutoconfigureInstaller::logLimitsReadOnce);
    }
    if (extras.consoleLogs()) {
      builder.addLoggerProviderCustomizer(
          (loggerProvider, config) ->
              loggerProvider.addLogRecordProcessor(
                  SimpleLogRecordProcessor.create(new ConsoleLogExporter(() -> System.err))));
    }
    if (extras.consoleMetrics()) {
      builder.addMeterProviderCustomizer(
          (meterProvider, config) -> {
            PeriodicMetricReaderBuilder reader =
                PeriodicMetricReader.builder(new ConsoleMetricTable(() -> System.err));
            Duration interval = config.getDuration(Settings.METRIC_EXPORT_INTERVAL.key());
            if (interval != null) {
              reader.setInterval(interval);
            }
            return meterProvider.registerMetricReader(reader.build());
          });
    }
    return new Built(builder.build().getOpenTelemetrySdk(), open, watched);
  }

  /**
   * Whether log records are exported at all, and which of optel's own log and metric exporters to
   * add.
   */
  private record Extras(boolean logs, boolean consoleLogs, boolean consoleMetrics) {}

  /**
   * Gives the logger provider its limits as one value. Autoconfigure hands the SDK a supplier that
   * reads {@code otel.attribute.value.length.limit} and {@code otel.attribute.count.limit} from the
   * properties again, and the SDK calls it for every log record: with optel's logs export, a
   * property lookup and key normalisation per log event. The properties do not change, so they are
   * read here once, with the same meaning.
   */
  private static SdkLoggerProviderBuilder logLimitsReadOnce(
      SdkLoggerProviderBuilder loggerProvider, ConfigProperties config) {
    LogLimitsBuilder limits = LogLimits.builder();
    Integer valueLength = config.getInt("otel.attribute.value.length.limit");
    if (valueLength != null) {
      limits.setMaxAttributeValueLength(valueLength);
    }
    Integer count = config.getInt("otel.attribute.count.limit");
    if (count != null) {
      limits.setMaxNumberOfAttributes(count);
    }
    LogLimits fixed = limits.build();
    return loggerProvider.setLogLimits(() -> fixed);
  }

  /** A built SDK, the span counter it reports to and optel's exporters in it. */
  private record Built(OpenTelemetrySdk sdk, OpenSpans open, List<ReportingExporter> watched) {}

  /**
   * Takes over an OTLP exporter of autoconfigure's; others (the application's) stay as they are.
   */
  private static SpanExporter ownIfOtlp(
      SpanExporter exporter, ConfigProperties config, List<ReportingExporter> watched) {
    if (!OtlpExporters.isOtlp(exporter)) {
      return exporter;
    }
    if (!SdkCompat.canTakeOver(exporter)) {
      Diagnostics.infoOnce(
          "otlp.takeover",
          "this OpenTelemetry SDK is older than 1.49: its OTLP"
              + " exporter reports its failures itself, and closing waits for its retries (at most the"
              + " export timeout)");
      return exporter;
    }
    try {
      Bindings.readModulesOf(exporter.getClass().getName());
      ReportingExporter own = OtlpExporters.own(exporter, config);
      watched.add(own);
      return own;
    } catch (RuntimeException | LinkageError e) {
      // Another version of the exporter: it works as autoconfigure built it, unwatched.
      Diagnostics.warnInConfigure(
          "the OTLP exporter is used as the SDK built it; its failures"
              + " are reported by the SDK and closing may take up to the export timeout",
          e);
      return exporter;
    }
  }

  private static Resource resource(Plan plan) {
    ResourceBuilder attributes = Resource.builder();
    plan.resourceAttributes().forEach(attributes::put);
    if (plan.serviceName() != null) {
      attributes.put("service.name", plan.serviceName());
    }
    return attributes.build();
  }

  private static SdkTracerProviderBuilder addOurs(
      SdkTracerProviderBuilder tracerProvider,
      ConfigProperties config,
      Plan plan,
      List<String> ours,
      AtomicBoolean oursFailed,
      OpenSpans open,
      List<ReportingExporter> watched) {
    for (String name : ours) {
      SpanExporter exporter =
          name.equals("console")
              ? new ConsoleTreeExporter(() -> System.err)
              : zipkin(plan, watched);
      if (exporter == null) {
        oursFailed.set(true);
      } else {
        tracerProvider.addSpanProcessor(
            Providers.processor(name, exporter, config, plan.zipkinTimeout()));
      }
    }
    // Last, so that it sees a span end after the exporting processors queued it.
    tracerProvider.addSpanProcessor(open);
    return tracerProvider;
  }

  /**
   * optel's Zipkin exporter, watched; {@code null} when it cannot be created (a warning said why).
   */
  private static SpanExporter zipkin(Plan plan, List<ReportingExporter> watched) {
    SpanExporter zipkin = Providers.zipkin(plan);
    if (zipkin == null) {
      return null;
    }
    ReportingExporter own =
        new ReportingExporter(
            zipkin,
            new ExportHealth(
                "Zipkin at " + plan.zipkinEndpoint(), ExportFailures::describe, System::nanoTime),
            () -> {});
    watched.add(own);
    return own;
  }

  private static void missing(String origin, String name, String what) {
    String artifact = ExporterNames.artifact(name);
    Diagnostics.warnInConfigure(
        origin
            + " asks for the "
            + name
            + " exporter"
            + " but it is not on the class path; add "
            + (artifact == null ? "the jar that provides it" : artifact)
            + ". "
            + what
            + " are not sent there.",
        null);
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
