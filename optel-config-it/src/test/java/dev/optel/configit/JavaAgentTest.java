package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import dev.optel.configit.apps.AgentApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.OtlpHttpReceiver;
import dev.optel.configit.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** optel under the OpenTelemetry Java agent, which exports over OTLP to a receiver of the test. */
class JavaAgentTest {

  @Test
  void underTheAgent_configureUsesTheAgentAndOptelSpansJoinItsTraces() throws Exception {
    try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
      ChildJvm.Result run =
          ChildJvm.of(AgentApp.class)
              .jvmArgs("-javaagent:" + ChildJvm.requiredJar("optel.it.agentJar"))
              .env("OTEL_SERVICE_NAME", "agent-app")
              .env("OTEL_TRACES_EXPORTER", "otlp")
              .env("OTEL_EXPORTER_OTLP_PROTOCOL", receiver.protocol())
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
              .env("OTEL_METRICS_EXPORTER", "none")
              .env("OTEL_LOGS_EXPORTER", "none")
              .run(Duration.ofSeconds(120));

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.reported("escaped")).as(run.describe()).isEmpty();
      // configure() neither fails nor replaces the agent's OpenTelemetry, and says so.
      assertThat(run.required("configured")).isEqualTo("true");
      assertThat(run.stderr())
          .contains("GlobalOpenTelemetry was already set")
          .doesNotContain("IllegalStateException");
      String traceId = run.required("parent.traceId");
      assertThat(run.required("child.traceId")).isEqualTo(traceId);
      // Logging works inside the agent's trace: the event carries its trace id (whatever the output
      // format).
      assertThat(run.stdout().lines().filter(line -> line.contains("agent_event")))
          .singleElement(STRING)
          .contains(traceId);
      // The agent flushes its spans when the JVM exits; the receiver may still be decoding them.
      String afterShutdown = run.required("after.traceId");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  receiver.spansOfTrace(traceId).size() >= 3
                      && receiver.spansOfTrace(afterShutdown).size() == 1);

      Map<String, ReceivedSpan> byName =
          receiver.spansOfTrace(traceId).stream()
              .collect(Collectors.toMap(ReceivedSpan::name, Function.identity()));
      assertThat(byName).containsOnlyKeys("api-parent", "optel-child", "optel-grandchild");
      ReceivedSpan parent = byName.get("api-parent");
      ReceivedSpan child = byName.get("optel-child");
      ReceivedSpan grandchild = byName.get("optel-grandchild");
      assertThat(parent.spanId()).isEqualTo(run.required("parent.spanId"));
      assertThat(parent.isRoot()).isTrue();
      assertThat(child.spanId()).isEqualTo(run.required("child.spanId"));
      assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
      assertThat(child.attributes()).containsEntry("step", "1");
      assertThat(grandchild.spanId()).isEqualTo(run.required("grandchild.spanId"));
      assertThat(grandchild.parentSpanId()).isEqualTo(child.spanId());
      assertThat(List.of(parent, child, grandchild))
          .allSatisfy(s -> assertThat(s.serviceName()).isEqualTo("agent-app"));
      // optel's shutdown() left the agent's SDK alone: a span started afterwards was still
      // exported.
      assertThat(receiver.spansOfTrace(afterShutdown))
          .singleElement()
          .satisfies(s -> assertThat(s.name()).isEqualTo("after-optel-shutdown"));
    }
  }
}
