package dev.optel.async.otel;

import static dev.optel.async.otel.AsyncSpanTest.await;
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
import dev.optel.async.support.Bounded;
import dev.optel.async.support.LogCapture;
import dev.optel.async.support.Probe;
import dev.optel.internal.TaskThreads;
import dev.optel.testsupport.InMemorySpans;
import dev.optel.testsupport.OtelExtension;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Task groups on the shared pool of {@value TaskThreads#POOL_THREADS} platform threads, which
 * Surefire's {@code platform-pool} execution selects on every Java version ({@code
 * -Doptel.virtualThreads.disabled=true}). Nested groups of any depth and width must finish although
 * every pool thread may be waiting in some {@code close()}: such a thread runs its own group's
 * queued tasks. Code that could deadlock runs in {@link Bounded#call}, so a deadlock fails the test
 * instead of hanging the build.
 */
class PlatformPoolTaskGroupTest {
  private static final TracingFacade TRACER = Telemetry.get("pool-test").tracer();
  private static final LoggingFacade LOG = Telemetry.get("pool-test").logger();
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @RegisterExtension static final OtelExtension OTEL = OtelExtension.failingOnWarnings();

  @BeforeAll
  static void onThePlatformPool() {
    assertThat(TaskThreads.virtual()).as("-Doptel.virtualThreads.disabled=true").isFalse();
  }

  @AfterEach
  void nothingLeft() throws Exception {
    OtelEnv.assertNothingLeft(TaskThreads.executor(), TaskThreads.POOL_THREADS);
  }

  @Test
  void moreOuterTasksThanPoolThreads_eachOpeningAnInnerGroup_finish() throws Exception {
    int requests = TaskThreads.POOL_THREADS + 44;
    Bounded.call(
        LIMIT,
        OtelEnv::leftovers,
        () -> {
          handle(requests, new AtomicInteger(), request -> TRACER.startSpan("step").end());
          return null;
        });
    String handlerId = InMemorySpans.span("handler").getSpanId();
    List<SpanData> fanOuts = InMemorySpans.spans("fan_out");
    assertThat(fanOuts)
        .hasSize(requests)
        .allSatisfy(g -> assertThat(g.getParentSpanId()).isEqualTo(handlerId));
    Set<String> fanOutIds = fanOuts.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    assertThat(InMemorySpans.spans("step"))
        .hasSize(requests * 3)
        .allSatisfy(s -> assertThat(fanOutIds).contains(s.getParentSpanId()));
  }

  @Test
  void nestedFourDeep_eightWide_finishes_everyParentRight() throws Exception {
    Bounded.call(
        LIMIT,
        OtelEnv::leftovers,
        () -> {
          fanOut(4, 8);
          return null;
        });
    assertThat(InMemorySpans.spans("leaf")).hasSize(8 * 8 * 8 * 8);
    assertParents("leaf", "level1", 8 * 8 * 8);
    assertParents("level1", "level2", 8 * 8);
    assertParents("level2", "level3", 8);
    assertParents("level3", "level4", 1);
  }

  @Test
  void aFailureDeepInside_cancelsTheRest_andEveryGroupStillEnds() throws Exception {
    int requests = TaskThreads.POOL_THREADS + 44;
    IOException boom = new IOException("step failed");
    AtomicInteger opened = new AtomicInteger();
    Throwable thrown =
        catchThrowable(
            () ->
                Bounded.call(
                    LIMIT,
                    OtelEnv::leftovers,
                    () -> {
                      handle(
                          requests,
                          opened,
                          request -> {
                            if (request == 7) {
                              throw new java.io.UncheckedIOException(boom);
                            }
                          });
                      return null;
                    }));
    assertThat(thrown).isInstanceOf(java.io.UncheckedIOException.class).hasCause(boom);
    assertThat(InMemorySpans.span("handler").getStatus().getStatusCode())
        .isEqualTo(StatusCode.ERROR);
    assertThat(InMemorySpans.spans("fan_out"))
        .as("every group that was opened ended")
        .hasSize(opened.get());
  }

  @Test
  void everyPoolThreadBusy_closeRunsTheQueuedTasksItself_eachInItsOwnContext_onlyOnce()
      throws Exception {
    Thread[] closer = new Thread[1];
    Map<Integer, Thread> ranOn = new ConcurrentHashMap<>();
    Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    String[] ids = new String[2];
    try (LogCapture logs = new LogCapture()) {
      whileEveryPoolThreadIsBusy(
          release ->
              Bounded.call(
                  LIMIT,
                  OtelEnv::leftovers,
                  () -> {
                    closer[0] = Thread.currentThread();
                    try (Span request = TRACER.startAsCurrentSpan("request");
                        LogContext.Scope r = LogContext.bind("request_id", "r-1")) {
                      try (TaskGroup group =
                          TracedAsync.tracedTaskGroup(TRACER, "inline_group", null)) {
                        ids[0] = group.span().spanId();
                        for (int i = 0; i < 3; i++) {
                          int item = i;
                          try (LogContext.Scope s = LogContext.bind("item_id", item)) {
                            group.startSoon(
                                () -> {
                                  runs.computeIfAbsent(item, k -> new AtomicInteger())
                                      .incrementAndGet();
                                  ranOn.put(item, Thread.currentThread());
                                  try (Span task = TRACER.startAsCurrentSpan("inline_task")) {
                                    LOG.info("inline_ran");
                                  }
                                });
                          }
                        }
                      }
                      ids[1] = request.spanId();
                      assertThat(currentSpanId())
                          .as("the closer's own span is back")
                          .isEqualTo(ids[1]);
                      assertThat(LogContext.current())
                          .containsExactly(Map.entry("request_id", "r-1"));
                    }
                    return null;
                  }));
      assertThat(logs.events("inline_ran"))
          .extracting(e -> e.get("item_id"))
          .containsExactlyInAnyOrder(0, 1, 2);
      assertThat(logs.events("inline_ran"))
          .allSatisfy(
              e ->
                  assertThat(e)
                      .containsEntry("request_id", "r-1")
                      .containsEntry("trace_id", InMemorySpans.span("inline_group").getTraceId()));
    }
    // Once all pool threads run a probe at the same time, each has taken and finished the queue
    // entries of the tasks that close() ran: none of those may have run a second time.
    Probe.assertTaskThreadsClean(OtelEnv::leftovers);
    assertThat(runs).hasSize(3).allSatisfy((item, n) -> assertThat(n).hasValue(1));
    assertThat(ranOn).allSatisfy((item, thread) -> assertThat(thread).isSameAs(closer[0]));
    SpanData group = InMemorySpans.span("inline_group");
    assertThat(group.getSpanId()).isEqualTo(ids[0]);
    assertThat(group.getParentSpanId()).isEqualTo(ids[1]);
    assertThat(InMemorySpans.spans("inline_task"))
        .hasSize(3)
        .allSatisfy(
            t -> {
              assertThat(t.getParentSpanId()).isEqualTo(ids[0]);
              assertThat(group.getEndEpochNanos()).isGreaterThanOrEqualTo(t.getEndEpochNanos());
            });
  }

  @Test
  void taskRunningOnTheCloser_cancelledThroughItsFuture_leavesTheCloserUninterrupted()
      throws Exception {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    CountDownLatch taskInterrupted = new CountDownLatch(1);
    whileEveryPoolThreadIsBusy(
        release ->
            Bounded.call(
                LIMIT,
                OtelEnv::leftovers,
                () -> {
                  CountDownLatch running = new CountDownLatch(1);
                  Future<?> task;
                  try (TaskGroup group =
                      TracedAsync.tracedTaskGroup(TRACER, "cancel_inline", null)) {
                    task =
                        group.start(
                            () -> {
                              ranOn.set(Thread.currentThread());
                              running.countDown();
                              // Notices the interrupt without clearing it, as much I/O code does.
                              while (!Thread.currentThread().isInterrupted()) {
                                LockSupport.park();
                              }
                              taskInterrupted.countDown();
                              return null;
                            });
                    Future<?> cancelled = task;
                    new Thread(
                            () -> {
                              await(running);
                              cancelled.cancel(true);
                            },
                            "canceller")
                        .start();
                  }
                  assertThat(Thread.currentThread().isInterrupted())
                      .as("closer interrupted")
                      .isFalse();
                  assertThat(ranOn.get()).isSameAs(Thread.currentThread());
                  assertThat(task).isCancelled();
                  return null;
                }));
    assertThat(taskInterrupted.getCount()).isZero();
    assertThat(InMemorySpans.span("cancel_inline").getStatus().getStatusCode())
        .isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aFailingTaskOnAPoolThread_cancelsTheTaskRunningOnTheCloser_closerUninterrupted()
      throws Exception {
    IOException boom = new IOException("boom");
    AtomicReference<Thread> failedOn = new AtomicReference<>();
    CountDownLatch taskInterrupted = new CountDownLatch(1);
    whileEveryPoolThreadIsBusy(
        release ->
            Bounded.call(
                LIMIT,
                OtelEnv::leftovers,
                () -> {
                  CountDownLatch running = new CountDownLatch(1);
                  Throwable thrown =
                      catchThrowable(
                          () -> {
                            try (TaskGroup group =
                                TracedAsync.tracedTaskGroup(TRACER, "fail_inline", null)) {
                              group.start(
                                  () -> {
                                    running.countDown();
                                    try {
                                      Blocking.untilInterrupted();
                                    } catch (InterruptedException e) {
                                      taskInterrupted.countDown();
                                    }
                                    return null;
                                  });
                              group.start(
                                  () -> {
                                    failedOn.set(Thread.currentThread());
                                    await(running);
                                    throw boom;
                                  });
                              // While close() runs the first task, free one pool thread for the
                              // second.
                              new Thread(
                                      () -> {
                                        await(running);
                                        release.release();
                                      },
                                      "releaser")
                                  .start();
                            }
                          });
                  assertThat(thrown).isSameAs(boom);
                  assertThat(Thread.currentThread().isInterrupted())
                      .as("closer interrupted")
                      .isFalse();
                  assertThat(failedOn.get()).isNotSameAs(Thread.currentThread());
                  return null;
                }));
    assertThat(taskInterrupted.getCount()).isZero();
    assertThat(InMemorySpans.span("fail_inline").getStatus().getStatusCode())
        .isEqualTo(StatusCode.ERROR);
  }

  @Test
  void closerInterruptedWhileItRunsATask_cancelsTheRest_closeThrowsInterruptedException()
      throws Exception {
    AtomicBoolean secondRan = new AtomicBoolean();
    whileEveryPoolThreadIsBusy(
        release ->
            Bounded.call(
                LIMIT,
                OtelEnv::leftovers,
                () -> {
                  Thread closer = Thread.currentThread();
                  CountDownLatch running = new CountDownLatch(1);
                  Future<?>[] second = new Future<?>[1];
                  Throwable thrown =
                      catchThrowable(
                          () -> {
                            try (TaskGroup group =
                                TracedAsync.tracedTaskGroup(TRACER, "interrupt_inline", null)) {
                              group.start(
                                  () -> {
                                    running.countDown();
                                    try {
                                      Blocking.untilInterrupted();
                                    } catch (InterruptedException e) {
                                      Thread.currentThread()
                                          .interrupt(); // the usual way to pass an interrupt on
                                    }
                                    return null;
                                  });
                              second[0] = group.start(() -> secondRan.getAndSet(true));
                              new Thread(
                                      () -> {
                                        await(running);
                                        closer.interrupt();
                                      },
                                      "interrupter")
                                  .start();
                            }
                          });
                  assertThat(thrown).isInstanceOf(InterruptedException.class);
                  assertThat(second[0]).isCancelled();
                  assertThat(closer.isInterrupted())
                      .as("still interrupted after the exception")
                      .isFalse();
                  return null;
                }));
    assertThat(secondRan).isFalse();
    assertThat(InMemorySpans.span("interrupt_inline").getStatus().getStatusCode())
        .isEqualTo(StatusCode.ERROR);
  }

  @Test
  void closerInterruptedBeforeItRunsATask_runsNone_closeThrowsInterruptedException()
      throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    whileEveryPoolThreadIsBusy(
        release ->
            Bounded.call(
                LIMIT,
                OtelEnv::leftovers,
                () -> {
                  Future<?>[] task = new Future<?>[1];
                  Throwable thrown =
                      catchThrowable(
                          () -> {
                            try (TaskGroup group =
                                TracedAsync.tracedTaskGroup(TRACER, "interrupted_early", null)) {
                              task[0] = group.start(() -> ran.getAndSet(true));
                              Thread.currentThread().interrupt();
                            }
                          });
                  assertThat(thrown).isInstanceOf(InterruptedException.class);
                  assertThat(task[0]).isCancelled();
                  return null;
                }));
    assertThat(ran).isFalse();
  }

  @Test
  void closeInsideATaskRunningOnTheCloser_failsFast() throws Exception {
    Throwable[] thrown = new Throwable[1];
    whileEveryPoolThreadIsBusy(
        release ->
            Bounded.call(
                LIMIT,
                OtelEnv::leftovers,
                () -> {
                  thrown[0] =
                      catchThrowable(
                          () -> {
                            try (TaskGroup group =
                                TracedAsync.tracedTaskGroup(TRACER, "self_closing", null)) {
                              group.start(
                                  () -> {
                                    group.close();
                                    return null;
                                  });
                            }
                          });
                  return null;
                }));
    assertThat(thrown[0])
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside one of its own tasks");
  }

  /**
   * A handler group with {@code requests} tasks; each opens a group of three steps that run {@code
   * step}; {@code opened} counts the inner groups. The tasks first wait until all are started, so
   * every pool thread holds one of them when they open their inner groups, whose steps queue behind
   * the remaining requests.
   */
  private static void handle(int requests, AtomicInteger opened, IntConsumer step)
      throws Exception {
    CountDownLatch allStarted = new CountDownLatch(1);
    try (TaskGroup handler = TracedAsync.tracedTaskGroup(TRACER, "handler", null)) {
      for (int i = 0; i < requests; i++) {
        int request = i;
        handler.start(
            () -> {
              await(allStarted);
              try (LogContext.Scope s = LogContext.bind("request", request);
                  TaskGroup fanOut = TracedAsync.tracedTaskGroup(TRACER, "fan_out", null)) {
                opened.incrementAndGet();
                for (int j = 0; j < 3; j++) {
                  fanOut.startSoon(() -> step.accept(request));
                }
              }
              return null;
            });
      }
      allStarted.countDown();
    }
  }

  /** A group named {@code "level" + depth} of {@code width} tasks, each one level less deep. */
  private static void fanOut(int depth, int width) throws Exception {
    try (TaskGroup group = TracedAsync.tracedTaskGroup(TRACER, "level" + depth, null)) {
      for (int i = 0; i < width; i++) {
        group.start(
            () -> {
              if (depth == 1) {
                TRACER.startSpan("leaf").end();
              } else {
                fanOut(depth - 1, width);
              }
              return null;
            });
      }
    }
  }

  private static void assertParents(String child, String parent, int parents) {
    List<SpanData> parentSpans = InMemorySpans.spans(parent);
    assertThat(parentSpans).hasSize(parents);
    Map<String, Long> endOf =
        parentSpans.stream()
            .collect(Collectors.toMap(SpanData::getSpanId, SpanData::getEndEpochNanos));
    assertThat(InMemorySpans.spans(child))
        .allSatisfy(
            c -> {
              assertThat(endOf).containsKey(c.getParentSpanId());
              assertThat(endOf.get(c.getParentSpanId()))
                  .isGreaterThanOrEqualTo(c.getEndEpochNanos());
            });
  }

  /** Work that needs every pool thread busy; given a semaphore that frees one per permit. */
  private interface WithBusyPool {
    void run(Semaphore release) throws Exception;
  }

  /**
   * Occupies every thread of the shared pool, runs {@code body}, then frees them all (also when
   * {@code body} fails), so that the group's tasks can only run where {@code close()} runs them.
   */
  private static void whileEveryPoolThreadIsBusy(WithBusyPool body) throws Exception {
    Semaphore release = new Semaphore(0);
    CountDownLatch busy = new CountDownLatch(TaskThreads.POOL_THREADS);
    for (int i = 0; i < TaskThreads.POOL_THREADS; i++) {
      TaskThreads.executor()
          .execute(
              () -> {
                busy.countDown();
                release.acquireUninterruptibly();
              });
    }
    try {
      await(busy);
      body.run(release);
    } finally {
      release.release(TaskThreads.POOL_THREADS);
    }
  }

  private static String currentSpanId() {
    return io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId();
  }
}
