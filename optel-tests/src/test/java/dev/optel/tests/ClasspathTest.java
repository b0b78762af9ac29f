package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.Telemetry;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each execution really has the jars of its case and really lacks the others. */
class ClasspathTest {
  private record Expect(
      boolean api,
      boolean sdk,
      boolean agent,
      boolean slf4j,
      boolean logback,
      boolean log4j,
      boolean simple) {}

  private static final Map<String, Expect> EXPECTED =
      Map.of(
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
    assertThat(EXPECTED)
        .as("execution id (system property optel.test.classpath)")
        .containsKey(Cp.ID);
    Expect e = EXPECTED.get(Cp.ID);
    assertThat(Cp.OTEL_API).as("OpenTelemetry API").isEqualTo(e.api());
    assertThat(Cp.OTEL_SDK).as("OpenTelemetry SDK").isEqualTo(e.sdk());
    assertThat(Cp.SDK_TESTING).as("OpenTelemetry SDK testing").isEqualTo(e.sdk());
    assertThat(Cp.AGENT).as("OpenTelemetry Java agent").isEqualTo(e.agent());
    assertThat(Cp.SLF4J_API).as("slf4j-api").isEqualTo(e.slf4j());
    assertThat(Cp.LOGBACK).as("Logback").isEqualTo(e.logback());
    assertThat(Cp.present("ch.qos.logback.core.Appender"))
        .as("logback-core")
        .isEqualTo(e.logback());
    assertThat(Cp.LOG4J).as("log4j-core").isEqualTo(e.log4j());
    assertThat(Cp.LOG4J_SLF4J2).as("log4j-slf4j2-impl").isEqualTo(e.log4j());
    assertThat(Cp.present("org.apache.logging.log4j.Logger")).as("log4j-api").isEqualTo(e.log4j());
    assertThat(Cp.SIMPLE).as("slf4j-simple").isEqualTo(e.simple());
    assertThat(Cp.present("io.opentelemetry.context.Context"))
        .as("opentelemetry-context")
        .isEqualTo(e.api());
  }

  @Test
  void detection_matchesTheClasspath() {
    assertThat(Telemetry.hasOpenTelemetry()).isEqualTo(Cp.OTEL_API);
    assertThat(Telemetry.hasStructuredLogging()).isEqualTo(Cp.PROVIDER);
  }

  @Test
  void backendJars_haveTheVersionsThisModuleTests() {
    String expected = System.getProperty("optel.test.versions", "");
    assertThat(expected).as("system property optel.test.versions").isNotBlank();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> jars = new ArrayList<>();
    for (String element : classpath.split(File.pathSeparator)) {
      jars.add(Path.of(element).getFileName().toString());
    }
    int matched = 0;
    for (String pair : expected.split(",")) {
      String artifact = pair.substring(0, pair.indexOf('='));
      String version = pair.substring(pair.indexOf('=') + 1);
      for (String jar : jars) {
        if (jar.matches(java.util.regex.Pattern.quote(artifact) + "-[0-9].*\\.jar")) {
          assertThat(jar).isEqualTo(artifact + "-" + version + ".jar");
          matched++;
        }
      }
    }
    boolean anyBackend = Cp.OTEL_API || Cp.SLF4J_API;
    assertThat(matched > 0).as("backend jars found in %s", jars).isEqualTo(anyBackend);
  }
}
