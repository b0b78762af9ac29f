package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.testsupport.InMemorySpans;
import dev.optel.testsupport.OtelExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A library that called {@code Telemetry.get} and even started a span before the application
 * installed its SDK must not stop the installation, and its later spans are recorded.
 */
class GlobalInstallTest {
  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

  @Test
  void getAndAFirstSpanBeforeSet_doNotPreventTheApplicationsSdk() {
    assumeTrue(Cp.SDK, "needs the OpenTelemetry SDK");
    assertThat(InMemorySpans.installFailure())
        .as("GlobalOpenTelemetry.set after optel was used")
        .isNull();
    assertThat(EarlyUse.SPAN_RECORDING).as("a span before any SDK is installed").isFalse();
    assertThat(EarlyUse.SPAN_TRACE_ID).isEqualTo("00000000000000000000000000000000");

    InMemorySpans.reset();
    try (Span span = EarlyUse.EARLY.tracer().startSpan("early.after-set")) {
      assertThat(span.isRecording()).isTrue();
    }
    try (Span span = Telemetry.get("dev.optel.tests.late").tracer().startSpan("late")) {
      assertThat(span.isRecording()).isTrue();
    }
    assertThat(Sdk.finished())
        .extracting(Finished::name)
        .containsExactlyInAnyOrder("early.after-set", "late");
  }
}
