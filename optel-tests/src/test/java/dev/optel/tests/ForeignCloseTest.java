package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.optel.LogContext;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import dev.optel.testsupport.OptelReports;
import dev.optel.testsupport.OtelExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code LogContext.Scope} or a current span closed first on another thread: that close leaves
 * every thread's context alone (a span still ends), and the owner's own close later restores the
 * owner's thread, so the next task on a pool thread starts clean.
 */
@Timeout(60)
class ForeignCloseTest {
  private static final String ZERO_SPAN = "0000000000000000";

  private static TracingFacade tracer;

  /** One thread, like a pool thread that runs one task after another. */
  private ExecutorService owner;

  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

  @BeforeAll
  static void setUp() {
    tracer = Telemetry.get("dev.optel.tests.foreign").tracer();
  }

  @BeforeEach
  void start() {
    owner = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() {
    owner.shutdownNow();
  }

  private static boolean recording() {
    return Cp.SDK || Cp.AGENT;
  }

  private <T> T onOwner(Callable<T> task) throws Exception {
    return owner.submit(task).get(30, TimeUnit.SECONDS);
  }

  @Test
  void logContextScope_closedOnAnotherThread_isIgnored_andTheOwnersCloseRestores()
      throws Exception {
    LogContext.Scope scope = onOwner(() -> LogContext.bind("order_id", "o-1"));
    List<String> reported;
    try (OptelReports reports = new OptelReports()) {
      try (LogContext.Scope mine = LogContext.bind("caller", "c-1")) {
        assertThatCode(scope::close).doesNotThrowAnyException();
        assertThat(LogContext.current())
            .as("the closing thread")
            .containsExactly(Map.entry("caller", "c-1"));
      }
      reported = reports.messages();
    }
    assertThat(onOwner(LogContext::current))
        .as("owner after the foreign close")
        .containsExactly(Map.entry("order_id", "o-1"));
    onOwner(
        () -> {
          scope.close();
          return null;
        });
    assertThat(onOwner(LogContext::current)).as("the next task on the owner's thread").isEmpty();
    assertThat(LogContext.current()).isEmpty();
    assertThat(reported).anyMatch(m -> m.contains("another thread"));
  }

  @Test
  void currentSpan_closedOnAnotherThread_endsIt_andTheOwnersCloseRestores() throws Exception {
    Span span = onOwner(() -> tracer.startAsCurrentSpan("owned"));
    String ownedId = span.spanId();
    List<String> reported;
    try (OptelReports reports = new OptelReports()) {
      try (Span mine = tracer.startAsCurrentSpan("closer")) {
        assertThatCode(span::close).doesNotThrowAnyException();
        if (Cp.OTEL_API) {
          assertThat(OtelProbe.currentSpanId()).as("the closing thread").isEqualTo(mine.spanId());
        }
      }
      reported = reports.messages();
    }
    if (Cp.SDK) {
      assertThat(Sdk.finished())
          .as("ended by the foreign close")
          .anyMatch(f -> f.name().equals("owned"));
    }
    if (Cp.OTEL_API) {
      assertThat(onOwner(OtelProbe::currentSpanId))
          .as("owner after the foreign close")
          .isEqualTo(ownedId);
    }
    onOwner(
        () -> {
          span.close();
          return null;
        });
    String nextParent =
        onOwner(
            () -> {
              try (Span next = tracer.startSpan("next")) {
                return Cp.OTEL_API ? OtelProbe.currentSpanId() : ZERO_SPAN;
              }
            });
    assertThat(nextParent)
        .as("current span of the next task on the owner's thread")
        .isEqualTo(ZERO_SPAN);
    if (Cp.SDK) {
      assertThat(Sdk.one("next").isRoot()).isTrue();
      assertThat(Sdk.finished()).filteredOn(f -> f.name().equals("owned")).hasSize(1);
    }
    if (Cp.OTEL_API) {
      assertThat(OtelProbe.currentSpanId()).isEqualTo(ZERO_SPAN);
    }
    if (recording()) {
      assertThat(reported).anyMatch(m -> m.contains("another thread"));
    }
  }
}
