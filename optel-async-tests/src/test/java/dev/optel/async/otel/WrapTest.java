package dev.optel.async.otel;

import static dev.optel.async.otel.AsyncSpanTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.LogContext;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TracedAsync;
import dev.optel.TracingFacade;
import dev.optel.async.support.Blocking;
import dev.optel.async.support.LogCapture;
import dev.optel.testsupport.InMemorySpans;
import dev.optel.testsupport.OtelExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WrapTest {
  private static final TracingFacade TRACER = Telemetry.get("wrap-test").tracer();
  private static final LoggingFacade LOG = Telemetry.get("wrap-test").logger();
  private static final int POOL = 2;
  private static ExecutorService raw;
  private static ExecutorService pool;

  @RegisterExtension static final OtelExtension OTEL = OtelExtension.failingOnWarnings();

  @BeforeAll
  static void startPool() {
    raw = Executors.newFixedThreadPool(POOL);
    pool = TracedAsync.wrap(raw);
  }

  @AfterAll
  static void stopPool() {
    raw.shutdownNow();
  }

  @AfterEach
  void nothingLeft() throws Exception {
    OtelEnv.assertNothingLeft(raw, POOL);
  }

  @Test
  void executorService_submit_carriesSpanAndLogContext() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      Future<?> f;
      String parent;
      try (Span span = TRACER.startAsCurrentSpan("submitter");
          LogContext.Scope s = LogContext.bind("job_id", "j-9")) {
        parent = span.spanId();
        f =
            pool.submit(
                () -> {
                  LOG.info("in_pool");
                  TRACER.startSpan("pooled").end();
                });
      }
      f.get(10, TimeUnit.SECONDS);
      assertThat(InMemorySpans.span("pooled").getParentSpanId()).isEqualTo(parent);
      assertThat(logs.events("in_pool"))
          .singleElement()
          .satisfies(
              e -> assertThat(e).containsEntry("job_id", "j-9").containsEntry("span_id", parent));
    }
  }

  @Test
  void executor_supplyAsync_andInvokeAll_carryTheSpan() throws Exception {
    Executor executor = TracedAsync.wrap((Executor) raw);
    String parent;
    List<Future<String>> all;
    String supplied;
    try (Span span = TRACER.startAsCurrentSpan("caller")) {
      parent = span.spanId();
      supplied =
          CompletableFuture.supplyAsync(WrapTest::currentSpanId, executor)
              .get(10, TimeUnit.SECONDS);
      all = pool.invokeAll(List.of(WrapTest::currentSpanId, WrapTest::currentSpanId));
    }
    assertThat(supplied).isEqualTo(parent);
    for (Future<String> f : all) {
      assertThat(f.get()).isEqualTo(parent);
    }
    assertThat(TracedAsync.wrap(executor)).isSameAs(executor);
    assertThat(TracedAsync.wrap(pool)).isSameAs(pool);
  }

  @Test
  void wrapRunnableAndCallable_captureAtWrapTime() throws Exception {
    Runnable runnable;
    Callable<String> callable;
    String parent;
    try (Span span = TRACER.startAsCurrentSpan("wrapper");
        LogContext.Scope s = LogContext.bind("k", "v")) {
      parent = span.spanId();
      runnable = TracedAsync.wrap(() -> TRACER.startSpan("wrapped_runnable").end());
      callable = TracedAsync.wrap(() -> currentSpanId() + LogContext.current());
    }
    Thread thread = new Thread(runnable);
    thread.start();
    thread.join(10_000);
    assertThat(InMemorySpans.span("wrapped_runnable").getParentSpanId()).isEqualTo(parent);
    assertThat(raw.submit(callable).get(10, TimeUnit.SECONDS)).isEqualTo(parent + "{k=v}");
    // Called directly on this thread: the wrapped context applies, then this thread's comes back.
    assertThat(callable.call()).isEqualTo(parent + "{k=v}");
    Runnable plain = () -> {};
    assertThat(TracedAsync.wrap(plain)).as("nothing to carry").isSameAs(plain);
  }

  @Test
  void wrappedWork_restoresTheRunningThreadsOwnContext_alsoWhenItThrows() throws Exception {
    Callable<String> wrapped;
    try (Span elsewhere = TRACER.startAsCurrentSpan("elsewhere");
        LogContext.Scope s = LogContext.bind("from", "elsewhere")) {
      wrapped =
          TracedAsync.wrap(
              () -> {
                throw new java.io.IOException(currentSpanId() + LogContext.current());
              });
    }
    try (Span local = TRACER.startAsCurrentSpan("local");
        LogContext.Scope s = LogContext.bind("from", "local")) {
      String elsewhereId = InMemorySpans.span("elsewhere").getSpanId();
      assertThatThrownBy(wrapped::call)
          .isInstanceOf(java.io.IOException.class)
          .hasMessage(elsewhereId + "{from=elsewhere}");
      assertThat(currentSpanId()).isEqualTo(local.spanId());
      assertThat(LogContext.current()).containsExactly(Map.entry("from", "local"));
    }
  }

  @Test
  void failureCancellationAndTimeout_leaveNothingOnThePoolThreads() throws Exception {
    try (Span span = TRACER.startAsCurrentSpan("outer");
        LogContext.Scope s = LogContext.bind("k", "v")) {
      Future<?> failing =
          pool.submit(
              () -> {
                throw new IllegalStateException("boom");
              });
      assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);

      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      Future<?> blocked =
          pool.submit(
              () -> {
                started.countDown();
                try {
                  Blocking.untilInterrupted();
                } catch (InterruptedException e) {
                  interrupted.countDown();
                }
              });
      await(started);
      blocked.cancel(true);
      await(interrupted);

      CountDownLatch gate = new CountDownLatch(1);
      Future<?> slow = pool.submit(() -> await(gate));
      assertThatThrownBy(() -> slow.get(20, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class);
      gate.countDown();
      slow.get(10, TimeUnit.SECONDS);
    }
    // nothingLeft() probes both pool threads.
  }

  @Test
  void asyncSpanInsideWrappedWork_nestsUnderTheSubmitter() throws Exception {
    String parent;
    CompletableFuture<String> nested;
    try (Span span = TRACER.startAsCurrentSpan("submitter")) {
      parent = span.spanId();
      nested =
          CompletableFuture.supplyAsync(
                  () ->
                      TracedAsync.tracedAsyncOperation(
                          TRACER,
                          "nested_op",
                          Map.of(),
                          s -> CompletableFuture.completedFuture(s.spanId())),
                  TracedAsync.wrap((Executor) raw))
              .thenCompose(f -> f);
    }
    String nestedId = nested.get(10, TimeUnit.SECONDS);
    SpanData op = InMemorySpans.span("nested_op");
    assertThat(op.getSpanId()).isEqualTo(nestedId);
    assertThat(op.getParentSpanId()).isEqualTo(parent);
  }

  @Test
  void openTelemetrysOwnWrapping_carriesLogContextToo_inTheSameContextAsTheSpan() throws Exception {
    Callable<String> wrapped;
    String parent;
    try (Span span = TRACER.startAsCurrentSpan("otel_wrapper");
        LogContext.Scope s = LogContext.bind("k", "v")) {
      parent = span.spanId();
      wrapped =
          io.opentelemetry.context.Context.current()
              .wrap(() -> currentSpanId() + LogContext.current());
    }
    assertThat(raw.submit(wrapped).get(10, TimeUnit.SECONDS)).isEqualTo(parent + "{k=v}");
    assertThat(LogContext.current()).isEmpty();
  }

  private static String currentSpanId() {
    return io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId();
  }
}
