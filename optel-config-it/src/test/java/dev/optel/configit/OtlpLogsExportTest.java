package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.configit.apps.LogApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.OtlpGrpcReceiver;
import dev.optel.configit.harness.OtlpHttpReceiver;
import dev.optel.configit.harness.OtlpReceiver;
import dev.optel.configit.harness.ReceivedLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code OTEL_LOGS_EXPORTER=otlp}: the log events of a configured run reach an OTLP receiver (gRPC
 * and http/protobuf, decoded from the real {@code ExportLogsServiceRequest}) with severity, event
 * name, typed attributes, the exception and the ids of the span they were logged in; the JSON lines
 * are still written.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OtlpLogsExportTest {

  private static OtlpReceiver start(String protocol) throws Exception {
    return protocol.equals("grpc") ? OtlpGrpcReceiver.start() : OtlpHttpReceiver.start();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void logEvents_arriveAsLogRecords(String protocol) throws Exception {
    try (OtlpReceiver receiver = start(protocol)) {
      ChildJvm.Result run =
          ChildJvm.of(LogApp.class)
              .env("OTEL_TRACES_EXPORTER", "otlp")
              .env("OTEL_LOGS_EXPORTER", "otlp")
              .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
              .env("OTEL_SERVICE_NAME", "otlp-logs-app")
              .run(Duration.ofSeconds(60));
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.required("configured")).isEqualTo("true");
      String traceId = run.required("traceId");
      String spanId = run.required("spanId");

      // The child halted right after shutdown() returned: what is not here now was lost.
      List<ReceivedLog> logs = receiver.logs();
      assertThat(logs)
          .extracting(ReceivedLog::eventName)
          .containsExactly("order_placed", "disk_full");
      assertThat(logs)
          .allSatisfy(
              log -> {
                assertThat(log.traceId()).isEqualTo(traceId);
                assertThat(log.spanId()).isEqualTo(spanId);
                assertThat(log.scope()).isEqualTo("it.logs");
                assertThat(log.resource()).containsEntry("service.name", "otlp-logs-app");
              });

      ReceivedLog info = logs.get(0);
      assertThat(info.severityNumber()).isEqualTo(9);
      assertThat(info.severityText()).isEqualTo("INFO");
      assertThat(info.body()).isEqualTo("order_placed");
      assertThat(info.attributes())
          .isEqualTo(
              Map.of(
                  "request.id",
                  42L,
                  "tenant",
                  "acme",
                  "count",
                  3L,
                  "price",
                  9.5,
                  "express",
                  true,
                  "tags",
                  List.of("a", "b")));

      ReceivedLog critical = logs.get(1);
      assertThat(critical.severityNumber()).isEqualTo(21);
      assertThat(critical.severityText()).isEqualTo("CRITICAL");
      assertThat(critical.attributes())
          .containsEntry("path", "/data")
          .containsEntry("exception.type", IllegalStateException.class.getName())
          .containsEntry("exception.message", "disk gone");
      assertThat((String) critical.attributes().get("exception.stacktrace"))
          .startsWith(IllegalStateException.class.getName() + ": disk gone")
          .contains("LogApp.main");

      assertThat(run.stdout()).contains("\"event\":\"order_placed\"", "\"event\":\"disk_full\"");
    }
  }
}
