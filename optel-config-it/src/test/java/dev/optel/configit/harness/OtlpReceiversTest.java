package dev.optel.configit.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The receivers decode what the OpenTelemetry SDK's own OTLP exporters send. */
class OtlpReceiversTest {

  static Stream<Arguments> receivers() {
    Function<OtlpReceiver, SpanExporter> grpc =
        r -> OtlpGrpcSpanExporter.builder().setEndpoint(r.endpoint()).build();
    Function<OtlpReceiver, SpanExporter> http =
        r ->
            OtlpHttpSpanExporter.builder()
                .setEndpoint(r.endpoint() + "/v1/traces")
                .setCompression("gzip")
                .build();
    return Stream.of(Arguments.of("grpc", grpc), Arguments.of("http/protobuf", http));
  }

  private static OtlpReceiver start(String protocol) throws Exception {
    return protocol.equals("grpc") ? OtlpGrpcReceiver.start() : OtlpHttpReceiver.start();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receivers")
  void receiver_decodesSpansParentsAndResource(
      String protocol, Function<OtlpReceiver, SpanExporter> exporter) throws Exception {
    try (OtlpReceiver receiver = start(protocol)) {
      assertThat(receiver.protocol()).isEqualTo(protocol);
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .setResource(
                  Resource.create(
                      Attributes.of(
                          AttributeKey.stringKey("service.name"),
                          "harness",
                          AttributeKey.stringKey("team"),
                          "a b,c")))
              .addSpanProcessor(BatchSpanProcessor.builder(exporter.apply(receiver)).build())
              .build();
      Tracer tracer = provider.get("harness-test");
      Span parent = tracer.spanBuilder("parent").startSpan();
      String traceId = parent.getSpanContext().getTraceId();
      Scope scope = parent.makeCurrent();
      try {
        for (int i = 0; i < 300; i++) {
          tracer
              .spanBuilder("child")
              .setAttribute("i", i)
              .setAttribute("ok", true)
              .startSpan()
              .end();
        }
      } finally {
        scope.close();
        parent.end();
      }
      assertThat(provider.shutdown().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();

      assertThat(receiver.spansOfTrace(traceId)).hasSize(301);
      ReceivedSpan root =
          receiver.spans().stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow();
      assertThat(root.name()).isEqualTo("parent");
      assertThat(root.spanId()).isEqualTo(parent.getSpanContext().getSpanId());
      assertThat(receiver.spans())
          .filteredOn(s -> !s.isRoot())
          .allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(root.spanId()))
          .allSatisfy(s -> assertThat(s.attributes()).containsEntry("ok", "true").containsKey("i"));
      assertThat(receiver.spans())
          .allSatisfy(
              s -> {
                assertThat(s.serviceName()).isEqualTo("harness");
                assertThat(s.resource()).containsEntry("team", "a b,c");
              });
      assertThat(receiver.requests()).isPositive();
    }
  }
}
