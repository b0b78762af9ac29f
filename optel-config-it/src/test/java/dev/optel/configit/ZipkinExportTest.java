package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optel.configit.apps.TraceApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.SharedZipkin;
import dev.optel.configit.harness.ZipkinServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Configured runs export to a real Zipkin server; every span arrives with its parent and service
 * name.
 */
@ExtendWith(SharedZipkin.class)
class ZipkinExportTest {
  private static ZipkinServer zipkin;

  @BeforeAll
  static void useZipkin(ZipkinServer server) {
    zipkin = server;
  }

  @Test
  void environmentConfiguredRun_exportsEveryTraceToZipkin() throws Exception {
    TraceShape shape = new TraceShape(2, 4);
    ChildJvm.Result run =
        ChildJvm.of(TraceApp.class)
            .env("OTEL_TRACES_EXPORTER", "zipkin")
            .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint())
            .env("OTEL_SERVICE_NAME", "zipkin-env-app")
            .args(shape.args())
            .run(Duration.ofSeconds(60));

    assertRunExported(run, shape, "zipkin-env-app");
  }

  @Test
  void baseUrl_isCompletedWithTheSpecificationsPath() throws Exception {
    TraceShape shape = new TraceShape(2, 3);
    ChildJvm.Result run =
        ChildJvm.of(TraceApp.class)
            .env("OTEL_TRACES_EXPORTER", "zipkin")
            .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.baseUrl())
            .env("OTEL_SERVICE_NAME", "zipkin-base-url-app")
            .args(shape.args())
            .run(Duration.ofSeconds(60));

    assertRunExported(run, shape, "zipkin-base-url-app");
    assertThat(run.stderr()).as(run.describe()).doesNotContain("optel:");
  }

  @Test
  void builderConfiguredRun_exportsToZipkinAndConsole() throws Exception {
    TraceShape shape = new TraceShape(1, 5);
    ChildJvm.Result run =
        ChildJvm.of(TraceApp.class)
            .env("OTEL_SERVICE_NAME", "loses-to-the-builder")
            .args(
                shape.args(
                    "builder.exporter=console,zipkin",
                    "builder.zipkinEndpoint=" + zipkin.spansEndpoint(),
                    "builder.service=zipkin-builder-app"))
            .run(Duration.ofSeconds(60));

    assertRunExported(run, shape, "zipkin-builder-app");
    // The console exporter's trees are on stderr; stdout is left to the JSON log lines.
    assertThat(run.stderr()).contains("grandchild");
    assertThat(run.stdout()).doesNotContain("grandchild");
    assertThat(zipkin.spansOfService("loses-to-the-builder")).isEmpty();
  }

  private static void assertRunExported(ChildJvm.Result run, TraceShape shape, String service) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.required("configured")).isEqualTo("true");
    List<String> traceIds = List.of(run.required("traceIds").split(","));
    // shutdown() has returned and the JVM halted without shutdown hooks: Zipkin has been sent every
    // span
    // and only needs a moment to make them searchable.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(zipkin.spansOfService(service)).hasSize(shape.totalSpans()));
    shape.assertComplete(zipkin.spansOfService(service), traceIds, service);
    for (String traceId : traceIds) {
      assertThat(zipkin.trace(traceId)).hasSize(shape.spansPerTrace());
    }
  }
}
