package dev.optel.async.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TracedAsync;
import dev.optel.TracingFacade;
import dev.optel.testsupport.InMemorySpans;
import dev.optel.testsupport.OtelExtension;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncSpanTest {
  private static final TracingFacade TRACER = Telemetry.get("async-test").tracer();
  private static ExecutorService pool;

  @RegisterExtension static final OtelExtension OTEL = OtelExtension.failingOnWarnings();

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @AfterEach
  void nothingLeft() throws Exception {
    OtelEnv.assertNothingLeft(pool, 2);
  }

  @Test
  void startAsCurrentAsyncSpan_bodyAndWrappedWorkAreChildren_spanEndsWhenStageCompletes()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> result;
    try (Span outer = TRACER.startAsCurrentSpan("outer")) {
      result =
          TRACER.startAsCurrentAsyncSpan(
              "op",
              Map.of("k", "v"),
              span -> {
                try (Span inBody = TRACER.startSpan("in_body")) {
                  inBody.setAttribute("x", 1L);
                }
                return CompletableFuture.supplyAsync(
                    () -> {
                      await(release);
                      try (Span work = TRACER.startSpan("work")) {
                        return "done";
                      }
                    },
                    TracedAsync.wrap(pool));
              });
      // The body ran; the span is not current any more on this thread.
      assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId())
          .isEqualTo(outer.spanId());
    }
    assertThat(InMemorySpans.spans("op")).as("not ended while the work runs").isEmpty();
    release.countDown();
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("done");

    SpanData op = InMemorySpans.span("op");
    assertThat(op.getParentSpanId()).isEqualTo(InMemorySpans.span("outer").getSpanId());
    assertThat(InMemorySpans.span("in_body").getParentSpanId()).isEqualTo(op.getSpanId());
    SpanData work = InMemorySpans.span("work");
    assertThat(work.getParentSpanId()).isEqualTo(op.getSpanId());
    assertThat(op.getEndEpochNanos()).isGreaterThanOrEqualTo(work.getEndEpochNanos());
    assertThat(op.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(op.getAttributes().get(AttributeKey.stringKey("k"))).isEqualTo("v");
  }

  @Test
  void startAsyncSpan_isNotCurrentInBody() throws Exception {
    CompletableFuture<String> result =
        TRACER.startAsyncSpan(
            "detached",
            null,
            span -> {
              assertThat(Context.current()).isSameAs(Context.root());
              return CompletableFuture.completedFuture(span.spanId());
            });
    assertThat(result.get(10, TimeUnit.SECONDS))
        .isEqualTo(InMemorySpans.span("detached").getSpanId());
  }

  @Test
  void failedStage_recordedAsError_callerGetsOriginalException() {
    IOException boom = new IOException("boom");
    CompletableFuture<String> result =
        TRACER.startAsCurrentAsyncSpan(
            "fails",
            null,
            span ->
                CompletableFuture.supplyAsync(
                    () -> {
                      throw new java.io.UncheckedIOException(boom);
                    },
                    TracedAsync.wrap(pool)));
    assertThat(result)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(java.io.UncheckedIOException.class)
        .havingCause()
        .isSameAs(boom);
    SpanData span = InMemorySpans.span("fails");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(exceptionType(span)).isEqualTo("java.io.UncheckedIOException");
  }

  @Test
  void failedFuture_sameObjectReachesCaller() {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> result =
        TRACER.startAsyncSpan("fails_directly", null, span -> CompletableFuture.failedFuture(boom));
    assertThat(result).isCompletedExceptionally();
    try {
      result.join();
    } catch (java.util.concurrent.CompletionException e) {
      assertThat(e.getCause()).isSameAs(boom);
    }
    assertThat(exceptionType(InMemorySpans.span("fails_directly")))
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void throwingBody_failsTheFuture_neverThrows() {
    IllegalArgumentException boom = new IllegalArgumentException("bad");
    CompletableFuture<Object> result =
        TRACER.startAsCurrentAsyncSpan(
            "throws",
            null,
            span -> {
              throw boom;
            });
    assertThat(result)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isSameAs(boom);
    SpanData span = InMemorySpans.span("throws");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(exceptionType(span)).isEqualTo("java.lang.IllegalArgumentException");
  }

  @Test
  void cancellingTheResult_endsTheSpan_andCancelsTheStage() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> result =
        TRACER.startAsCurrentAsyncSpan("cancelled", null, span -> stage);
    assertThat(InMemorySpans.spans("cancelled")).isEmpty();
    assertThat(result.cancel(true)).isTrue();
    assertThat(stage).isCancelled();
    SpanData span = InMemorySpans.span("cancelled");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(exceptionType(span)).isEqualTo(CancellationException.class.getName());
  }

  @Test
  void tracedAsyncOperation_isCurrentAsyncSpan() throws Exception {
    CompletableFuture<Integer> result =
        TracedAsync.tracedAsyncOperation(
            TRACER,
            "operation",
            Map.of("item_id", 7L),
            span ->
                CompletableFuture.supplyAsync(
                    () -> {
                      try (Span child = TRACER.startSpan("child")) {
                        return 42;
                      }
                    },
                    TracedAsync.wrap(pool)));
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(42);
    assertThat(InMemorySpans.span("child").getParentSpanId())
        .isEqualTo(InMemorySpans.span("operation").getSpanId());
  }

  @Test
  void continuationsOfTheResult_runInTheCallersContext() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> seen;
    CompletableFuture<String> seenAfterGather;
    String outerId;
    try (Span outer = TRACER.startAsCurrentSpan("outer");
        dev.optel.LogContext.Scope s = dev.optel.LogContext.bind("k", "v")) {
      outerId = outer.spanId();
      // The stage completes on a pool thread inside the "op" span's context...
      seen =
          TRACER
              .startAsCurrentAsyncSpan(
                  "op",
                  null,
                  span ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            await(release);
                            return 1;
                          },
                          TracedAsync.wrap(pool)))
              // ...but what runs after it sees the caller's context, as code after an await would.
              .thenApply(v -> currentSpanId() + dev.optel.LogContext.current());
      seenAfterGather =
          TracedAsync.tracedGather(
                  TRACER,
                  java.util.List.of(
                      () ->
                          CompletableFuture.supplyAsync(
                              () -> {
                                await(release);
                                return 1;
                              },
                              TracedAsync.wrap(pool))),
                  "gather")
              .thenApply(v -> currentSpanId() + dev.optel.LogContext.current());
    }
    release.countDown();
    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(outerId + "{k=v}");
    assertThat(seenAfterGather.get(10, TimeUnit.SECONDS)).isEqualTo(outerId + "{k=v}");
  }

  static String currentSpanId() {
    return io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId();
  }

  static String exceptionType(SpanData span) {
    return span.getEvents().stream()
        .filter(e -> e.getName().equals("exception"))
        .map(EventData::getAttributes)
        .map(a -> a.get(AttributeKey.stringKey("exception.type")))
        .findFirst()
        .orElse(null);
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
