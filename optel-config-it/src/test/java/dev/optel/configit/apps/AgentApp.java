package dev.optel.configit.apps;

import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import dev.optel.configit.harness.ChildOutput;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * Runs under the OpenTelemetry Java agent: a span started through the OpenTelemetry API (the agent's SDK)
 * is the parent of optel spans. Reports the ids so that the test can find the trace at its receiver.
 */
public final class AgentApp {
  private AgentApp() {}

  /** Creates the trace and reports {@code parent.*}, {@code child.*} and {@code grandchild.*} ids. */
  public static void main(String[] args) throws Exception {
    ChildOutput.report("global", GlobalOpenTelemetry.get().getClass().getName());
    TracingFacade optel = Telemetry.get(AgentApp.class).tracer();
    Tracer tracer = GlobalOpenTelemetry.getTracer("agent-app");
    Span parent = tracer.spanBuilder("api-parent").startSpan();
    Scope scope = parent.makeCurrent();
    try {
      optel.inSpan("optel-child", java.util.Map.of("step", 1L), child -> {
        ChildOutput.report("child.traceId", child.traceId());
        ChildOutput.report("child.spanId", child.spanId());
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
    ChildOutput.report("done", true);
  }
}
