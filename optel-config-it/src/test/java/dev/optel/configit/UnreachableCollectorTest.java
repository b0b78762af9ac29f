package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.configit.apps.TraceApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.HangingCollector;
import dev.optel.configit.harness.Ports;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A collector that refuses connections or accepts and never answers neither slows the application's own
 * work (compared with exporter {@code none} in the same test class), nor throws into it, nor holds up
 * {@code shutdown()} much beyond the exporter timeout.
 */
class UnreachableCollectorTest {
  /** About 2000 spans around some computation. */
  private static final TraceShape SHAPE = new TraceShape(10, 150);
  private static final String WORK = "work=20000";
  private static final String WARMUP = "warmup=true";
  private static final Duration EXPORTER_TIMEOUT = Duration.ofSeconds(1);
  /** Generous: "within a few seconds" of a 1 s exporter timeout. */
  private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(5);

  private static long baselineWorkMillis;

  @BeforeAll
  static void measureWithExporterNone() throws Exception {
    ChildJvm.Result run = ChildJvm.of(TraceApp.class)
        .env("OTEL_TRACES_EXPORTER", "none")
        .env("OTEL_SERVICE_NAME", "baseline")
        .args(SHAPE.args(WORK, WARMUP))
        .run(Duration.ofSeconds(60));
    assertCleanRun(run);
    baselineWorkMillis = Long.parseLong(run.required("work.ms"));
    System.out.printf("exporter none: work %d ms, shutdown %s ms%n", baselineWorkMillis, run.required("shutdown.ms"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void deadCollector_doesNotSlowOrBreakTheApplication(String protocol) throws Exception {
    ChildJvm.Result run = runAgainst(Ports.deadEndpoint(), protocol);

    assertUnharmed(run, "dead " + protocol);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void hangingCollector_doesNotSlowOrBreakTheApplication(String protocol) throws Exception {
    try (HangingCollector collector = HangingCollector.start()) {
      ChildJvm.Result run = runAgainst(collector.endpoint(), protocol);

      assertUnharmed(run, "hanging " + protocol);
      assertThat(collector.acceptedConnections()).as("the exporter tried the hanging collector").isPositive();
    }
  }

  @Test
  void hangingCollector_builderExporterTimeoutBoundsShutdown() throws Exception {
    try (HangingCollector collector = HangingCollector.start()) {
      ChildJvm.Result run = ChildJvm.of(TraceApp.class)
          .env("OTEL_SERVICE_NAME", "unreachable")
          .args(SHAPE.args(WORK, WARMUP, "builder.exporter=otlp", "builder.otlpProtocol=http/protobuf",
              "builder.otlpEndpoint=" + collector.endpoint(), "builder.timeoutMs=" + EXPORTER_TIMEOUT.toMillis()))
          .run(Duration.ofSeconds(60));

      assertUnharmed(run, "hanging http/protobuf, builder");
      assertThat(collector.acceptedConnections()).as("the exporter tried the hanging collector").isPositive();
    }
  }

  private static ChildJvm.Result runAgainst(String endpoint, String protocol) throws Exception {
    return ChildJvm.of(TraceApp.class)
        .env("OTEL_TRACES_EXPORTER", "otlp")
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        .env("OTEL_EXPORTER_OTLP_TIMEOUT", Long.toString(EXPORTER_TIMEOUT.toMillis()))
        .env("OTEL_SERVICE_NAME", "unreachable")
        .args(SHAPE.args(WORK, WARMUP))
        .run(Duration.ofSeconds(60));
  }

  private static void assertUnharmed(ChildJvm.Result run, String label) {
    assertCleanRun(run);
    System.out.printf("%s collector: work %s ms, shutdown %s ms, child JVM %d ms%n", label, run.required("work.ms"),
        run.required("shutdown.ms"), run.elapsed().toMillis());
    assertThat(run.required("configured")).isEqualTo("true");
    long work = Long.parseLong(run.required("work.ms"));
    assertThat(work).as("work with the collector unreachable vs %d ms with exporter none", baselineWorkMillis)
        .isLessThan(3 * baselineWorkMillis + 2000);
    assertThat(Long.parseLong(run.required("shutdown.ms"))).as("shutdown() with a %s exporter timeout",
        EXPORTER_TIMEOUT).isLessThan(SHUTDOWN_BOUND.toMillis());
  }

  private static void assertCleanRun(ChildJvm.Result run) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.reported("escaped")).as(run.describe()).isEmpty();
    assertThat(run.stderr()).doesNotContain("Exception in thread");
    assertThat(run.required("traceIds").split(",")).hasSize(10);
  }
}
