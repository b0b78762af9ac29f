package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.configit.apps.ConsoleLoadApp;
import dev.optel.configit.harness.ChildJvm;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code console} exporter holds spans until their root ends; in a 64 MB heap, half a million
 * traces whose child ends after the root, or one root with half a million finished children, must
 * neither run out of memory nor lose a span: every one is printed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleExporterMemoryTest {
  private static final int COUNT = 500_000;

  private static ChildJvm.Result run(String shape) throws Exception {
    ChildJvm.Result run =
        ChildJvm.of(ConsoleLoadApp.class)
            .jvmArgs("-Xmx64m")
            .args("shape=" + shape, "count=" + COUNT)
            .run(Duration.ofMinutes(4));
    assertThat(run.reported("escaped")).as(run.describe()).isEmpty();
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return run;
  }

  @Test
  void childrenEndingAfterTheirRoot_inASmallHeap_areAllPrinted() throws Exception {
    ChildJvm.Result run = run("late");

    assertThat(run.required("lines.request")).isEqualTo(Integer.toString(COUNT));
    assertThat(run.required("lines.late")).isEqualTo(Integer.toString(COUNT));
    assertThat(Long.parseLong(run.required("incomplete"))).isPositive();
  }

  @Test
  void longLivedRootWithManyFinishedChildren_inASmallHeap_areAllPrinted() throws Exception {
    ChildJvm.Result run = run("long");

    assertThat(run.required("lines.server")).isEqualTo("1");
    assertThat(run.required("lines.handled")).isEqualTo(Integer.toString(COUNT));
    assertThat(Long.parseLong(run.required("incomplete"))).isPositive();
  }
}
