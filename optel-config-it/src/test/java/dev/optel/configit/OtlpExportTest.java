package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.configit.apps.TraceApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.OtlpGrpcReceiver;
import dev.optel.configit.harness.OtlpHttpReceiver;
import dev.optel.configit.harness.OtlpReceiver;
import dev.optel.configit.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configured runs export hundreds of spans over OTLP (gRPC and http/protobuf) to a receiver of the
 * test; when {@code shutdown()} returns every span is there, with the configured resource.
 */
class OtlpExportTest {
  /** 4 traces of 125 spans. */
  private static final TraceShape SHAPE = new TraceShape(4, 93);

  private static OtlpReceiver start(String protocol) throws Exception {
    return protocol.equals("grpc") ? OtlpGrpcReceiver.start() : OtlpHttpReceiver.start();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void environmentConfiguredRun_deliversEverySpanAndTheResource(String protocol) throws Exception {
    try (OtlpReceiver receiver = start(protocol)) {
      ChildJvm.Result run =
          ChildJvm.of(TraceApp.class)
              .env("OTEL_TRACES_EXPORTER", "otlp")
              .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
              .env("OTEL_SERVICE_NAME", "otlp-env-app")
              .env(
                  "OTEL_RESOURCE_ATTRIBUTES",
                  "team=a%20b%2Cc,deployment.environment=it,service.name=loses")
              .args(SHAPE.args())
              .run(Duration.ofSeconds(60));

      List<ReceivedSpan> spans = assertDelivered(run, receiver, "otlp-env-app");
      assertThat(spans)
          .allSatisfy(
              s ->
                  assertThat(s.resource())
                      .containsEntry("team", "a b,c")
                      .containsEntry("deployment.environment", "it")
                      .containsEntry("service.name", "otlp-env-app"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void builderConfiguredRun_deliversEverySpanAndTheResource(String protocol) throws Exception {
    try (OtlpReceiver receiver = start(protocol)) {
      ChildJvm.Result run =
          ChildJvm.of(TraceApp.class)
              .env("OTEL_SERVICE_NAME", "loses-to-the-builder")
              .env("OTEL_RESOURCE_ATTRIBUTES", "team=from%20env,region=eu")
              // Traces-specific settings from the environment lose to the builder's general ones
              // too.
              .env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:9/nowhere")
              .env(
                  "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
                  protocol.equals("grpc") ? "http/protobuf" : "grpc")
              .args(
                  SHAPE.args(
                      "builder.exporter=otlp",
                      "builder.otlpEndpoint=" + receiver.endpoint(),
                      "builder.otlpProtocol=" + protocol,
                      "builder.service=otlp-builder-app",
                      "builder.attr.team=from builder"))
              .run(Duration.ofSeconds(60));

      List<ReceivedSpan> spans = assertDelivered(run, receiver, "otlp-builder-app");
      assertThat(spans)
          .allSatisfy(
              s ->
                  assertThat(s.resource())
                      .containsEntry("team", "from builder")
                      .containsEntry("region", "eu"));
    }
  }

  /**
   * The child halted right after {@code shutdown()} returned, without shutdown hooks, and the
   * receivers record a request before answering it: what is not here now was lost. No waiting.
   */
  private static List<ReceivedSpan> assertDelivered(
      ChildJvm.Result run, OtlpReceiver receiver, String service) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.required("configured")).isEqualTo("true");
    List<ReceivedSpan> spans = receiver.spans();
    SHAPE.assertComplete(spans, List.of(run.required("traceIds").split(",")), service);
    return spans;
  }
}
