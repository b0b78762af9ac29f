package dev.optel.async.otel;

import static dev.optel.async.otel.AsyncSpanTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import dev.optel.testsupport.InMemorySpans;
import dev.optel.testsupport.OtelExtension;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskGroupTest {
  private static final TracingFacade TRACER = Telemetry.get("group-test").tracer();
  private static final LoggingFacade LOG = Telemetry.get("group-test").logger();
  private static final int POOL = 3;
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static ExecutorService pool;

  @RegisterExtension static final OtelExtension OTEL = OtelExtension.failingOnWarnings();

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(POOL);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /** Tests whose point is not the default executor use {@code pool}, whose threads are probed. */
  @AfterEach
  void nothingLeft() throws Exception {
    OtelEnv.assertNothingLeft(pool, POOL);
    Probe.assertTaskThreadsClean(OtelEnv::leftovers);
  }

  @Test
  void tasksAreChildrenOfTheGroup_carryLogContext_groupEndsAfterTheLastTask() throws Exception {
    Future<String> value;
    String groupSpanId;
    try (LogCapture logs = new LogCapture();
        LogContext.Scope request = LogContext.bind("request_id", "r-1")) {
      try (TaskGroup group = TracedAsync.tracedTaskGroup(TRACER, "group", Map.of("n", 3), pool)) {
        groupSpanId = group.span().spanId();
        for (int i = 0; i < 3; i++) {
          try (LogContext.Scope item = LogContext.bind("item_id", i)) {
            group.startSoon(
                () -> {
                  try (Span task = TRACER.startAsCurrentSpan("task")) {
                    LOG.info("task_ran");
                  }
                });
          }
        }
        value = group.start(() -> "value");
        assertThat(InMemorySpans.spans("group")).isEmpty();
      }
      assertThat(value.get()).isEqualTo("value");
      List<Map<String, Object>> events = logs.events("task_ran");
      assertThat(events).hasSize(3);
      assertThat(events)
          .allSatisfy(
              e -> {
                assertThat(e)
                    .containsEntry("request_id", "r-1")
                    .containsKey("item_id")
                    .containsEntry("trace_id", InMemorySpans.span("group").getTraceId());
              });
      assertThat(events).extracting(e -> e.get("item_id")).containsExactlyInAnyOrder(0, 1, 2);
    }
    SpanData group = InMemorySpans.span("group");
    assertThat(group.getSpanId()).isEqualTo(groupSpanId);
    List<SpanData> tasks = InMemorySpans.spans("task");
    assertThat(tasks)
        .hasSize(3)
        .allSatisfy(
            t -> {
              assertThat(t.getParentSpanId()).isEqualTo(group.getSpanId());
              assertThat(group.getEndEpochNanos()).isGreaterThanOrEqualTo(t.getEndEpochNanos());
            });
  }

  @Test
  void nestedGroups_linkThroughTheTaskThatOpensThem() throws Exception {
    try (TaskGroup outer = TracedAsync.tracedTaskGroup(TRACER, "outer", null, pool)) {
      outer.startSoon(
          () -> {
            try (Span task = TRACER.startAsCurrentSpan("outer_task");
                TaskGroup inner = TracedAsync.tracedTaskGroup(TRACER, "inner", null, pool)) {
              inner.startSoon(() -> TRACER.startSpan("inner_task").end());
              inner.startSoon(() -> TRACER.startSpan("inner_task").end());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
    }
    SpanData outerTask = InMemorySpans.span("outer_task");
    assertThat(outerTask.getParentSpanId()).isEqualTo(InMemorySpans.span("outer").getSpanId());
    SpanData inner = InMemorySpans.span("inner");
    assertThat(inner.getParentSpanId()).isEqualTo(outerTask.getSpanId());
    assertThat(InMemorySpans.spans("inner_task"))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.getParentSpanId()).isEqualTo(inner.getSpanId()));
  }

  @Test
  void failingTask_cancelsSleepingSibling_closeThrowsIt_groupIsError() throws Exception {
    CountDownLatch siblingStarted = new CountDownLatch(1);
    CountDownLatch siblingInterrupted = new CountDownLatch(1);
    AtomicBoolean siblingFinishedNormally = new AtomicBoolean();
    IOException boom = new IOException("boom");
    Future<?>[] sibling = new Future<?>[1];
    Throwable thrown =
        catchThrowable(
            () -> {
              try (TaskGroup group =
                  TracedAsync.tracedTaskGroup(TRACER, "failing_group", null, pool)) {
                sibling[0] =
                    group.start(
                        () -> {
                          siblingStarted.countDown();
                          try {
                            Blocking.untilInterrupted();
                            siblingFinishedNormally.set(true);
                          } catch (InterruptedException e) {
                            siblingInterrupted.countDown();
                          }
                          return null;
                        });
                group.start(
                    () -> {
                      await(siblingStarted);
                      throw boom;
                    });
              }
            });
    assertThat(thrown).isSameAs(boom);
    assertThat(siblingInterrupted.await(0, TimeUnit.SECONDS)).as("sibling interrupted").isTrue();
    assertThat(siblingFinishedNormally).isFalse();
    assertThat(sibling[0]).isCancelled();
    SpanData group = InMemorySpans.span("failing_group");
    assertThat(group.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(AsyncSpanTest.exceptionType(group)).isEqualTo("java.io.IOException");
  }

  @Test
  void aTaskTheExecutorRefuses_failsWithTheRefusal_andFailsTheGroup() throws Exception {
    RejectedExecutionException refused = new RejectedExecutionException("full");
    AtomicBoolean ran = new AtomicBoolean();
    Future<?>[] task = new Future<?>[1];
    Throwable thrown =
        catchThrowable(
            () -> {
              try (TaskGroup group =
                  TracedAsync.tracedTaskGroup(
                      TRACER,
                      "refused_group",
                      null,
                      command -> {
                        throw refused;
                      })) {
                task[0] = group.start(() -> ran.getAndSet(true));
              }
            });
    assertThat(thrown).isSameAs(refused);
    assertThat(task[0]).isDone().isNotCancelled();
    assertThatThrownBy(() -> task[0].get(0, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCause(refused);
    assertThat(ran).isFalse();
    SpanData group = InMemorySpans.span("refused_group");
    assertThat(group.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(AsyncSpanTest.exceptionType(group))
        .isEqualTo(RejectedExecutionException.class.getName());
  }

  @Test
  void aRefusedTask_thatWasCancelledBefore_staysCancelled_andIsNotAFailure() throws Exception {
    IllegalStateException boom = new IllegalStateException("first");
    List<Runnable> kept = new ArrayList<>();
    // Keeps the first task; for the second it runs the first, whose failure cancels the second
    // (the group cancels every task still running), and only then refuses the second.
    Executor executor =
        command -> {
          if (kept.isEmpty()) {
            kept.add(command);
            return;
          }
          kept.get(0).run();
          throw new RejectedExecutionException("refused after the group failed");
        };
    Future<?>[] second = new Future<?>[1];
    Throwable thrown =
        catchThrowable(
            () -> {
              try (TaskGroup group =
                  TracedAsync.tracedTaskGroup(TRACER, "cancelled_refused", null, executor)) {
                group.startSoon(
                    () -> {
                      throw boom;
                    });
                second[0] = group.start(() -> "never");
              }
            });
    assertThat(thrown).isSameAs(boom);
    assertThat(boom.getSuppressed()).as("the refusal is nobody's failure").isEmpty();
    assertThat(second[0]).isCancelled();
  }

  @Test
  void tasksStartedAfterAFailure_doNotRun_andStartAfterCloseIsRefused() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    TaskGroup[] groups = new TaskGroup[1];
    IllegalStateException boom = new IllegalStateException("first");
    assertThatThrownBy(
            () -> {
              try (TaskGroup group = TracedAsync.tracedTaskGroup(TRACER, "g", null, pool)) {
                groups[0] = group;
                group
                    .start(
                        () -> {
                          throw boom;
                        })
                    .get(10, TimeUnit.SECONDS);
              }
            })
        .isInstanceOf(java.util.concurrent.ExecutionException.class)
        .hasCause(boom)
        // try-with-resources adds what close() threw (the group's first failure) as suppressed.
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(boom));
    assertThatThrownBy(() -> groups[0].startSoon(() -> ran.set(true)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ran).isFalse();
  }

  @Test
  void interruptedClose_cancelsTheTasks_waitsForThem_throwsInterruptedException() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch taskInterrupted = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Throwable> closeThrew =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<String> ownerLeft =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread owner =
        new Thread(
            () -> {
              closeThrew.set(
                  catchThrowable(
                      () -> {
                        try (TaskGroup group =
                            TracedAsync.tracedTaskGroup(TRACER, "interrupted_group", null, pool)) {
                          group.startSoon(
                              () -> {
                                started.countDown();
                                try {
                                  Blocking.untilInterrupted();
                                } catch (InterruptedException e) {
                                  taskInterrupted.countDown();
                                }
                              });
                          await(started);
                        }
                      }));
              ownerLeft.set(OtelEnv.leftovers());
            });
    owner.start();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> owner.getState() == Thread.State.WAITING && started.getCount() == 0);
    owner.interrupt();
    owner.join(10_000);
    assertThat(closeThrew.get()).isInstanceOf(InterruptedException.class);
    assertThat(taskInterrupted.getCount()).isZero();
    assertThat(ownerLeft.get()).isEmpty();
    assertThat(InMemorySpans.span("interrupted_group").getStatus().getStatusCode())
        .isEqualTo(StatusCode.ERROR);
  }

  @Test
  void cancelledTask_doesNotFailTheGroup() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    try (TaskGroup group = TracedAsync.tracedTaskGroup(TRACER, "cancel_one", null, pool)) {
      Future<?> f =
          group.start(
              () -> {
                started.countDown();
                Blocking.untilInterrupted();
                return null;
              });
      await(started);
      f.cancel(true);
    }
    assertThat(InMemorySpans.span("cancel_one").getStatus().getStatusCode())
        .isEqualTo(StatusCode.UNSET);
  }

  @Test
  void closeInsideOneOfItsOwnTasks_failsFast_insteadOfWaitingForItself() throws Exception {
    // Bounded: on a group that lets a task wait for itself, close() would never return.
    Throwable thrown =
        catchThrowable(
            () ->
                Bounded.call(
                    LIMIT,
                    OtelEnv::leftovers,
                    () -> {
                      try (TaskGroup group =
                          TracedAsync.tracedTaskGroup(TRACER, "self_closing", null, pool)) {
                        group.start(
                            () -> {
                              group.close();
                              return null;
                            });
                      }
                      return null;
                    }));
    assertThat(thrown)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside one of its own tasks");
    assertThat(InMemorySpans.span("self_closing").getStatus().getStatusCode())
        .isEqualTo(StatusCode.ERROR);
  }

  @Test
  void closeOnAnotherThread_isIgnoredAndReportedOnce_theOwnersCloseStillRestoresItsThread()
      throws Exception {
    try (LogContext.Scope request = LogContext.bind("request_id", "r-1")) {
      TaskGroup group = TracedAsync.tracedTaskGroup(TRACER, "foreign_close", null, pool);
      Future<String> before = group.start(() -> "before");
      for (int i = 0; i < 2; i++) {
        pool.submit(
                () -> {
                  group.close();
                  return null;
                })
            .get(10, TimeUnit.SECONDS);
      }
      assertThat(OTEL.reports().takeWarnings())
          .as("one warning for both foreign closes")
          .singleElement()
          .asString()
          .contains("TaskGroup.close()", "not the thread that opened it");
      assertThat(InMemorySpans.spans("foreign_close")).as("still open").isEmpty();
      Future<String> after = group.start(() -> "after");
      group.close();
      assertThat(before.get()).isEqualTo("before");
      assertThat(after.get()).isEqualTo("after");
      assertThat(InMemorySpans.spans("foreign_close")).as("ended once, by the owner").hasSize(1);
      assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid())
          .as("the group span is not current any more")
          .isFalse();
      assertThat(LogContext.current()).containsExactly(Map.entry("request_id", "r-1"));
    }
    // nothingLeft(): the pool threads that called close() carry nothing of the group either.
  }

  @Test
  void load_10000Tasks_everyParentRight_onVirtualThreadsWhereTheJvmHasThem() throws Exception {
    int n = 10_000;
    String groupId;
    java.util.Set<Boolean> virtual = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (TaskGroup group = TracedAsync.tracedTaskGroup(TRACER, "load_group", null)) {
      groupId = group.span().spanId();
      for (int i = 0; i < n; i++) {
        group.startSoon(
            () -> {
              virtual.add(isVirtual(Thread.currentThread()));
              TRACER.startSpan("load_task").end();
            });
      }
    }
    assertThat(virtual).containsExactly(Runtime.version().feature() >= 21);
    List<SpanData> tasks = InMemorySpans.spans("load_task");
    assertThat(tasks).hasSize(n);
    assertThat(tasks).allSatisfy(t -> assertThat(t.getParentSpanId()).isEqualTo(groupId));
    assertThat(InMemorySpans.span("load_group").getEndEpochNanos())
        .isGreaterThanOrEqualTo(
            tasks.stream().mapToLong(SpanData::getEndEpochNanos).max().orElseThrow());
  }

  static boolean isVirtual(Thread thread) {
    try {
      return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    } catch (NoSuchMethodException e) {
      return false;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
