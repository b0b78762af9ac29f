package dev.optel.configit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.configit.apps.EchoApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

  @Test
  void run_passesEnvironmentAndPropertiesAndCapturesOutput() throws Exception {
    ChildJvm.Result result =
        ChildJvm.of(EchoApp.class)
            .env("OPTEL_IT_VALUE", "a b,c")
            .sysProp("optel.it.prop", "p1")
            .args("OPTEL_IT_VALUE", "optel.it.prop", "fail")
            .run(Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(3);
    assertThat(result.required("env")).isEqualTo("a b,c");
    assertThat(result.required("prop")).isEqualTo("p1");
    assertThat(result.required("optel")).isEqualTo("dev.optel.Telemetry");
    assertThat(result.stderr()).contains("to stderr");
    assertThat(result.reported("missing")).isEmpty();
  }

  @Test
  void run_neverInheritsOtelVariables() throws Exception {
    // PATH is always set in the parent; OTEL_* never reaches the child unless a test sets it.
    ChildJvm.Result result =
        ChildJvm.of(EchoApp.class).args("OTEL_TRACES_EXPORTER", "none").run(Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.required("env")).isEqualTo("null");
  }

  @Test
  void run_killsAChildThatOutlivesItsTimeout() {
    assertThatThrownBy(
            () -> ChildJvm.of(EchoApp.class).args("X", "y", "block").run(Duration.ofSeconds(5)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("still running after")
        .hasMessageContaining("to stderr");
  }
}
