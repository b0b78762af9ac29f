package dev.optel.async.otel;

import dev.optel.async.support.Probe;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.stream.Collectors;

/** One OpenTelemetry SDK per test JVM, installed as the global, exporting to memory. */
final class OtelEnv {
  static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

  static {
    OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER)).build())
        .buildAndRegisterGlobal();
  }

  private OtelEnv() {}

  static void reset() {
    EXPORTER.reset();
  }

  static List<SpanData> spans(String name) {
    return EXPORTER.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .collect(Collectors.toList());
  }

  static SpanData span(String name) {
    List<SpanData> found = spans(name);
    if (found.size() != 1) {
      throw new AssertionError("expected one span " + name + ", found " + found.size() + " in "
          + EXPORTER.getFinishedSpanItems());
    }
    return found.get(0);
  }

  /** Describes what is attached to this thread (OpenTelemetry context or LogContext fields). */
  static String leftovers() {
    String fields = Probe.logFieldsLeft();
    Context current = Context.current();
    return current == Context.root() ? fields : fields + " context " + current;
  }

  /** Before each test: no spans recorded, no warnings pending. */
  static void beforeEach() {
    reset();
    dev.optel.async.support.Warnings.drain();
  }

  /**
   * After each test: optel warned about nothing, and neither the calling thread nor any of the
   * {@code threads} threads of {@code pool} has a span or a {@code LogContext} field attached.
   */
  static void assertNothingLeft(java.util.concurrent.ExecutorService pool, int threads)
      throws Exception {
    org.assertj.core.api.Assertions.assertThat(dev.optel.async.support.Warnings.drain())
        .as("optel warnings").isEmpty();
    org.assertj.core.api.Assertions.assertThat(leftovers()).as("caller thread").isEmpty();
    Probe.assertClean(pool, threads, OtelEnv::leftovers);
  }
}
