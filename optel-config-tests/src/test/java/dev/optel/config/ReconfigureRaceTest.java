package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.Span;
import dev.optel.TelemetryConfig;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Spans that end right after {@code configure()} replaced their setup are exported by it, every
 * time: the replaced SDK must not flush and then close in quick succession, since the batch
 * processor can take the earlier, completed flush for the one of its shutdown and drop what was
 * queued in between (about one run in twenty on SDK 1.28 before the fix). Repeated, because a
 * single run rarely hits the window.
 */
class ReconfigureRaceTest extends ConfigTestSupport {

  /**
   * The memory exporter behind a batch processor whose schedule never comes: only closing exports.
   */
  private static TelemetryConfig.Builder memory(String serviceName) {
    return TelemetryConfig.builder()
        .property("otel.traces.exporter", "memory")
        .property("otel.bsp.schedule.delay", "600000")
        .serviceName(serviceName);
  }

  @RepeatedTest(20)
  void spansEndingRightAfterReconfigure_areExported() {
    assertThat(memory("first").configure()).isTrue();
    Span straddling = Spans.TRACER.startSpan("straddling");
    try (Span parent = Spans.TRACER.startAsCurrentSpan("parent")) {
      assertThat(memory("second").configure()).isTrue();
      try (Span child = Spans.TRACER.startSpan("child")) {
        assertThat(child.isRecording()).isTrue();
      }
    }
    straddling.close();
    assertThat(Spans.exported())
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("straddling", "parent", "child");
  }
}
