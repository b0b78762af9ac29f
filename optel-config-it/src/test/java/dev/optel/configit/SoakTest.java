package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optel.configit.apps.SoakApp;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.OtlpGrpcReceiver;
import dev.optel.configit.harness.Ports;
import dev.optel.configit.harness.ReceivedSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak run of about a minute: the OTLP collector is down, then up, then down again while 4
 * threads of an application in a 64 MB heap end spans and log (see {@link SoakApp}). Every span
 * ended while the collector was up, once the spans queued during the outage were sent, arrives;
 * memory after a full GC at the end of the second outage is about what it was at the end of the
 * first; every log event is one JSON line on stdout.
 *
 * <p>Spans ended while the outage's backlog is being sent may be dropped: the SDK's export queue
 * keeps the oldest spans and drops new ones while it is full.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SoakTest {
  private static final int SPANS_PER_PHASE = 10_000;
  private static final Duration WAIT = Duration.ofMinutes(2);

  /**
   * Allowed heap growth between the ends of the two outages, over the 30,000 spans or more ended in
   * between; the export queue alone (8192 spans, full or nearly empty when measured) accounts for
   * about 10 MB of it. A leak of about 500 bytes per span fails.
   */
  private static final long HEAP_GROWTH_BOUND = 16L * 1024 * 1024;

  @Test
  void collectorDownUpDown_whileThreadsEndSpansAndLog_deliversTheUpSpansInBoundedMemory(
      @TempDir Path dir) throws Exception {
    int port = Ports.freePort();
    CompletableFuture<ChildJvm.Result> child =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ChildJvm.of(SoakApp.class)
                    .jvmArgs("-Xmx64m")
                    .args(
                        "http://127.0.0.1:" + port,
                        dir.toString(),
                        Integer.toString(SPANS_PER_PHASE))
                    .run(Duration.ofMinutes(4));
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });

    long upSpans;
    List<ReceivedSpan> upArrived;
    try {
      awaitFileOrChildEnd(dir.resolve("down1-done"), child);
      try (OtlpGrpcReceiver collector = OtlpGrpcReceiver.start(port)) {
        Files.createFile(dir.resolve("collector-up"));
        // The spans queued during the outage go first; once a span ended after the collector came
        // up arrives, the queue has room again and nothing more may be lost.
        await().atMost(WAIT).until(() -> distinctSteps(collector.spans(), "recovering") > 0);
        Files.createFile(dir.resolve("recovered"));
        awaitFileOrChildEnd(dir.resolve("up-done"), child);
        long ended = Long.parseLong(Files.readString(dir.resolve("up-done")));
        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(distinctSteps(collector.spans(), "up"))
                        .as("spans ended while the collector was up, received")
                        .isEqualTo(ended));
        upSpans = ended;
        upArrived = collector.spans();
      }
    } finally {
      // Also after a failure, so that the child runs to its end instead of waiting for us.
      for (String signal : List.of("collector-up", "recovered", "collector-down")) {
        if (!Files.exists(dir.resolve(signal))) {
          Files.createFile(dir.resolve(signal));
        }
      }
    }
    ChildJvm.Result run = child.get(4, TimeUnit.MINUTES);

    assertThat(run.reported("escaped")).as(run.describe()).isEmpty();
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.required("configured")).isEqualTo("true");
    assertThat(upSpans)
        .isEqualTo(Long.parseLong(run.required("ended.up")))
        .isGreaterThanOrEqualTo(SPANS_PER_PHASE);
    assertThat(distinctSteps(upArrived, "up"))
        .as("every span ended while the collector was up")
        .isEqualTo(upSpans);
    long heapDown1 = Long.parseLong(run.required("heap.down1"));
    long heapDown2 = Long.parseLong(run.required("heap.down2"));
    System.out.printf(
        "soak: %s spans ended, %d while up; heap after GC %d KB after the first"
            + " outage, %d KB after the second%n",
        run.required("ended"), upSpans, heapDown1 / 1024, heapDown2 / 1024);
    assertThat(heapDown2)
        .as("heap after GC, second outage vs first (%d bytes)", heapDown1)
        .isLessThan(heapDown1 + HEAP_GROWTH_BOUND);
    long events =
        run.stdout()
            .lines()
            .filter(l -> !l.startsWith("@@"))
            .peek(l -> assertThat(l).startsWith("{\"").endsWith("}"))
            .filter(l -> l.contains("\"event\":\"soak_step\""))
            .count();
    assertThat(events)
        .as("one JSON line per log event")
        .isEqualTo(Long.parseLong(run.required("ended")));
  }

  /** The number of distinct {@code soak.step} spans (worker, seq) that ended in a phase. */
  private static long distinctSteps(List<ReceivedSpan> spans, String phase) {
    Set<String> steps =
        spans.stream()
            .filter(s -> s.name().equals("soak.step") && phase.equals(s.attributes().get("phase")))
            .map(s -> s.attributes().get("worker") + "/" + s.attributes().get("seq"))
            .collect(Collectors.toSet());
    return steps.size();
  }

  /** Waits for a file of the child; a child that ended meanwhile fails the wait at once. */
  private static void awaitFileOrChildEnd(Path file, CompletableFuture<ChildJvm.Result> child) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              if (child.isDone()) {
                throw new AssertionError(
                    "the child ended before writing "
                        + file.getFileName()
                        + ": "
                        + child.join().describe());
              }
              return Files.exists(file);
            });
  }
}
