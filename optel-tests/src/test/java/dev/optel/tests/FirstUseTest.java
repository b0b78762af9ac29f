package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first use of optel in a fresh JVM with this execution's class path: no error and, unless the
 * provider itself writes the event to stderr (slf4j-simple), nothing on stderr — in particular no
 * "No SLF4J providers were found" warning when slf4j-api has no provider.
 */
class FirstUseTest {
  @Test
  void firstUse_inAFreshJvm_isSilentAndDetectsTheClasspath(@TempDir Path dir) throws Exception {
    assumeFalse(Cp.AGENT, "the agent writes its own banner");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Dio.opentelemetry.context.enableStrictContext=true",
                    "-cp",
                    classpath,
                    ChildMain.class.getName()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("child finished").isTrue();
    } finally {
      // Also when the wait timed out or this thread was interrupted (the JUnit timeout).
      p.destroyForcibly();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("exit code; stderr: %s", stderr).isZero();
    assertThat(stdout).contains("otel=" + Cp.OTEL_API + " slf4j=" + Cp.PROVIDER);
    if (Cp.SIMPLE) {
      assertThat(stderr).contains("child_event").doesNotContain("Exception");
    } else {
      assertThat(stderr).as("stderr of the first use").isEmpty();
    }
    assertThat(classpath.split(File.pathSeparator)).isNotEmpty();
  }
}
