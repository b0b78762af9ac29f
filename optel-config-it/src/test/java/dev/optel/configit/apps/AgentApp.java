package dev.optel.configit.apps;

import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.TracingFacade;
import dev.optel.configit.harness.ChildOutput;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * Runs under the OpenTelemetry Java agent: calls {@link TelemetryConfig#configure()}, then starts a
 * span through the OpenTelemetry API (the agent's SDK) as the parent of optel spans, logs inside
 * them, calls {@link TelemetryConfig#shutdown()} and finally starts one more API span, which the
 * agent must still export. Reports the ids so that the test can find the traces at its receiver.
 */
public final class AgentApp {
  private AgentApp() {}

  /** Runs the scenario; reports {@code configured}, ids, and {@code escaped} for any exception. */
  public static void main(String[] args) {
    try {
      ChildOutput.report("configured", TelemetryConfig.configure());
      TracingFacade optel = Telemetry.get(AgentApp.class).tracer();
      LoggingFacade log = Telemetry.get(AgentApp.class).logger();
      Tracer tracer = GlobalOpenTelemetry.getTracer("agent-app");
      Span parent = tracer.spanBuilder("api-parent").startSpan();
      Scope scope = parent.makeCurrent();
      try {
        optel.inSpan(
            "optel-child",
            Map.of("step", 1L),
            child -> {
              ChildOutput.report("child.traceId", child.traceId());
              ChildOutput.report("child.spanId", child.spanId());
              log.info("agent_event", "step", 1);
              try (dev.optel.Span grandchild = optel.startSpan("optel-grandchild")) {
                ChildOutput.report("grandchild.spanId", grandchild.spanId());
              }
            });
      } finally {
        scope.close();
        parent.end();
      }
      ChildOutput.report("parent.traceId", parent.getSpanContext().getTraceId());
      ChildOutput.report("parent.spanId", parent.getSpanContext().getSpanId());

      TelemetryConfig.shutdown();
      Span after = tracer.spanBuilder("after-optel-shutdown").startSpan();
      after.end();
      ChildOutput.report("after.traceId", after.getSpanContext().getTraceId());
    } catch (Throwable t) {
      ChildOutput.report("escaped", t);
      t.printStackTrace();
    }
    // A normal exit: the agent exports what is left from its own shutdown hook.
  }
}
