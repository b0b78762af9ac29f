package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.SpanRunnable;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Contract behaviour 1: a missing backend means shared immutable no-op singletons. */
class NoopTest {
  @Test
  void withoutOpenTelemetry_tracersAndSpansAreTheSharedNoops() throws Exception {
    assumeFalse(Cp.OTEL_API, "OpenTelemetry is present");
    TracingFacade a = Telemetry.get("a").tracer();
    TracingFacade b = Telemetry.get(NoopTest.class).tracer();
    assertThat(a).isSameAs(b).isSameAs(TracingFacade.noop());
    Span first = a.startSpan("one");
    assertThat(first)
        .isSameAs(a.startAsCurrentSpan("two", Map.of("k", 1)))
        .isSameAs(b.startSpan("three", null))
        .isSameAs(Span.noop());
    assertThat(first.isRecording()).isFalse();
    assertThat(first.traceId()).isEqualTo("00000000000000000000000000000000");
    assertThat(first.spanId()).isEqualTo("0000000000000000");
    assertThat(first.setAttribute("k", "v")).isSameAs(first);
    Span[] inside = new Span[1];
    a.inSpan("body", (SpanRunnable<RuntimeException>) span -> inside[0] = span);
    assertThat(inside[0]).isSameAs(first);
  }

  @Test
  void withOpenTelemetryApiButNothingInstalled_spansAreTheSharedNoop() {
    assumeTrue(Cp.OTEL_API && !Cp.OTEL_SDK && !Cp.AGENT, "needs the API without SDK or agent");
    TracingFacade tracer = Telemetry.get("a").tracer();
    Span span = tracer.startSpan("one");
    assertThat(span).isSameAs(tracer.startAsCurrentSpan("two")).isSameAs(Span.noop());
    assertThat(span.isRecording()).isFalse();
  }

  @Test
  @Timeout(30)
  void withOpenTelemetryApiButNothingInstalled_spansCarryTheIdsOfAValidParent() {
    assumeTrue(Cp.OTEL_API && !Cp.OTEL_SDK && !Cp.AGENT, "needs the API without SDK or agent");
    TracingFacade tracer = Telemetry.get("a").tracer();
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String spanId = "00f067aa0ba902b7";
    Span[] spans =
        OtelProbe.underRemoteParent(
            traceId,
            spanId,
            () -> new Span[] {tracer.startSpan("one"), tracer.startAsCurrentSpan("two", Map.of())});
    for (Span span : spans) {
      // Like OpenTelemetry's own no-op tracer: the span records nothing but keeps the trace going.
      assertThat(span).isNotSameAs(Span.noop());
      assertThat(span.traceId()).isEqualTo(traceId);
      assertThat(span.spanId()).isEqualTo(spanId);
      assertThat(span.isRecording()).isFalse();
      assertThat(span.setAttribute("k", "v").addEvent("e").recordException(new Exception()))
          .isSameAs(span);
      span.close();
    }
    assertThat(OtelProbe.currentSpanId()).isEqualTo("0000000000000000");
    assertThat(tracer.startSpan("three")).isSameAs(Span.noop());
  }

  @Test
  void withoutAnSlf4jProvider_loggersAreTheSharedNoop() {
    assumeFalse(Cp.PROVIDER, "an SLF4J provider is present");
    LoggingFacade a = Telemetry.get("a").logger();
    LoggingFacade b = Telemetry.get("b").logger();
    assertThat(a).isSameAs(b).isSameAs(LoggingFacade.noop());
    assertThat(a.bind("k", "v")).isSameAs(a);
    for (LogLevel level : LogLevel.values()) {
      assertThat(a.isEnabled(level)).as(level.name()).isFalse();
    }
    AtomicInteger calls = new AtomicInteger();
    Supplier<String> lazy = () -> "v" + calls.incrementAndGet();
    a.debug("e", "k", lazy);
    a.info("e", "k", lazy, "k2", lazy);
    a.warning("e", "k", lazy, "k2", lazy, "k3", lazy);
    a.error("e", Map.of("k", lazy));
    a.critical("e", "k", lazy);
    assertThat(calls).hasValue(0);
  }

  @Test
  void withAnSlf4jProvider_loggersAreReal() {
    assumeTrue(Cp.PROVIDER, "needs an SLF4J provider");
    LoggingFacade a = Telemetry.get("a").logger();
    assertThat(a).isNotSameAs(LoggingFacade.noop());
    assertThat(a.isEnabled(LogLevel.ERROR)).isTrue();
    assertThat(a.isEnabled(LogLevel.CRITICAL)).isTrue();
  }
}
