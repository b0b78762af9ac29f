package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.OtlpGrpcReceiver;
import dev.optel.configit.harness.ReceivedSpan;
import dev.optel.configit.harness.SharedZipkin;
import dev.optel.configit.harness.ZipkinServer;
import dev.optel.demo.Demo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's demo commands: the demo configured only by {@code OTEL_*} variables, against Zipkin and OTLP. */
class DemoTest {

  @Test
  @ExtendWith(SharedZipkin.class)
  void demo_exportsToZipkin(ZipkinServer zipkin) throws Exception {
    ChildJvm.Result run = ChildJvm.of(Demo.class)
        .env("OTEL_TRACES_EXPORTER", "zipkin")
        .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint())
        .run(Duration.ofSeconds(60));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(zipkin.spansOfService("optel-demo")).hasSize(11));
    assertDemoTraces(zipkin.spansOfService("optel-demo"));
  }

  @Test
  void demo_exportsOverOtlpWithTheDefaultProtocol() throws Exception {
    try (OtlpGrpcReceiver collector = OtlpGrpcReceiver.start()) {
      ChildJvm.Result run = ChildJvm.of(Demo.class)
          .env("OTEL_TRACES_EXPORTER", "otlp")
          .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint())
          .run(Duration.ofSeconds(60));

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertDemoTraces(collector.spans());
    }
  }

  /**
   * Three traces: twice {@code process_data} with one {@code perform_processing} child, then {@code
   * process_items} with a {@code process_items_parallel} child that has one {@code process_item}
   * child per item.
   */
  private static void assertDemoTraces(List<ReceivedSpan> spans) {
    assertThat(spans).hasSize(11).allSatisfy(s -> assertThat(s.serviceName()).isEqualTo("optel-demo"));
    List<ReceivedSpan> roots = spans.stream().filter(ReceivedSpan::isRoot).toList();
    assertThat(roots).extracting(ReceivedSpan::name)
        .containsExactlyInAnyOrder("process_data", "process_data", "process_items");
    for (ReceivedSpan root : roots) {
      if (root.name().equals("process_data")) {
        assertThat(childrenOf(spans, root)).singleElement()
            .satisfies(child -> assertThat(child.name()).isEqualTo("perform_processing"));
      } else {
        List<ReceivedSpan> group = childrenOf(spans, root);
        assertThat(group).singleElement()
            .satisfies(child -> assertThat(child.name()).isEqualTo("process_items_parallel"));
        ReceivedSpan parallel = group.get(0);
        assertThat(childrenOf(spans, parallel)).hasSize(5)
            .allSatisfy(item -> assertThat(item.name()).isEqualTo("process_item"))
            .extracting(item -> item.attributes().get("item_id"))
            .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
      }
    }
  }

  private static List<ReceivedSpan> childrenOf(List<ReceivedSpan> spans, ReceivedSpan parent) {
    return spans.stream()
        .filter(s -> s.parentSpanId().equals(parent.spanId()))
        .peek(s -> assertThat(s.traceId()).isEqualTo(parent.traceId()))
        .toList();
  }
}
