package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.Span;
import dev.optel.TelemetryConfig;
import dev.optel.internal.logging.StructuredOutput;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest extends ConfigTestSupport {
  private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

  /**
   * The memory exporter behind a batch processor whose schedule never comes: only a flush exports.
   */
  private static TelemetryConfig.Builder memory() {
    return TelemetryConfig.builder()
        .property("otel.traces.exporter", "memory")
        .property("otel.bsp.schedule.delay", "600000");
  }

  /** The application's own SDK, exporting to a memory exporter, installed as the global. */
  private static OpenTelemetrySdk applicationSdk() {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new MemoryExporter()))
                .build())
        .buildAndRegisterGlobal();
  }

  @Test
  void configureTwice_flushesTheFirstSetupAndReplacesIt() {
    int shutdowns = MemoryExporter.SHUTDOWNS.get();
    assertThat(memory().serviceName("first").configure()).isTrue();
    try (Span span = Spans.TRACER.startSpan("before")) {
      assertThat(span.isRecording()).isTrue();
    }
    assertThat(MemoryExporter.spans()).as("nothing exported before a flush").isEmpty();
    assertThat(memory().serviceName("second").configure()).isTrue();
    assertThat(MemoryExporter.spans())
        .as("flushed when replaced")
        .extracting(SpanData::getName)
        .containsExactly("before");
    assertThat(MemoryExporter.SHUTDOWNS.get() - shutdowns)
        .as("the first setup closed")
        .isEqualTo(1);
    try (Span span = Spans.TRACER.startSpan("after")) {
      assertThat(span.isRecording()).isTrue();
    }
    List<SpanData> spans = Spans.exported();
    assertThat(spans).extracting(SpanData::getName).containsExactly("before", "after");
    assertThat(spans.get(0).getResource().getAttribute(SERVICE)).isEqualTo("first");
    assertThat(spans.get(1).getResource().getAttribute(SERVICE)).isEqualTo("second");
  }

  @Test
  void spansStraddlingReconfigure_areExportedByTheSetupTheyStartedIn() {
    assertThat(memory().serviceName("first").configure()).isTrue();
    Span straddling = Spans.TRACER.startSpan("straddling");
    String parentId;
    try (Span parent = Spans.TRACER.startAsCurrentSpan("parent")) {
      parentId = parent.spanId();
      assertThat(memory().serviceName("second").configure()).isTrue();
      try (Span child = Spans.TRACER.startSpan("child")) {
        assertThat(child.isRecording()).isTrue();
      }
    }
    straddling.close();

    List<SpanData> spans = Spans.exported();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("straddling", "parent", "child");
    assertThat(spans)
        .filteredOn(s -> !s.getName().equals("child"))
        .allSatisfy(s -> assertThat(s.getResource().getAttribute(SERVICE)).isEqualTo("first"));
    SpanData child =
        spans.stream().filter(s -> s.getName().equals("child")).findFirst().orElseThrow();
    assertThat(child.getResource().getAttribute(SERVICE)).isEqualTo("second");
    assertThat(child.getParentSpanId()).isEqualTo(parentId);
  }

  @Test
  void replacedSetup_closesItselfOnceItsLastSpanEnded() {
    assertThat(memory().serviceName("first").configure()).isTrue();
    Tracer first = GlobalOpenTelemetry.getTracer("direct");
    Span straddling = Spans.TRACER.startSpan("straddling");
    assertThat(memory().serviceName("second").configure()).isTrue();
    io.opentelemetry.api.trace.Span direct = first.spanBuilder("while-open").startSpan();
    assertThat(direct.isRecording()).as("the replaced SDK stays open while its spans are").isTrue();
    direct.end();

    straddling.close();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(MemoryExporter.spans())
                  .extracting(SpanData::getName)
                  .contains("straddling");
              assertThat(first.spanBuilder("late").startSpan().isRecording())
                  .as("closed")
                  .isFalse();
            });
  }

  /**
   * The last span ends right after configure() returns, while the replaced SDK's batch worker lags
   * (see {@link LaggingFlush}); this once lost every span of the replaced SDK on a loaded machine.
   */
  @Test
  void replacedSetup_exportsItsLastSpansAlsoWhenItsBatchWorkerLags() {
    assumeTrue(LaggingFlush.supported(), "this autoconfigure cannot wrap span processors");
    LaggingFlush.arm();
    try {
      assertThat(memory().serviceName("first").configure()).isTrue();
    } finally {
      LaggingFlush.disarm();
    }
    try (Span ended = Spans.TRACER.startSpan("ended-before")) {
      assertThat(ended.isRecording()).isTrue();
    }
    Span straddling = Spans.TRACER.startSpan("straddling");
    assertThat(memory().serviceName("second").configure()).isTrue();

    straddling.close();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(MemoryExporter.spans())
                    .extracting(SpanData::getName)
                    .containsExactlyInAnyOrder("ended-before", "straddling"));
  }

  @Test
  void shutdown_closesAReplacedSetupWhoseSpansNeverEnded() {
    assertThat(memory().serviceName("first").configure()).isTrue();
    Tracer first = GlobalOpenTelemetry.getTracer("direct");
    Spans.TRACER.startSpan("never-ended");
    try (Span ended = Spans.TRACER.startSpan("ended")) {
      assertThat(ended.isRecording()).isTrue();
    }
    assertThat(memory().serviceName("second").configure()).isTrue();

    TelemetryConfig.shutdown();

    assertThat(first.spanBuilder("late").startSpan().isRecording()).as("closed").isFalse();
    assertThat(MemoryExporter.spans()).extracting(SpanData::getName).containsExactly("ended");
  }

  @Test
  void globalAlreadySet_isUsedAndLoggingOnlyIsConfigured() {
    OpenTelemetrySdk app = applicationSdk();
    try {
      assertThat(
              TelemetryConfig.builder()
                  .serviceName("ours")
                  .traceExporters(List.of("console"))
                  .configure())
          .isTrue();
      assertThat(messages()).anyMatch(m -> m.contains("GlobalOpenTelemetry was already set"));
      assertThat(StructuredOutput.isInstalled()).as("JSON log lines set up").isTrue();
      Spans.parentAndChild();
      TelemetryConfig.shutdown();
      assertThat(StructuredOutput.isInstalled()).as("JSON log lines removed by shutdown").isFalse();
      assertThat(MemoryExporter.spans())
          .hasSize(2)
          .allMatch(s -> !"ours".equals(s.getResource().getAttribute(SERVICE)));
      assertThat(GlobalOpenTelemetry.getTracerProvider().toString())
          .as("the application's global is left in place")
          .contains("ObfuscatedTracerProvider");
      Spans.parentAndChild();
      assertThat(MemoryExporter.spans()).hasSize(4);
    } finally {
      app.close();
    }
  }

  @Test
  void shutdown_isBoundedWhenTheExporterHangs() throws Exception {
    HangingExporter.entered = new CountDownLatch(1);
    HangingExporter.release = new CountDownLatch(1);
    try {
      // A batch is exported as soon as a span ends, so that the exporter hangs from the start.
      assertThat(
              TelemetryConfig.builder()
                  .property("otel.traces.exporter", "hanging")
                  .property("otel.bsp.schedule.delay", "1")
                  .exporterTimeout(Duration.ofMillis(300))
                  .configure())
          .isTrue();
      Spans.parentAndChild();
      assertThat(HangingExporter.entered.await(10, TimeUnit.SECONDS)).as("export started").isTrue();
      // Ending spans never waits for the exporter (waiting would hang until the test's timeout).
      for (int i = 0; i < 100; i++) {
        Spans.parentAndChild();
      }
      TelemetryConfig.shutdown();
      assertThat(HangingExporter.HANGING)
          .as("shutdown() returned while the export still hangs")
          .hasPositiveValue();
      assertThat(warnings()).anyMatch(w -> w.contains("did not finish flushing within 300 ms"));
    } finally {
      HangingExporter.release.countDown();
    }
  }

  @Test
  void shutdown_withoutConfigure_leavesTheApplicationsSdkAlone() {
    int shutdowns = MemoryExporter.SHUTDOWNS.get();
    OpenTelemetrySdk app = applicationSdk();
    try {
      TelemetryConfig.shutdown();
      assertThat(MemoryExporter.SHUTDOWNS.get() - shutdowns).as("exporters closed").isZero();
      Spans.parentAndChild();
      assertThat(MemoryExporter.spans()).as("recorded by the application's SDK").hasSize(2);
      assertThat(warnings()).isEmpty();
    } finally {
      app.close();
    }
  }

  @Test
  void shutdownTwice_flushesOnceThenLeavesTheApplicationsSdkAlone() {
    int shutdowns = MemoryExporter.SHUTDOWNS.get();
    assertThat(memory().configure()).isTrue();
    Spans.parentAndChild();
    TelemetryConfig.shutdown();
    assertThat(MemoryExporter.spans()).as("flushed by the first shutdown").hasSize(2);
    assertThat(MemoryExporter.SHUTDOWNS.get() - shutdowns)
        .as("closed by the first shutdown")
        .isEqualTo(1);
    OpenTelemetrySdk app = applicationSdk();
    try {
      TelemetryConfig.shutdown();
      assertThat(MemoryExporter.SHUTDOWNS.get() - shutdowns).as("closed again").isEqualTo(1);
      Spans.parentAndChild();
      assertThat(MemoryExporter.spans()).as("recorded by the application's SDK").hasSize(4);
      assertThat(warnings()).isEmpty();
    } finally {
      app.close();
    }
  }

  @Test
  void shutdown_unsetsOurGlobalSoThatTheApplicationCanInstallItsOwn() {
    assertThat(memory().serviceName("ours").configure()).isTrue();
    TelemetryConfig.shutdown();
    OpenTelemetrySdk app = applicationSdk();
    try {
      Spans.parentAndChild();
      assertThat(MemoryExporter.spans())
          .as("optel's spans, recorded by the application's SDK")
          .hasSize(2)
          .allMatch(s -> !"ours".equals(s.getResource().getAttribute(SERVICE)));
    } finally {
      app.close();
    }
  }

  @Test
  void missingExporter_warnsAndConfigureReportsIt() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      // opentelemetry-exporter-otlp is deliberately not on this module's class path.
      assertThat(TelemetryConfig.builder().traceExporters(List.of("otlp", "console")).configure())
          .isFalse();
      assertThat(warnings())
          .singleElement()
          .asString()
          .contains("traceExporters")
          .contains("otlp")
          .contains("add dev.optel:optel-otlp with <type>pom</type>");
      try (Span span = Spans.TRACER.startSpan("console-still-works")) {
        assertThat(span.isRecording()).isTrue();
      }
      TelemetryConfig.shutdown();
    } finally {
      System.setErr(previous);
    }
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .as("printed by the console exporter")
        .contains("console-still-works");
  }

  @Test
  void missingExporter_fromTheDefault_isNamed() {
    env(Map.of("OTEL_SERVICE_NAME", "svc"));
    assertThat(TelemetryConfig.configure()).isFalse();
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("OTEL_TRACES_EXPORTER")
        .contains("otlp");
  }
}
