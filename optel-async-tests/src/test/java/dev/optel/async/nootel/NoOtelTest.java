package dev.optel.async.nootel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.optel.LogContext;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.TaskGroup;
import dev.optel.Telemetry;
import dev.optel.TracedAsync;
import dev.optel.TracingFacade;
import dev.optel.async.support.Blocking;
import dev.optel.async.support.LogCapture;
import dev.optel.async.support.Probe;
import dev.optel.testsupport.OtelExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same helpers without OpenTelemetry on the class path: same results, LogContext still flows.
 */
class NoOtelTest {
  private static final TracingFacade TRACER = Telemetry.get("no-otel").tracer();
  private static final LoggingFacade LOG = Telemetry.get("no-otel").logger();
  private static final int POOL = 3;
  private static ExecutorService raw;
  private static Executor traced;

  @RegisterExtension static final OtelExtension OTEL = OtelExtension.failingOnWarnings();

  @BeforeAll
  static void startPool() {
    raw = Executors.newFixedThreadPool(POOL);
    traced = TracedAsync.wrap(raw);
  }

  @AfterAll
  static void stopPool() {
    raw.shutdownNow();
  }

  @AfterEach
  void nothingLeft() throws Exception {
    assertThat(Probe.logFieldsLeft()).isEmpty();
    Probe.assertClean(raw, POOL, Probe::logFieldsLeft);
    Probe.assertTaskThreadsClean(Probe::logFieldsLeft);
  }

  @Test
  void classPath_hasNoOpenTelemetry_butSlf4j() {
    assertThat(catchThrowable(() -> Class.forName("io.opentelemetry.api.trace.Span")))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(Telemetry.hasOpenTelemetry()).isFalse();
    assertThat(Telemetry.hasStructuredLogging()).isTrue();
  }

  @Test
  void nothingToCarry_wrapsNothing() {
    Runnable task = () -> {};
    java.util.concurrent.Callable<String> call = () -> "x";
    assertThat(TracedAsync.wrap(task)).isSameAs(task);
    assertThat(TracedAsync.wrap(call)).isSameAs(call);
    try (LogContext.Scope s = LogContext.bind("k", "v")) {
      assertThat(TracedAsync.wrap(task)).isNotSameAs(task);
    }
  }

  @Test
  void asyncSpans_returnTheBodysResult_andFailures() throws Exception {
    assertThat(
            TRACER
                .startAsCurrentAsyncSpan(
                    "op", null, span -> CompletableFuture.supplyAsync(() -> 42, traced))
                .get(10, TimeUnit.SECONDS))
        .isEqualTo(42);
    IllegalStateException boom = new IllegalStateException("boom");
    assertThat(
            TRACER.startAsyncSpan(
                "op",
                null,
                span -> {
                  throw boom;
                }))
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isSameAs(boom);
    assertThat(
            TracedAsync.tracedAsyncOperation(
                    TRACER, "op", Map.of("k", 1), span -> CompletableFuture.completedFuture(span))
                .get())
        .isSameAs(Span.noop());
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> result = TRACER.startAsCurrentAsyncSpan("op", null, span -> stage);
    result.cancel(true);
    assertThat(stage).isCancelled();
  }

  @Test
  void logContext_reachesSlf4jEvents_throughEveryHelper() throws Exception {
    try (LogCapture logs = new LogCapture();
        LogContext.Scope s = LogContext.bind("request_id", "r-7")) {
      CompletableFuture.runAsync(() -> LOG.info("via_wrap"), traced).get(10, TimeUnit.SECONDS);
      TracedAsync.tracedAsyncOperation(
              TRACER,
              "op",
              null,
              span -> CompletableFuture.runAsync(() -> LOG.info("via_async_span"), traced))
          .get(10, TimeUnit.SECONDS);
      TracedAsync.tracedGather(
              TRACER,
              List.of(() -> CompletableFuture.runAsync(() -> LOG.info("via_gather"), traced)),
              "gather")
          .get(10, TimeUnit.SECONDS);
      try (TaskGroup group = TracedAsync.tracedTaskGroup(TRACER, "group", null, raw)) {
        try (LogContext.Scope item = LogContext.bind("item_id", 5)) {
          group.startSoon(() -> LOG.info("via_group"));
        }
      }
      Runnable later = TracedAsync.wrap(() -> LOG.info("via_runnable"));
      Thread thread = new Thread(later);
      thread.start();
      thread.join(10_000);
      for (String event :
          List.of("via_wrap", "via_async_span", "via_gather", "via_group", "via_runnable")) {
        assertThat(logs.events(event))
            .as(event)
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e).containsEntry("request_id", "r-7").doesNotContainKey("trace_id");
                });
      }
      assertThat(logs.events("via_group").get(0)).containsEntry("item_id", 5);
    }
  }

  @Test
  void gather_sameResults_andFailureCancelsTheRest() throws Exception {
    List<Supplier<CompletionStage<Integer>>> ops = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      ops.add(() -> CompletableFuture.supplyAsync(() -> n * 2, traced));
    }
    List<Integer> results = TracedAsync.tracedGather(TRACER, ops, "g").get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 100; i++) {
      assertThat(results.get(i)).isEqualTo(i * 2);
    }
    IOException boom = new IOException("boom");
    CompletableFuture<Integer> pending = new CompletableFuture<>();
    CompletableFuture<List<Integer>> failed =
        TracedAsync.tracedGather(
            TRACER, List.of(() -> pending, () -> CompletableFuture.failedFuture(boom)), "g");
    assertThat(failed)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isSameAs(boom);
    assertThat(pending).isCancelled();
  }

  @Test
  void taskGroup_failFast_andLoad() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    IOException boom = new IOException("boom");
    Throwable thrown =
        catchThrowable(
            () -> {
              try (TaskGroup group = TracedAsync.tracedTaskGroup(TRACER, "g", null, raw)) {
                group.start(
                    () -> {
                      started.countDown();
                      try {
                        Blocking.untilInterrupted();
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                      }
                      return null;
                    });
                group.start(
                    () -> {
                      started.await();
                      throw boom;
                    });
              }
            });
    assertThat(thrown).isSameAs(boom);
    assertThat(interrupted.getCount()).isZero();

    AtomicInteger ran = new AtomicInteger();
    Future<String> value;
    try (TaskGroup group = TracedAsync.tracedTaskGroup(TRACER, "load", null);
        LogContext.Scope s = LogContext.bind("batch", "b")) {
      for (int i = 0; i < 10_000; i++) {
        group.startSoon(
            () -> {
              if ("b".equals(LogContext.current().get("batch"))) {
                ran.incrementAndGet();
              }
            });
      }
      value = group.start(() -> "done");
    }
    assertThat(ran).hasValue(10_000);
    assertThat(value).isDone();
    assertThat(value.get()).isEqualTo("done");
  }
}
