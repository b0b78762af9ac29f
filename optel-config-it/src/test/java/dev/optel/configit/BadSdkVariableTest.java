package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.configit.apps.TraceApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.OtlpHttpReceiver;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One malformed variable of the SDK specification that optel does not check itself (autoconfigure
 * rejects it) costs only that setting: one warning names the variable and its value, the setting
 * keeps its default, and every span still reaches a real OTLP receiver.
 */
class BadSdkVariableTest {
  private static final TraceShape SHAPE = new TraceShape(2, 4);

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "OTEL_BSP_SCHEDULE_DELAY         | abc",
        "OTEL_BSP_MAX_QUEUE_SIZE         | abc",
        "OTEL_BSP_MAX_QUEUE_SIZE         | -5",
        "OTEL_PROPAGATORS                | bogus",
        "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT | abc",
        "OTEL_EXPORTER_OTLP_HEADERS      | abc",
        "OTEL_EXPORTER_OTLP_COMPRESSION  | bogus",
      })
  void badVariable_isReportedOnceAndSpansStillArrive(String variable, String value)
      throws Exception {
    try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
      ChildJvm.Result run =
          ChildJvm.of(TraceApp.class)
              .env("OTEL_TRACES_EXPORTER", "otlp")
              .env("OTEL_EXPORTER_OTLP_PROTOCOL", receiver.protocol())
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
              .env("OTEL_SERVICE_NAME", "bad-variable-app")
              .env(variable, value)
              .args(SHAPE.args())
              .run(Duration.ofSeconds(60));

      assertThat(run.exitCode()).as(run.describe()).isZero();
      List<String> warnings =
          Arrays.stream(run.stderr().split("\\R"))
              .filter(line -> line.startsWith("WARNING: optel:"))
              .toList();
      assertThat(warnings)
          .as(run.describe())
          .singleElement()
          .asString()
          .contains(variable)
          .contains("\"" + value + "\"");
      assertThat(run.required("configured")).as(run.describe()).isEqualTo("true");
      // The child halted right after shutdown() returned: what is not here now was lost.
      SHAPE.assertComplete(
          receiver.spans(), List.of(run.required("traceIds").split(",")), "bad-variable-app");
    }
  }
}
