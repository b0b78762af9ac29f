package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.LogContext;
import dev.optel.LogEventBuilder;
import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.testsupport.OtelExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fluent form ({@code atInfo().field(...).log(event)}) on every class path: the same events as
 * the other calls, primitives passed on with their types, and a disabled level answered by one
 * shared builder that allocates nothing (contract behaviour 4 included).
 */
@SuppressWarnings("try") // scopes opened only for their effect on the context
@Timeout(60)
class FluentLoggingTest {
  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

  private static final String NAME = "dev.optel.tests.fluent";
  private static LoggingFacade log;
  private static LogCapture capture;

  @BeforeAll
  static void setUp() {
    capture = LogCapture.forClasspath();
    log = Telemetry.get(NAME).logger();
  }

  @BeforeEach
  void clear() {
    if (capture != null) {
      capture.clear();
    }
  }

  private static LogEvent only() {
    List<LogEvent> events = capture.events();
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void fields_arePassedOnInOrderWithTheirTypes() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    log.atInfo()
        .field("order_id", 12345L)
        .field("items", 3)
        .field("amount", 12.5)
        .field("ratio", 0.5f)
        .field("paid", true)
        .field("grade", 'A')
        .field("user", "alice")
        .log("order_placed");
    LogEvent e = only();
    assertThat(e.logger()).isEqualTo(NAME);
    assertThat(e.level()).isEqualTo("INFO");
    assertThat(e.message()).isEqualTo("order_placed");
    assertThat(e.text("order_id")).isEqualTo("12345");
    assertThat(e.text("items")).isEqualTo("3");
    assertThat(e.text("amount")).isEqualTo("12.5");
    assertThat(e.text("ratio")).isEqualTo("0.5");
    assertThat(e.text("paid")).isEqualTo("true");
    assertThat(e.text("grade")).isEqualTo("A");
    assertThat(e.text("user")).isEqualTo("alice");
    if (Cp.LOGBACK) { // Logback keeps the pairs in order and the values as they are
      assertThat(e.keyValues())
          .containsExactly(
              Map.entry("order_id", 12345L),
              Map.entry("items", 3),
              Map.entry("amount", 12.5),
              Map.entry("ratio", 0.5f),
              Map.entry("paid", true),
              Map.entry("grade", 'A'),
              Map.entry("user", "alice"));
    }
  }

