package dev.optel.internal.sdk;

import dev.optel.internal.config.Plan;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Class-path probes, service lookups and span processors for optel's own exporters. */
final class Providers {
  private static final String ZIPKIN = "dev.optel.internal.sdk.ZipkinSpanExporter";

  private Providers() {}

  static boolean present(String... classNames) {
    ClassLoader loader = Providers.class.getClassLoader();
    for (String name : classNames) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
    return true;
  }

  /**
   * On the module path, lets optel read the modules of these classes, which it {@code requires
   * static}: such a module is only read when something else in the graph required it.
   *
   * @param classNames classes on the class or module path
   * @throws ClassNotFoundException when one is missing
   */
  static void readModulesOf(String... classNames) throws ClassNotFoundException {
    Module self = Providers.class.getModule();
    if (self.isNamed()) {
      ClassLoader loader = Providers.class.getClassLoader();
      for (String name : classNames) {
        self.addReads(Class.forName(name, false, loader).getModule());
      }
    }
  }

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

  /** Tells whether zipkin-reporter and its URLConnection sender are on the class path. */
  static boolean zipkinPresent() {
    return present("zipkin2.Span", "zipkin2.reporter.SpanBytesEncoder",
        "zipkin2.reporter.urlconnection.URLConnectionSender");
  }

  /** The Zipkin exporter, or {@code null} when it cannot be created (a warning said why). */
  static SpanExporter zipkin(Plan plan) {
    if (!zipkinPresent()) {
      return null;
    }
    try {
      readModulesOf("zipkin2.Span", "zipkin2.reporter.SpanBytesEncoder",
          "zipkin2.reporter.urlconnection.URLConnectionSender");
      return (SpanExporter) Class.forName(ZIPKIN, true, Providers.class.getClassLoader())
          .getMethod("create", String.class, Duration.class)
          .invoke(null, plan.zipkinEndpoint(), plan.zipkinTimeout());
    } catch (InvocationTargetException e) {
      AutoconfigureInstaller.warn("the zipkin exporter could not be created for "
          + plan.zipkinEndpoint() + ": " + e.getCause(), e.getCause());
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      AutoconfigureInstaller.warn("the zipkin exporter cannot be used: " + e, e);
      return null;
    }
  }

  /**
   * The processor for one of optel's exporters: {@code console} prints as spans end; others are
   * batched in the background with the {@code otel.bsp.*} settings, so that a slow or dead backend
   * never blocks the application.
   */
  static SpanProcessor processor(String name, SpanExporter exporter, ConfigProperties config,
      Duration timeout) {
    if (name.equals("console")) {
      return SimpleSpanProcessor.create(exporter);
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
