package dev.optel.jpmsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code dev.optel.jpmsapp} in a child JVM on the module path. The application module only
 * {@code requires dev.optel}; OpenTelemetry and SLF4J are {@code requires static} in optel, so they
 * are resolved only when the application requires them or the launcher adds them.
 */
class JpmsTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private Result run(List<String> modulePath, String... options) throws Exception {
    return run("App", modulePath, options);
  }

  private Result run(String main, List<String> modulePath, String... options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dio.opentelemetry.context.enableStrictContext=true");
    command.add("--module-path");
    command.add(String.join(File.pathSeparator, modulePath));
    command.addAll(List.of(options));
    command.add("-m");
    command.add("dev.optel.jpmsapp/dev.optel.jpmsapp." + main);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("child finished").isTrue();
    } finally {
      // Also when the wait timed out or this thread was interrupted (the JUnit timeout).
      p.destroyForcibly();
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String path(String property) {
    String value = System.getProperty(property);
    assertThat(value).as(property).isNotBlank();
    assertThat(Path.of(value)).as(property).exists();
    return value;
  }

  private static List<String> coreAlone() {
    return List.of(path("jpms.optel"), path("jpms.app"));
  }

  private static List<String> withBackends() {
    List<String> modulePath = new ArrayList<>(withBackendsButNoOtelCommon());
    modulePath.add(path("jpms.otel.common"));
    return modulePath;
  }

  /** OpenTelemetry API 1.5x+ needs opentelemetry-common; without it the API is half usable. */
  private static List<String> withBackendsButNoOtelCommon() {
    return List.of(
        path("jpms.optel"),
        path("jpms.app"),
        path("jpms.otel.api"),
        path("jpms.otel.context"),
        path("jpms.slf4j"),
        path("jpms.logback.classic"),
        path("jpms.logback.core"));
  }

  @Test
  void coreJarAlone_runsWithNoops() throws Exception {
    Result r = run(coreAlone());
    assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(
            "module=dev.optel",
            "app.module=dev.optel.jpmsapp",
            "otel=false",
            "slf4j=false",
            "noopTracer=true",
            "noopLogger=true",
            "noopSpan=true",
            "result=ok-value",
            "sameException=true",
            "httpModules=false,false");
  }

  @Test
  void tracedHttp_worksWhenTheJdkHttpModulesAreAdded() throws Exception {
    Result r = run("HttpApp", coreAlone(), "--add-modules", "java.net.http,jdk.httpserver");
    assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("status=200", "body=hello", "failedStatus=500", "sameHandlerException=true");
  }

  @Test
  void tracedHttp_worksWithOpenTelemetryInTheModuleGraph() throws Exception {
    Result r =
        run(
            "HttpApp",
            withBackends(),
            "--add-modules",
            "java.net.http,jdk.httpserver,io.opentelemetry.api,org.slf4j");
    assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("status=200", "body=hello", "failedStatus=500", "sameHandlerException=true");
  }

  @Test
  void backendsOnTheModulePathButNotResolved_stayOff() throws Exception {
    Result r = run(withBackends());
    assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("otel=false", "slf4j=false", "sameException=true");
  }

  @Test
  void backendsAddedToTheModuleGraph_areUsed() throws Exception {
    Result r = run(withBackends(), "--add-modules", "io.opentelemetry.api,org.slf4j");
    assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(
            "otel=true",
            "slf4j=true",
            "noopTracer=false",
            "noopLogger=false",
            "result=ok-value",
            "sameException=true");
    // Logback without configuration prints the event (with its key-value pairs) on stdout.
    assertThat(r.out()).contains("jpms_event").containsPattern("k=\"?1\"?");
  }

  @Test
  void anIncompleteOpenTelemetry_costsOneWarningAndNothingElse() throws Exception {
    Result r =
        run(withBackendsButNoOtelCommon(), "--add-modules", "io.opentelemetry.api,org.slf4j");
    assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
    assertThat(r.out()).contains("result=ok-value", "sameException=true", "jpms_event");
    assertThat(r.err()).contains("optel: could not start a span; using a no-op span");
    assertThat(r.err().split("WARNING: optel:", -1)).as("one warning").hasSize(2);
  }
}
