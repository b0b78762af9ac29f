package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.OtlpGrpcReceiver;
import dev.optel.configit.harness.ReceivedSpan;
import dev.optel.configit.harness.SharedZipkin;
import dev.optel.configit.harness.ZipkinServer;
import dev.optel.demo.Demo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's demo commands: the demo configured only by {@code OTEL_*} variables, against Zipkin
 * and OTLP.
 */
class DemoTest {

  /**
   * {@code demo | jq}: standard output is nothing but JSON log lines; the trees and prose are on
   * stderr.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void demo_withTheConsoleExporter_printsOnlyJsonLinesOnStdoutAndTheTreesOnStderr()
      throws Exception {
    ChildJvm.Result run = ChildJvm.of(Demo.class).run(Duration.ofSeconds(60));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    List<String> events = new ArrayList<>();
    for (String line : run.stdout().split("\\R")) {
      JsonNode event;
      try {
        event = json.readTree(line);
      } catch (JsonProcessingException e) {
        throw new AssertionError("stdout line is not JSON: " + line + "\n" + run.describe(), e);
      }
      assertThat(event.isObject()).as("stdout line %s", line).isTrue();
      events.add(event.get("event").asText());
    }
    assertThat(events)
        .containsExactlyInAnyOrder(
            "processing_data",
            "processing_complete",
            "processing_data",
            "processing_failed",
            "processing_items",
            "processing_item",
            "processing_item",
            "processing_item",
            "processing_item",
            "processing_item",
            "item_processed",
            "item_processed",
            "item_processed",
            "item_processed",
            "item_processed",
            "items_processed",
            "order_served",
            "order_not_found");
    List<String> stderr = Arrays.asList(run.stderr().split("\\R"));
    // The HTTP example's SERVER spans have a remote parent, a CLIENT span of the same JVM: each
    // prints under it, in the client's tree.
    assertThat(stderr)
        .filteredOn(l -> l.startsWith("trace "))
        .hasSize(5)
        .allSatisfy(l -> assertThat(l).contains("service=optel-demo").doesNotContain("incomplete"));
    assertThat(stderr).filteredOn(l -> l.startsWith("  process_data  ")).hasSize(2);
    assertThat(stderr).filteredOn(l -> l.strip().startsWith("process_item  ")).hasSize(5);
    assertThat(stderr).contains("returned [1, 4, 9]");
    assertThat(stderr)
        .filteredOn(l -> l.startsWith("  GET  "))
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("client"));
    assertThat(stderr)
        .filteredOn(l -> l.startsWith("      GET /orders  "))
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("server").doesNotContain("remote-parent="));
    assertThat(stderr)
        .anySatisfy(l -> assertThat(l).contains("url.full=http://127.0.0.1:", "error.type=404"));
    // The console metrics table, printed at shutdown: the demo's own instruments and TracedHttp's.
    assertThat(stderr).anySatisfy(l -> assertThat(l).startsWith("metrics at "));
    assertThat(stderr)
        .anySatisfy(l -> assertThat(l).contains("demo.orders.lookups", "{result=found}"))
        .anySatisfy(l -> assertThat(l).contains("demo.orders.value", "count=1 sum=99.5"))
        .anySatisfy(l -> assertThat(l).contains("http.client.request.duration", "count=1"))
        .anySatisfy(
            l -> assertThat(l).contains("http.server.request.duration", "http.route=/orders"));
  }

  @Test
  @ExtendWith(SharedZipkin.class)
  void demo_exportsToZipkin(ZipkinServer zipkin) throws Exception {
    ChildJvm.Result run =
        ChildJvm.of(Demo.class)
            .env("OTEL_TRACES_EXPORTER", "zipkin")
            .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint())
            .run(Duration.ofSeconds(60));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(zipkin.spansOfService("optel-demo")).hasSize(15));
    assertDemoTraces(zipkin.spansOfService("optel-demo"));
  }

  @Test
  void demo_exportsOverOtlpWithTheDefaultProtocol() throws Exception {
    try (OtlpGrpcReceiver collector = OtlpGrpcReceiver.start()) {
      ChildJvm.Result run =
          ChildJvm.of(Demo.class)
              .env("OTEL_TRACES_EXPORTER", "otlp")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint())
              .run(Duration.ofSeconds(60));

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertDemoTraces(collector.spans());
    }
  }

  /**
   * Five traces: twice {@code process_data} with one {@code perform_processing} child, then {@code
   * process_items} with a {@code process_items_parallel} child that has one {@code process_item}
   * child per item, then twice a {@code GET} client span with its {@code GET /orders} server span.
   */
  private static void assertDemoTraces(List<ReceivedSpan> spans) {
    assertThat(spans)
        .hasSize(15)
        .allSatisfy(s -> assertThat(s.serviceName()).isEqualTo("optel-demo"));
    List<ReceivedSpan> roots = spans.stream().filter(ReceivedSpan::isRoot).toList();
    // Zipkin stores span names in lower case.
    assertThat(roots)
        .extracting(s -> s.name().toLowerCase(Locale.ROOT))
        .containsExactlyInAnyOrder("process_data", "process_data", "process_items", "get", "get");
    for (ReceivedSpan root : roots) {
      if (root.name().equalsIgnoreCase("GET")) {
        assertThat(root.attributes()).containsKeys("url.full", "http.response.status_code");
        assertThat(childrenOf(spans, root))
            .singleElement()
            .satisfies(
                server -> {
                  assertThat(server.name()).isEqualToIgnoringCase("GET /orders");
                  assertThat(server.attributes()).containsEntry("http.route", "/orders");
                });
      } else if (root.name().equals("process_data")) {
        assertThat(childrenOf(spans, root))
            .singleElement()
            .satisfies(child -> assertThat(child.name()).isEqualTo("perform_processing"));
      } else {
        List<ReceivedSpan> group = childrenOf(spans, root);
        assertThat(group)
            .singleElement()
            .satisfies(child -> assertThat(child.name()).isEqualTo("process_items_parallel"));
        ReceivedSpan parallel = group.get(0);
        assertThat(childrenOf(spans, parallel))
            .hasSize(5)
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
