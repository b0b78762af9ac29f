package dev.optel.async.otel;

import static dev.optel.async.otel.AsyncSpanTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TracedAsync;
import dev.optel.TracingFacade;
import dev.optel.testsupport.InMemorySpans;
import dev.optel.testsupport.OtelExtension;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatherTest {
  private static final TracingFacade TRACER = Telemetry.get("gather-test").tracer();
  private static final int POOL = 4;
  private static ExecutorService pool;
  private static Executor traced;

  @RegisterExtension static final OtelExtension OTEL = OtelExtension.failingOnWarnings();

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(POOL);
    traced = TracedAsync.wrap(pool);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @AfterEach
  void nothingLeft() throws Exception {
    OtelEnv.assertNothingLeft(pool, POOL);
  }

  private static Supplier<CompletionStage<Integer>> op(int i, CountDownLatch gate) {
    return () ->
        CompletableFuture.supplyAsync(
            () -> {
              if (gate != null) {
                await(gate);
              }
              try (Span span = TRACER.startSpan("op")) {
                span.setAttribute("i", i);
                return i * 10;
              }
            },
            traced);
  }

  @Test
  void resultsInInputOrder_operationsAreChildren_gatherEndsLast() throws Exception {
    List<CountDownLatch> gates = new ArrayList<>();
    List<Supplier<CompletionStage<Integer>>> ops = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      gates.add(new CountDownLatch(1));
      ops.add(op(i, gates.get(i)));
    }
    CompletableFuture<List<Integer>> all;
    try (Span outer = TRACER.startAsCurrentSpan("outer")) {
      all = TracedAsync.tracedGather(TRACER, ops, "gather");
    }
    for (int i = 3; i >= 0; i--) { // complete in reverse order
      gates.get(i).countDown();
    }
    assertThat(all.get(10, TimeUnit.SECONDS)).containsExactly(0, 10, 20, 30);
    SpanData gather = InMemorySpans.span("gather");
    assertThat(gather.getParentSpanId()).isEqualTo(InMemorySpans.span("outer").getSpanId());
    List<SpanData> children = InMemorySpans.spans("op");
    assertThat(children)
        .hasSize(4)
        .allSatisfy(
            c -> {
              assertThat(c.getParentSpanId()).isEqualTo(gather.getSpanId());
              assertThat(gather.getEndEpochNanos()).isGreaterThanOrEqualTo(c.getEndEpochNanos());
            });
  }

  @Test
  void oneFailure_failsTheWhole_recordsIt_cancelsTheOthers() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<Integer> slow = new CompletableFuture<>();
    List<Supplier<CompletionStage<Integer>>> ops =
        List.of(
            () -> slow,
            op(1, never),
            () ->
                CompletableFuture.supplyAsync(
                    () -> {
                      throw boom;
                    },
                    traced));
    try {
      CompletableFuture<List<Integer>> all = TracedAsync.tracedGather(TRACER, ops, "gather_fails");
      // get() unwraps supplyAsync's CompletionException; join() shows the same object inside it.
      assertThat(all)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isSameAs(boom);
      assertThat(slow).isCancelled();
      SpanData gather = InMemorySpans.span("gather_fails");
      assertThat(gather.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(AsyncSpanTest.exceptionType(gather)).isEqualTo("java.lang.IllegalStateException");
    } finally {
      never.countDown(); // lets the cancelled operation's thread go back to the pool
    }
  }

  @Test
  void timeoutOnTheResult_cancelsEverything_andLeavesNothingAttached() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CompletableFuture<List<Integer>> all =
        TracedAsync.tracedGather(TRACER, List.of(op(0, gate), op(1, gate)), "gather_timeout");
    try {
      CompletableFuture<List<Integer>> timed = all.orTimeout(50, TimeUnit.MILLISECONDS);
      assertThat(timed)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(TimeoutException.class);
      // The span ends on the thread that completed the future (the timeout's), right after.
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !InMemorySpans.spans("gather_timeout").isEmpty());
      assertThat(InMemorySpans.span("gather_timeout").getStatus().getStatusCode())
          .isEqualTo(StatusCode.ERROR);
    } finally {
      gate.countDown();
    }
  }

  @Test
  void supplierThatThrows_failsTheGather_laterSuppliersAreNotCalled() {
    IllegalArgumentException boom = new IllegalArgumentException("bad input");
    java.util.concurrent.atomic.AtomicBoolean laterCalled =
        new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<Integer> first = new CompletableFuture<>();
    List<Supplier<CompletionStage<Integer>>> ops =
        List.of(
            () -> first,
            () -> {
              throw boom;
            },
            () -> {
              laterCalled.set(true);
              return CompletableFuture.completedFuture(3);
            });
    CompletableFuture<List<Integer>> all = TracedAsync.tracedGather(TRACER, ops, "gather_throws");
    assertThat(all)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isSameAs(boom);
    assertThat(first).isCancelled();
    assertThat(laterCalled).isFalse();
    assertThat(InMemorySpans.span("gather_throws").getStatus().getStatusCode())
        .isEqualTo(StatusCode.ERROR);
  }

  @Test
  void emptyList_completesWithEmptyResults() throws Exception {
    assertThat(TracedAsync.<Integer>tracedGather(TRACER, List.of(), null).get(1, TimeUnit.SECONDS))
        .isEmpty();
    assertThat(InMemorySpans.span("parallel_operations")).isNotNull();
  }

  @Test
  void load_10000Operations_everyParentRight() throws Exception {
    int n = 10_000;
    List<Supplier<CompletionStage<Integer>>> ops = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ops.add(op(i, null));
    }
    List<Integer> results =
        TracedAsync.tracedGather(TRACER, ops, "load_gather").get(60, TimeUnit.SECONDS);
    assertThat(results).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(results.get(i)).isEqualTo(i * 10);
    }
    String gatherId = InMemorySpans.span("load_gather").getSpanId();
    List<SpanData> children = InMemorySpans.spans("op");
    assertThat(children)
        .hasSize(n)
        .allSatisfy(c -> assertThat(c.getParentSpanId()).isEqualTo(gatherId));
  }
}
