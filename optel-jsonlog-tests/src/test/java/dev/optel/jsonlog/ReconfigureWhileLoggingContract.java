package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code TelemetryConfig.configure()} called again and again while other threads log: standard
 * output stays one JSON object per line (the backend's plain console output never comes back in
 * between) and every event logged is written exactly once. Run once per backend (subclasses).
 */
abstract class ReconfigureWhileLoggingContract {
  private static final LoggingFacade LOG = Telemetry.get("app.reconfigure").logger();
  private static final int THREADS = 4;
  private static final int RECONFIGURATIONS = 200;

  @AfterEach
  void shutdown() {
    TelemetryConfig.shutdown();
  }

  private static void configure(int round) {
    // Alternate what a reconfiguration changes: the level (INFO events pass both) and processors.
    TelemetryConfig.builder()
        .traceEnabled(false)
        .logLevel(round % 2 == 0 ? LogLevel.INFO : LogLevel.DEBUG)
        .logProcessors(
            round % 3 == 0
                ? List.of(
                    event -> {
                      event.put("round", "multiple of 3");
                      return event;
                    })
                : List.of())
        .configure();
  }

  @Test
  @Timeout(120)
  void configureAgain_whileThreadsLog_keepsEveryLineJsonAndLosesNoEvent() throws Exception {
    Lines lines = new Lines();
    PrintStream original = System.out;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      System.setOut(new PrintStream(lines, true, StandardCharsets.UTF_8));
      configure(0);
      CountDownLatch logging = new CountDownLatch(THREADS);
      AtomicBoolean stop = new AtomicBoolean();
      List<Future<Integer>> counts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        counts.add(
            pool.submit(
                () -> {
                  int n = 0;
                  do {
                    LOG.info("tick", "thread", thread, "n", n);
                    if (n++ == 0) {
                      logging.countDown();
                    }
                  } while (!stop.get());
                  return n;
                }));
      }
      assertThat(logging.await(30, TimeUnit.SECONDS)).isTrue();
      for (int round = 1; round <= RECONFIGURATIONS; round++) {
        configure(round);
      }
      stop.set(true);
      int[] logged = new int[THREADS];
      for (int t = 0; t < THREADS; t++) {
        logged[t] = counts.get(t).get(60, TimeUnit.SECONDS);
      }
      System.out.flush();

      synchronized (lines) {
        assertThat(lines.notJson).as("lines that are not one JSON object").isEmpty();
        assertThat(lines.duplicates).as("events written twice").isZero();
        for (int t = 0; t < THREADS; t++) {
          assertThat(lines.seen[t].cardinality())
              .as("events of thread %d written", t)
              .isEqualTo(logged[t]);
        }
      }
    } finally {
      System.setOut(original);
      pool.shutdownNow();
    }
  }

  /**
   * Standard output that checks each line as it arrives, so that hundreds of thousands of lines
   * need no buffer: remembers which {@code tick} events came and the lines that are not JSON.
   */
  private static final class Lines extends OutputStream {
    final BitSet[] seen = new BitSet[THREADS];
    final List<String> notJson = new ArrayList<>();
    int duplicates;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Lines() {
      for (int t = 0; t < THREADS; t++) {
        seen[t] = new BitSet();
      }
    }

    @Override
    public synchronized void write(int b) {
      if (b != '\n') {
        line.write(b);
        return;
      }
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      try {
        JsonNode node = StdoutCapture.JSON.readTree(text);
        if (node == null || !node.isObject()) {
          notJson.add(text);
        } else if (node.path("event").asText().equals("tick")) {
          BitSet events = seen[node.get("thread").asInt()];
          int n = node.get("n").asInt();
          if (events.get(n)) {
            duplicates++;
          }
          events.set(n);
        }
      } catch (JsonProcessingException e) {
        if (notJson.size() < 10) {
          notJson.add(text);
        }
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }
  }
}
