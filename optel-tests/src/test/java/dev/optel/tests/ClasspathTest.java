package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.Telemetry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each execution really has the jars of its case and really lacks the others. */
class ClasspathTest {
  private record Expect(boolean api, boolean sdk, boolean agent, boolean slf4j, boolean logback,
      boolean log4j, boolean simple) {}

  private static final Map<String, Expect> EXPECTED = Map.of(
      "none", new Expect(false, false, false, false, false, false, false),
      "otel-api", new Expect(true, false, false, false, false, false, false),
      "otel-sdk", new Expect(true, true, false, false, false, false, false),
      "logback", new Expect(false, false, false, true, true, false, false),
      "log4j2", new Expect(false, false, false, true, false, true, false),
      "slf4j-simple", new Expect(false, false, false, true, false, false, true),
      "slf4j-noprovider", new Expect(false, false, false, true, false, false, false),
      "all", new Expect(true, true, false, true, true, false, false),
      "agent", new Expect(true, false, true, false, false, false, false));

  @Test
  void classpath_matchesTheExecution() {
    assertThat(EXPECTED).as("execution id (system property optel.test.classpath)").containsKey(Cp.ID);
    Expect e = EXPECTED.get(Cp.ID);
    assertThat(Cp.OTEL_API).as("OpenTelemetry API").isEqualTo(e.api());
    assertThat(Cp.OTEL_SDK).as("OpenTelemetry SDK").isEqualTo(e.sdk());
    assertThat(Cp.SDK_TESTING).as("OpenTelemetry SDK testing").isEqualTo(e.sdk());
    assertThat(Cp.AGENT).as("OpenTelemetry Java agent").isEqualTo(e.agent());
    assertThat(Cp.SLF4J_API).as("slf4j-api").isEqualTo(e.slf4j());
    assertThat(Cp.LOGBACK).as("Logback").isEqualTo(e.logback());
    assertThat(Cp.present("ch.qos.logback.core.Appender")).as("logback-core").isEqualTo(e.logback());
    assertThat(Cp.LOG4J).as("log4j-core").isEqualTo(e.log4j());
    assertThat(Cp.LOG4J_SLF4J2).as("log4j-slf4j2-impl").isEqualTo(e.log4j());
    assertThat(Cp.present("org.apache.logging.log4j.Logger")).as("log4j-api").isEqualTo(e.log4j());
    assertThat(Cp.SIMPLE).as("slf4j-simple").isEqualTo(e.simple());
    assertThat(Cp.present("io.opentelemetry.context.Context")).as("opentelemetry-context")
        .isEqualTo(e.api());
  }

  @Test
  void detection_matchesTheClasspath() {
    assertThat(Telemetry.hasOpenTelemetry()).isEqualTo(Cp.OTEL_API);
    assertThat(Telemetry.hasStructuredLogging()).isEqualTo(Cp.PROVIDER);
  }
}
