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
 * are still written. Configured by the variables and by the builder.
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
      assertExported(run, receiver, "otlp-logs-app");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void builderConfiguredRun_logEventsArriveAsLogRecords(String protocol) throws Exception {
    try (OtlpReceiver receiver = start(protocol)) {
      ChildJvm.Result run =
          ChildJvm.of(LogApp.class)
              // The logs-specific settings of the environment lose to the builder's general ones,
              // as the traces-specific ones do.
              .env("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://127.0.0.1:9/nowhere")
              .env(
                  "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL",
                  protocol.equals("grpc") ? "http/protobuf" : "grpc")
              .args(
                  "builder.traceExporters=otlp",
                  "builder.logExporters=otlp",
                  "builder.otlpEndpoint=" + receiver.endpoint(),
                  "builder.otlpProtocol=" + protocol,
                  "builder.service=otlp-logs-builder")
              .run(Duration.ofSeconds(60));
      assertExported(run, receiver, "otlp-logs-builder");
    }
  }

  /**
   * The child halted right after {@code shutdown()} returned: what is not here now was lost. No
   * waiting.
   */
  private static void assertExported(ChildJvm.Result run, OtlpReceiver receiver, String service) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.required("configured")).isEqualTo("true");
    String traceId = run.required("traceId");
    String spanId = run.required("spanId");

    List<ReceivedLog> logs = receiver.logs();
    assertThat(logs)
        .extracting(ReceivedLog::eventName)
        .containsExactly("order_placed", "cache_stale", "payment_failed", "disk_full", "idle");
    assertThat(logs)
        .allSatisfy(
            log -> {
              assertThat(log.scope()).isEqualTo("it.logs");
              assertThat(log.resource()).containsEntry("service.name", service);
            });
    assertThat(logs.subList(0, 4))
        .allSatisfy(
            log -> {
              assertThat(log.traceId()).isEqualTo(traceId);
              assertThat(log.spanId()).isEqualTo(spanId);
              // Sampled; newer SDKs also set the W3C "random" bit (2).
              assertThat(log.flags() & 1).isEqualTo(1);
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

    assertThat(logs.get(1))
        .satisfies(
            warning -> {
              assertThat(warning.severityNumber()).isEqualTo(13);
              assertThat(warning.severityText()).isEqualTo("WARNING");
              assertThat(warning.attributes())
                  .isEqualTo(Map.of("request.id", 42L, "tenant", "acme", "age.ms", 1500L));
            });
    assertThat(logs.get(2))
        .satisfies(
            error -> {
              assertThat(error.severityNumber()).isEqualTo(17);
              assertThat(error.severityText()).isEqualTo("ERROR");
              assertThat(error.attributes())
                  .isEqualTo(Map.of("request.id", 42L, "tenant", "acme", "code", "E42"));
            });

    ReceivedLog critical = logs.get(3);
    assertThat(critical.severityNumber()).isEqualTo(21);
    assertThat(critical.severityText()).isEqualTo("CRITICAL");
    assertThat(critical.attributes())
        .containsEntry("path", "/data")
        .containsEntry("exception.type", IllegalStateException.class.getName())
        .containsEntry("exception.message", "disk gone");
    assertThat((String) critical.attributes().get("exception.stacktrace"))
        .startsWith(IllegalStateException.class.getName() + ": disk gone")
        .contains("LogApp.main");

    // Outside the span and the LogContext: no ids, only the bound field.
    ReceivedLog idle = logs.get(4);
    assertThat(idle.severityNumber()).isEqualTo(9);
    assertThat(idle.traceId()).isEmpty();
    assertThat(idle.spanId()).isEmpty();
    assertThat(idle.flags()).isZero();
    assertThat(idle.attributes()).isEqualTo(Map.of("tenant", "acme"));

    assertThat(run.stdout())
        .contains("\"event\":\"order_placed\"", "\"event\":\"disk_full\"", "\"event\":\"idle\"");
  }
}
