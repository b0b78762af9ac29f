package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.LogContext;
import dev.optel.Span;
import dev.optel.SpanRunnable;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Under the OpenTelemetry Java agent, optel's spans are spans of the agent's global. */
class AgentTest {
  private static final TracingFacade TRACER = Telemetry.get("dev.optel.tests.agent").tracer();

  @Test
  void optelSpans_joinTheAgentsTraces() {
    assumeTrue(Cp.AGENT, "needs the OpenTelemetry Java agent");
    assertThat(Telemetry.hasOpenTelemetry()).isTrue();
    try (Span span = TRACER.startAsCurrentSpan("optel.parent")) {
      assertThat(span.isRecording()).isTrue();
      assertThat(span.traceId())
          .matches("[0-9a-f]{32}")
          .isNotEqualTo("00000000000000000000000000000000");
      assertThat(OtelProbe.currentSpanId()).isEqualTo(span.spanId());
      assertThat(OtelProbe.childOfCurrentTraceId()).isEqualTo(span.traceId());
    }
    String[] childTrace = new String[1];
    String[] app =
        OtelProbe.inApplicationSpan(
            () -> {
              try (Span child = TRACER.startSpan("optel.child")) {
                childTrace[0] = child.traceId();
              }
            });
    assertThat(app[2]).as("the application's span records").isEqualTo("true");
    assertThat(childTrace[0]).isEqualTo(app[0]);
  }

  @Test
  void logContext_travelsInTheAgentsContext() throws Exception {
    assumeTrue(Cp.AGENT, "needs the OpenTelemetry Java agent");
    ExecutorService plain = Executors.newSingleThreadExecutor(); // not wrapped by optel
    try {
      Future<Map<String, Object>> seen;
      try (LogContext.Scope s = LogContext.bind("order_id", "o-7")) {
        // OpenTelemetry's own wrapping, as the agent's executor instrumentation (off here) does.
        seen = plain.submit(OtelProbe.inCurrentContext(LogContext::current));
      }
      assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly(Map.entry("order_id", "o-7"));
      assertThat(plain.submit(LogContext::current).get(10, TimeUnit.SECONDS)).isEmpty();
    } finally {
      plain.shutdownNow();
    }
  }

  @Test
  void inSpan_rethrowsTheSameExceptionUnderTheAgent() {
    assumeTrue(Cp.AGENT, "needs the OpenTelemetry Java agent");
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    assertThatThrownBy(
            () ->
                TRACER.inSpan(
                    "optel.fails",
                    (SpanRunnable<RuntimeException>)
                        span -> {
                          assertThat(span.isRecording()).isTrue();
                          throw boom;
                        }))
        .isSameAs(boom);
  }
}