  @Test
  void event_isTheOneTheVarargsCallWrites() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    IllegalStateException failure = new IllegalStateException("bad");
    try (LogContext.Scope s = LogContext.bind("tenant", "acme")) {
      log.bind("request_id", "r-1")
          .atWarning()
          .field("event", "forged")
          .field(null, 1)
          .cause(failure)
          .log("slow");
      log.bind("request_id", "r-1")
          .log(LogLevel.WARNING, "slow", "event", "forged", null, 1, failure);
    }
    List<LogEvent> events = capture.events();
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo(events.get(1));
    assertThat(events.get(0).thrown()).isSameAs(failure);
    assertThat(events.get(0).text("field_event")).isEqualTo("forged");
    assertThat(events.get(0).text("null")).isEqualTo("1");
    assertThat(events.get(0).text("tenant")).isEqualTo("acme");
  }

  @Test
  void levels_mapToSlf4jAndCriticalCarriesTheMarker() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    log.atDebug().log("d");
    log.atInfo().log("i");
    log.atWarning().log("w");
    log.atError().log("e");
    log.atCritical().log("c");
    log.atLevel(null).log("null_level");
    log.atLevel(LogLevel.CRITICAL).log("c2");
    List<LogEvent> events = capture.events();
    assertThat(events)
        .extracting(LogEvent::message)
        .containsExactly("d", "i", "w", "e", "c", "null_level", "c2");
    assertThat(events)
        .extracting(LogEvent::level)
        .containsExactly("DEBUG", "INFO", "WARN", "ERROR", "ERROR", "INFO", "ERROR");
    assertThat(events.get(3).markers()).doesNotContain("CRITICAL");
    assertThat(events.get(4).markers()).containsExactly("CRITICAL");
    assertThat(events.get(6).markers()).containsExactly("CRITICAL");
  }

  @Test
  void disabledLevel_isOneSharedBuilderThatEvaluatesNothing() {
    assumeTrue(Cp.PROVIDER, "needs an SLF4J provider");
    LoggingFacade quiet = Telemetry.get("dev.optel.tests.quiet").logger();
    assertThat(quiet.isEnabled(LogLevel.DEBUG)).isFalse();
    assertOneSharedBuilder(quiet.atDebug(), quiet.atDebug(), quiet.atLevel(LogLevel.DEBUG));
    AtomicInteger calls = new AtomicInteger();
    Supplier<String> lazy = () -> "computed-" + calls.incrementAndGet();
    quiet.atDebug().field("value", lazy).field("n", 1L).log("skipped");
    assertThat(calls).hasValue(0);
    quiet.atInfo().field("value", lazy).log("written");
    assertThat(calls).hasValue(1);
    if (capture != null) {
      assertThat(only().message()).isEqualTo("written");
    }
    // An enabled level gets a builder of its own for each event.
    assertThat(quiet.atInfo()).isNotSameAs(quiet.atInfo());
  }

  @Test
  void withoutSlf4j_everyLevelIsASharedBuilderAndNothingThrows() {
    assumeFalse(Cp.PROVIDER, "an SLF4J provider is present");
    LoggingFacade off = Telemetry.get(NAME).logger();
    assertThat(off).isSameAs(LoggingFacade.noop());
    assertOneSharedBuilder(off.atDebug(), off.atInfo(), off.atWarning(), off.atLevel(null));
    assertOneSharedBuilder(off.atError(), off.atCritical(), off.atLevel(LogLevel.ERROR));
    assertThatCode(
            () -> off.atInfo().field(null, (Object) null).field("n", 1L).cause(null).log(null))
        .doesNotThrowAnyException();
    assertThatCode(() -> off.atCritical().field("n", 1.5).cause(new Error("x")).log(null))
        .doesNotThrowAnyException();
  }

  @Test
  void nullsNeverThrow() {
    assumeTrue(Cp.PROVIDER, "needs an SLF4J provider");
    assertThatCode(() -> log.atInfo().field(null, (Object) null).cause(null).log(null))
        .doesNotThrowAnyException();
    if (capture != null) {
      LogEvent e = only();
      assertThat(e.message()).isEqualTo("null");
      assertThat(e.thrown()).isNull();
    }
  }

  @Test
  void errorAndCritical_markTheCurrentSpanAlsoWhenDisabled() {
    assumeTrue(Cp.SDK, "needs the OpenTelemetry SDK to read the span status");
    // Without SLF4J (execution otel-sdk) every level is disabled and the status is still set.
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("with.error")) {
      log.atError().field("amount", 5L).log("payment_failed");
    }
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("with.warning")) {
      log.atWarning().log("slow");
    }
    LoggingFacade off = Telemetry.get("dev.optel.tests.off").logger();
    assertThat(off.isEnabled(LogLevel.ERROR)).isFalse();
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("with.disabled.error")) {
      off.atError().field("amount", 5L).log("not_written_but_failed");
    }
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("with.disabled.critical")) {
      off.atLevel(LogLevel.CRITICAL).log("not_written_but_critical");
    }
    assertThat(Sdk.one("with.error").status()).isEqualTo("ERROR");
    assertThat(Sdk.one("with.error").statusDescription()).isEqualTo("payment_failed");
    assertThat(Sdk.one("with.warning").status()).isEqualTo("UNSET");
    assertThat(Sdk.one("with.disabled.error").status()).isEqualTo("ERROR");
    assertThat(Sdk.one("with.disabled.error").statusDescription())
        .isEqualTo("not_written_but_failed");
    assertThat(Sdk.one("with.disabled.critical").status()).isEqualTo("ERROR");
    if (capture != null) {
      assertThat(capture.events())
          .extracting(LogEvent::message)
          .containsExactly("payment_failed", "slow");
    }
  }

  private static void assertOneSharedBuilder(LogEventBuilder first, LogEventBuilder... others) {
    for (LogEventBuilder other : others) {
      assertThat(other).isSameAs(first);
    }
    assertThat(first.field("k", 1L)).isSameAs(first);
    assertThat(first.field("k", 1)).isSameAs(first);
    assertThat(first.field("k", 1.0)).isSameAs(first);
    assertThat(first.field("k", 1.0f)).isSameAs(first);
    assertThat(first.field("k", true)).isSameAs(first);
    assertThat(first.field("k", 'c')).isSameAs(first);
    assertThat(first.field("k", "v")).isSameAs(first);
    assertThat(first.cause(new IllegalStateException())).isSameAs(first);
  }
}
