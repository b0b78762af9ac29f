package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.configit.apps.TraceApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.HangingCollector;
import dev.optel.configit.harness.Ports;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A collector that refuses connections or accepts and never answers neither slows the application's
 * own work, nor throws into it, nor holds up {@code shutdown()} or the application's exit much
 * beyond the exporter timeout. Each test runs the same application with exporter {@code none}
 * before and after the run under test and compares with the slower of the two, so that the baseline
 * meets the same load of the machine. Exit times are measured from the moment the application
 * starts leaving ({@link ChildJvm.Result#leaving()}): the JVM's start and class loading, which a
 * loaded machine slows by seconds, do not count.
 */
class UnreachableCollectorTest {
  /** About 2000 spans around some computation. */
  private static final TraceShape SHAPE = new TraceShape(10, 150);

  private static final String WORK = "work=20000";
  private static final String WARMUP = "warmup=true";
  private static final Duration EXPORTER_TIMEOUT = Duration.ofSeconds(1);

  /**
   * Allowed on top of the baseline's {@code shutdown()} and the exporter timeout. Normally {@code
   * shutdown()} returns right at the exporter timeout; a shutdown that waits for the exporter's own
   * retries takes several seconds more.
   */
  private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(2);

  /**
   * Allowed on top of the baseline's exit time and the exporter timeout, as for {@code shutdown()}:
   * an exit held up by the exporter's retries or threads takes several seconds more.
   */
  private static final Duration EXIT_MARGIN = Duration.ofSeconds(3);

  private static final Duration RUN_BOUND = Duration.ofSeconds(60);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void deadCollector_doesNotSlowOrBreakTheApplication(String protocol) throws Exception {
    ChildJvm.Result before = runWithExporterNone();
    ChildJvm.Result run = runAgainst(Ports.deadEndpoint(), protocol);
    ChildJvm.Result after = runWithExporterNone();

    assertUnharmed(run, "dead " + protocol, before, after);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void hangingCollector_doesNotSlowOrBreakTheApplication(String protocol) throws Exception {
    try (HangingCollector collector = HangingCollector.start()) {
      ChildJvm.Result before = runWithExporterNone();
      ChildJvm.Result run = runAgainst(collector.endpoint(), protocol);
      ChildJvm.Result after = runWithExporterNone();

      assertUnharmed(run, "hanging " + protocol, before, after);
      assertThat(collector.acceptedConnections())
          .as("the exporter tried the hanging collector")
          .isPositive();
    }
  }

  @Test
  void hangingCollector_builderExporterTimeoutBoundsShutdown() throws Exception {
    try (HangingCollector collector = HangingCollector.start()) {
      ChildJvm.Result before = runWithExporterNone();
      ChildJvm.Result run =
          ChildJvm.of(TraceApp.class)
              .env("OTEL_SERVICE_NAME", "unreachable")
              .args(
                  SHAPE.args(
                      WORK,
                      WARMUP,
                      "builder.exporter=otlp",
                      "builder.otlpProtocol=http/protobuf",
                      "builder.otlpEndpoint=" + collector.endpoint(),
                      "builder.timeoutMs=" + EXPORTER_TIMEOUT.toMillis()))
              .run(RUN_BOUND);
      ChildJvm.Result after = runWithExporterNone();

      assertUnharmed(run, "hanging http/protobuf, builder", before, after);
      assertThat(collector.acceptedConnections())
          .as("the exporter tried the hanging collector")
          .isPositive();
    }
  }

  /** The same application and work with exporter {@code none}: what the machine needs right now. */
  private static ChildJvm.Result runWithExporterNone() throws Exception {
    ChildJvm.Result run =
        ChildJvm.of(TraceApp.class)
            .env("OTEL_TRACES_EXPORTER", "none")
            .env("OTEL_SERVICE_NAME", "baseline")
            .args(SHAPE.args(WORK, WARMUP))
            .run(RUN_BOUND);
    assertCleanRun(run);
    return run;
  }

  private static ChildJvm.Result runAgainst(String endpoint, String protocol) throws Exception {
    return ChildJvm.of(TraceApp.class)
        .env("OTEL_TRACES_EXPORTER", "otlp")
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        .env("OTEL_EXPORTER_OTLP_TIMEOUT", Long.toString(EXPORTER_TIMEOUT.toMillis()))
        .env("OTEL_SERVICE_NAME", "unreachable")
        .args(SHAPE.args(WORK, WARMUP))
        .run(RUN_BOUND);
  }

  private static void assertUnharmed(
      ChildJvm.Result run, String label, ChildJvm.Result... baselines) {
    assertCleanRun(run);
    assertThat(run.required("configured")).isEqualTo("true");
    long work = millis(run, "work.ms");
    long baselineWork = ChildJvm.Result.slowest(r -> millis(r, "work.ms"), baselines);
    long shutdown = millis(run, "shutdown.ms");
    long baselineShutdown = ChildJvm.Result.slowest(r -> millis(r, "shutdown.ms"), baselines);
    long leaving = run.leaving().toMillis();
    long baselineLeaving = ChildJvm.Result.slowest(r -> r.leaving().toMillis(), baselines);
    System.out.printf(
        "%s collector: configure %s ms, work %d ms, shutdown %d ms, leaving %d ms, child JVM %d ms;"
            + " exporter none (slowest of %d): work %d ms, shutdown %d ms, leaving %d ms%n",
        label,
        run.required("configure.ms"),
        work,
        shutdown,
        leaving,
        run.elapsed().toMillis(),
        baselines.length,
        baselineWork,
        baselineShutdown,
        baselineLeaving);
    assertThat(work)
        .as("work with the collector unreachable vs %d ms with exporter none", baselineWork)
        .isLessThanOrEqualTo(3 * baselineWork + 2000);
    assertThat(shutdown)
        .as(
            "shutdown() with a %s exporter timeout vs %d ms with exporter none",
            EXPORTER_TIMEOUT, baselineShutdown)
        .isLessThanOrEqualTo(baselineShutdown + EXPORTER_TIMEOUT.plus(SHUTDOWN_MARGIN).toMillis());
    assertThat(leaving)
        .as(
            "exit with a %s exporter timeout vs %d ms with exporter none",
            EXPORTER_TIMEOUT, baselineLeaving)
        .isLessThanOrEqualTo(baselineLeaving + EXPORTER_TIMEOUT.plus(EXIT_MARGIN).toMillis());
  }

  private static long millis(ChildJvm.Result run, String key) {
    return Long.parseLong(run.required(key));
  }

  private static void assertCleanRun(ChildJvm.Result run) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.reported("escaped")).as(run.describe()).isEmpty();
    assertThat(run.stderr()).doesNotContain("Exception in thread");
    assertThat(run.required("traceIds").split(",")).hasSize(10);
  }
}
