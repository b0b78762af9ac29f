package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JVM shutdown hook flushes spans ended before exit (a 60 s batch delay never elapses). */
class ExitHookTest {

  @Test
  void jvmExit_flushesEndedSpans() throws Exception {
    try (SpanPostCapture capture = SpanPostCapture.start()) {
      String java =
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      Process child =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  ExitHookMain.class.getName(),
                  capture.endpoint())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child finished").isTrue();
      } finally {
        // Also when the wait timed out or this thread was interrupted (the JUnit timeout).
        child.destroyForcibly();
      }
      assertThat(child.exitValue()).isZero();
      assertThat(capture.received())
          .contains("\"name\":\"exit-parent\"")
          .contains("\"name\":\"exit-child\"")
          .contains("\"serviceName\":\"exit-hook\"");
    }
  }
}
