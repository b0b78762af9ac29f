package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.configit.apps.TraceApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.OtlpHttpReceiver;
import dev.optel.configit.harness.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The most common first run: no collector is listening. With the default settings (a 10 s export
 * timeout and the OTLP exporter's retries) export failures stay quiet (optel's own lines only, no
 * stack trace, none of the SDK's), the JVM exits about as fast as with exporter {@code none}, and
 * one line says how many spans were not delivered and where: through {@code shutdown()} and through
 * the JVM exit hook.
 *
 * <p>Exit times are measured from the moment the application starts leaving ({@link
 * ChildJvm.Result#leaving()}), so that the JVM's start and class loading, which a loaded machine
 * slows by seconds, do not count; runs with exporter {@code none} before and after the run under
 * test give the baseline, the slower of the two.
 */
class DeadCollectorTest {
  /** 24 spans, fewer than one batch. */
  private static final TraceShape SHAPE = new TraceShape(3, 5);

  /**
   * The issue's bound: "at most about 2-3 s later than with exporter none". Waiting for the export
   * timeout (10 s) or for the exporter's retries (several seconds) exceeds it.
   */
  private static final Duration EXIT_SLACK = Duration.ofSeconds(3);

  @ParameterizedTest(name = "{0}, exit through {1}")
  @CsvSource({
    "grpc,          shutdown",
    "grpc,          hook",
    "http/protobuf, shutdown",
    "http/protobuf, hook",
    "zipkin,        shutdown",
    "zipkin,        hook",
  })
  void deadCollector_oneLineSaysWhatWasLost_andExitIsNotDelayed(String exporter, String exit)
      throws Exception {
    ChildJvm.Result before = baseline(exit);
    String dead = Ports.deadEndpoint();
    ChildJvm app = app(exit);
    if (exporter.equals("zipkin")) {
      app.env("OTEL_TRACES_EXPORTER", "zipkin")
          .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", dead + "/api/v2/spans");
    } else {
      app.env("OTEL_TRACES_EXPORTER", "otlp")
          .env("OTEL_EXPORTER_OTLP_PROTOCOL", exporter)
          .env("OTEL_EXPORTER_OTLP_ENDPOINT", dead);
    }
    ChildJvm.Result run = app.run(Duration.ofSeconds(60));
    ChildJvm.Result after = baseline(exit);

    assertClean(run);
    long leaving = run.leaving().toMillis();
    long baseline = ChildJvm.Result.slowest(r -> r.leaving().toMillis(), before, after);
    System.out.printf(
        "dead %s, exit through %s: leaving %d ms, child JVM %d ms"
            + " (exporter none: leaving %d and %d ms, child JVM %d and %d ms)%n",
        exporter,
        exit,
        leaving,
        run.elapsed().toMillis(),
        before.leaving().toMillis(),
        after.leaving().toMillis(),
        before.elapsed().toMillis(),
        after.elapsed().toMillis());
    List<String> lines = optelLines(run);
    assertThat(lines)
        .as(run.describe())
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(2)
        .allSatisfy(line -> assertThat(line).contains(dead));
    assertThat(lines)
        .as(run.describe())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(SHAPE.totalSpans() + " spans")
                    .contains("could not be delivered")
                    .contains("connection refused"));
    assertThat(leaving)
        .as("exit with a dead collector vs %s ms with exporter none\n%s", baseline, run.describe())
        .isLessThanOrEqualTo(baseline + EXIT_SLACK.toMillis());
  }

  private static ChildJvm.Result baseline(String exit) throws Exception {
    ChildJvm.Result run = app(exit).env("OTEL_TRACES_EXPORTER", "none").run(Duration.ofSeconds(60));
    assertClean(run);
    return run;
  }

  @Test
  void otlpHttpStatus_isReportedWithItsCode() throws Exception {
    try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
      // The receiver's HTTP server answers 404 for every path but /v1/traces.
      String wrongPath = receiver.endpoint() + "/nowhere";
      ChildJvm.Result run =
          app("shutdown")
              .env("OTEL_TRACES_EXPORTER", "otlp")
              .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
              .env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", wrongPath)
              .run(Duration.ofSeconds(60));

      assertClean(run);
      assertThat(receiver.spans()).isEmpty();
      assertThat(optelLines(run))
          .as(run.describe())
          .singleElement()
          .asString()
          .contains(wrongPath)
          .contains("HTTP 404")
          .contains(SHAPE.totalSpans() + " spans");
    }
  }

  private static ChildJvm app(String exit) {
    List<String> args = new ArrayList<>(List.of(SHAPE.args()));
    if (exit.equals("hook")) {
      args.add("exit=hook");
    }
    return ChildJvm.of(TraceApp.class)
        .env("OTEL_SERVICE_NAME", "dead-collector")
        .args(args.toArray(String[]::new));
  }

  /**
   * The lines of optel's reports. Every log record on stderr must be one of them: none of the SDK's
   * own export warnings, no stack trace.
   */
  private static List<String> optelLines(ChildJvm.Result run) {
    List<String> lines = Arrays.asList(run.stderr().split("\\R"));
    assertThat(lines)
        .as(run.describe())
        .noneSatisfy(line -> assertThat(line).containsAnyOf("\tat ", "Caused by"));
    List<String> records =
        lines.stream()
            .filter(line -> line.matches("(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): .*"))
            .toList();
    assertThat(records)
        .as(run.describe())
        .allSatisfy(line -> assertThat(line).matches("(WARNING|INFO): optel: .*"));
    return records;
  }

  private static void assertClean(ChildJvm.Result run) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.reported("escaped")).as(run.describe()).isEmpty();
    assertThat(run.required("configured")).isEqualTo("true");
    assertThat(run.required("traceIds").split(",")).hasSize(3);
  }
}
