package dev.optel.internal.sdk;

import dev.optel.internal.Bindings;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.config.Plan;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Service lookups, the Zipkin exporter and span processors for optel's own exporters. */
final class Providers {
  private static final String ZIPKIN = "dev.optel.internal.sdk.ZipkinSpanExporter";
  private static final String[] ZIPKIN_PROBES = {
    "zipkin2.Span",
    "zipkin2.reporter.SpanBytesEncoder",
    "zipkin2.reporter.urlconnection.URLConnectionSender"
  };

  private Providers() {}

  /** Names of the providers of a service on the class path; broken providers are skipped. */
  static <S> Set<String> names(Class<S> service, Function<S, String> name) {
    Set<String> names = new TreeSet<>();
    try {
      Providers.class.getModule().addUses(service);
      Iterator<S> it = ServiceLoader.load(service, Providers.class.getClassLoader()).iterator();
      while (it.hasNext()) {
        try {
          names.add(name.apply(it.next()));
        } catch (ServiceConfigurationError | RuntimeException | LinkageError skipped) {
          // A provider that cannot load is reported by autoconfigure if it is asked for.
        }
      }
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      // No usable service configuration.
    }
    return names;
  }

  /** Creates an exporter for an endpoint; what {@code ZipkinSpanExporter.create()} returns. */
  interface ExporterFactory {
    /**
     * Creates the exporter.
     *
     * @param endpoint where spans are sent
     * @param timeout the bound of one export
     * @return the exporter
     */
    SpanExporter create(String endpoint, Duration timeout);
  }

  /** Tells whether zipkin-reporter and its URLConnection sender are on the class path. */
  static boolean zipkinPresent() {
    return Bindings.present(ZIPKIN_PROBES);
  }

  /** The Zipkin exporter, or {@code null} when it cannot be created (a warning said why). */
  static SpanExporter zipkin(Plan plan) {
    ExporterFactory factory =
        Bindings.load(
            ExporterFactory.class,
            ZIPKIN,
            ZIPKIN_PROBES,
            Diagnostics.CONFIGURE + "zipkin.load",
            "the zipkin exporter cannot be used");
    if (factory == null) {
      return null;
    }
    try {
      return factory.create(plan.zipkinEndpoint(), plan.zipkinTimeout());
    } catch (RuntimeException e) {
      Diagnostics.warnInConfigure(
          "the zipkin exporter could not be created for " + plan.zipkinEndpoint(), e);
      return null;
    }
  }

  /**
   * The processor for one of optel's exporters: {@code console} prints as spans end; others are
   * batched in the background with the {@code otel.bsp.*} settings, so that a slow or dead backend
   * never blocks the application.
   */
  static SpanProcessor processor(
      String name, SpanExporter exporter, ConfigProperties config, Duration timeout) {
    if (exporter instanceof ConsoleTreeExporter console) {
      return console.processor();
    }
    BatchSpanProcessorBuilder b = BatchSpanProcessor.builder(exporter).setExporterTimeout(timeout);
    Duration delay = config.getDuration("otel.bsp.schedule.delay");
    if (delay != null) {
      b.setScheduleDelay(delay);
    }
    Integer queue = config.getInt("otel.bsp.max.queue.size");
    if (queue != null && queue > 0) {
      b.setMaxQueueSize(queue);
    }
    Integer batch = config.getInt("otel.bsp.max.export.batch.size");
    if (batch != null && batch > 0) {
      b.setMaxExportBatchSize(Math.min(batch, queue != null && queue > 0 ? queue : 2048));
    }
    return b.build();
  }
}
