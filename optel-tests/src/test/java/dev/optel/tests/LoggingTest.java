package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.LogContext;
import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.testsupport.OtelExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract behaviour 4, read back from Logback or Log4j (and from stderr for slf4j-simple). */
@SuppressWarnings("try") // scopes opened only for their effect on the context
@Timeout(60)
class LoggingTest {
  private static final String NAME = "dev.optel.tests.logging";
  private static LoggingFacade log;
  private static LogCapture capture;

  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

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

  /** Logback keeps the pairs in order; Log4j passes them as (sorted) context data. */
  private static void assertKeys(LogEvent e, String... keys) {
    if (Cp.LOGBACK) {
      assertThat(e.keyValues().keySet()).containsExactly(keys);
    } else {
      assertThat(e.keyValues().keySet()).containsExactlyInAnyOrder(keys);
    }
  }

  @Test
  void event_isTheMessageAndFieldsAreKeyValuePairs() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    log.info("user_login", "user", "alice", "attempt", 3, "admin", false);
    LogEvent e = only();
    assertThat(e.logger()).isEqualTo(NAME);
    assertThat(e.level()).isEqualTo("INFO");
    assertThat(e.message()).isEqualTo("user_login");
    assertKeys(e, "user", "attempt", "admin");
    assertThat(e.text("user")).isEqualTo("alice");
    assertThat(e.text("attempt")).isEqualTo("3");
    assertThat(e.text("admin")).isEqualTo("false");
    assertThat(e.markers()).isEmpty();

    capture.clear();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("a", 1);
    fields.put("b", "two");
    log.warning("from_map", fields);
    assertKeys(only(), "a", "b");
  }

  @Test
  void levels_mapToSlf4jAndCriticalCarriesTheMarker() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    log.debug("d");
    log.info("i", "k", 1);
    log.warning("w", "k", 1, "k2", 2);
    log.error("e", "k", 1, "k2", 2, "k3", 3);
    log.critical("c");
    List<LogEvent> events = capture.events();
    assertThat(events).extracting(LogEvent::message).containsExactly("d", "i", "w", "e", "c");
    assertThat(events)
        .extracting(LogEvent::level)
        .containsExactly("DEBUG", "INFO", "WARN", "ERROR", "ERROR");
    assertThat(events.get(3).markers()).doesNotContain("CRITICAL");
    assertThat(events.get(4).markers()).containsExactly("CRITICAL");
    assertThat(events.get(3).keyValues()).hasSize(3);
  }

  @Test
  void enabledEvents_checkTheLevelNoMoreOftenThanTheSlf4jFluentCall() {
    assumeTrue(Cp.LOGBACK, "counts Logback's turbo filter calls");
    LogbackCapture logback = LogbackCapture.INSTANCE;
    int fluentInfo = logback.turboFilterCalls(NAME, () -> logback.fluent(NAME, false, "i", "k", 1));
    int fluentCritical =
        logback.turboFilterCalls(NAME, () -> logback.fluent(NAME, true, "c", "k", 1));
    assertThat(fluentInfo).isPositive();
    assertThat(logback.turboFilterCalls(NAME, () -> log.info("i", "k", 1))).isEqualTo(fluentInfo);
    assertThat(logback.turboFilterCalls(NAME, () -> log.critical("c", "k", 1)))
        .isEqualTo(fluentCritical);
    assertThat(capture.events()).extracting(LogEvent::message).containsExactly("i", "c", "i", "c");
  }

  @Test
  void trailingThrowable_isTheEventsException() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    IllegalStateException failure = new IllegalStateException("bad");
    log.error("request_failed", "id", 7, failure);
    LogEvent e = only();
    assertThat(e.thrown()).isSameAs(failure);
    assertThat(e.keyValues()).containsOnlyKeys("id");
  }

  @Test
  void suppliers_areEvaluatedOnlyWhenTheEventIsEnabled() {
    assumeTrue(Cp.PROVIDER, "needs an SLF4J provider");
    LoggingFacade quiet = Telemetry.get("dev.optel.tests.quiet").logger();
    assertThat(quiet.isEnabled(LogLevel.DEBUG)).isFalse();
    assertThat(quiet.isEnabled(LogLevel.INFO)).isTrue();
    AtomicInteger calls = new AtomicInteger();
    Supplier<String> lazy = () -> "computed-" + calls.incrementAndGet();
    quiet.debug("skipped", "value", lazy);
    quiet.debug("skipped", Map.of("value", lazy));
    assertThat(calls).hasValue(0);
    quiet.info("written", "value", lazy);
    assertThat(calls).hasValue(1);
    if (capture != null) {
      LogEvent e = only();
      assertThat(e.message()).isEqualTo("written");
      assertThat(e.text("value")).isEqualTo("computed-1");
    }
  }

  @Test
  void bind_addsFieldsToEveryEventOfTheNewLogger() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    LoggingFacade request = log.bind("request_id", "r-1");
    LoggingFacade user = request.bind("user", "bob");
    user.info("handled", "status", 200);
    log.info("plain");
    List<LogEvent> events = capture.events();
    assertKeys(events.get(0), "request_id", "user", "status");
    assertThat(events.get(0).text("request_id")).isEqualTo("r-1");
    assertThat(events.get(1).keyValues()).isEmpty();
  }

  @Test
  void logContext_fieldsJoinEventsInsideTheScopeOnly() {
    try (LogContext.Scope outer = LogContext.bind("tenant", "acme")) {
      try (LogContext.Scope inner = LogContext.bind("job", 12)) {
        assertThat(LogContext.current())
            .containsExactly(Map.entry("tenant", "acme"), Map.entry("job", 12));
        log.info("inside");
      }
      assertThat(LogContext.current()).containsOnlyKeys("tenant");
    }
    assertThat(LogContext.current()).isEmpty();
    log.info("outside");
    if (capture != null) {
      List<LogEvent> events = capture.events();
      assertThat(events).hasSize(2);
      assertThat(events.get(0).text("tenant")).isEqualTo("acme");
      assertThat(events.get(0).text("job")).isEqualTo("12");
      assertThat(events.get(1).keyValues()).doesNotContainKeys("tenant", "job");
    }
  }

  @Test
  void aKeyBoundTwice_reachesSlf4jTwice_whileLogContextCurrentKeepsTheNewerValue() {
    try (LogContext.Scope outer = LogContext.bind("tenant", "acme");
        LogContext.Scope inner = LogContext.bind("tenant", "globex")) {
      assertThat(LogContext.current()).containsExactly(Map.entry("tenant", "globex"));
      log.info("bound_twice", "tenant", "from-call");
    }
    if (Cp.SLF4J_API && Cp.LOGBACK) {
      // Every binding is a pair of its own, oldest first, then the call's: SLF4J keeps them all.
      assertThat(LogbackCapture.INSTANCE.pairs(0))
          .containsExactly(
              Map.entry("tenant", "acme"),
              Map.entry("tenant", "globex"),
              Map.entry("tenant", "from-call"));
    } else if (capture != null) {
      // log4j-slf4j2-impl puts the pairs into one map: the last one wins.
      assertThat(only().text("tenant")).isEqualTo("from-call");
    }
  }

  @Test
  void eventsInsideASpan_carryItsIds() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    String traceId;
    String spanId;
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("logging.span")) {
      traceId = span.traceId();
      spanId = span.spanId();
      log.info("in_span", "k", "v");
    }
    log.info("after_span");
    List<LogEvent> events = capture.events();
    if (Cp.SDK) {
      assertThat(events.get(0).text("trace_id")).isEqualTo(traceId).matches("[0-9a-f]{32}");
      assertThat(events.get(0).text("span_id")).isEqualTo(spanId).matches("[0-9a-f]{16}");
    } else {
      assertThat(events.get(0).keyValues()).doesNotContainKeys("trace_id", "span_id");
    }
    assertThat(events.get(1).keyValues()).doesNotContainKeys("trace_id", "span_id");
  }

  @Test
  void fieldsNamedLikeOptelsOwn_arePassedOnWithThePrefix() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    try (LogContext.Scope s = LogContext.bind("span_id", "context-span")) {
      log.bind("event", "bound-event")
          .info(
              "user_event",
              "event",
              "webhook.created",
              "trace_id",
              "forged-trace",
              "field_event",
              "already-prefixed",
              "exception",
              "text");
    }
    LogEvent e = only();
    assertThat(e.message()).isEqualTo("user_event");
    assertThat(e.keyValues()).doesNotContainKeys("event", "trace_id", "span_id", "exception");
    assertThat(e.text("field_span_id")).isEqualTo("context-span");
    assertThat(e.text("field_trace_id")).isEqualTo("forged-trace");
    assertThat(e.text("field_field_event")).isEqualTo("already-prefixed");
    assertThat(e.text("field_exception")).isEqualTo("text");
    if (Cp.LOGBACK) { // Logback keeps every pair in order; Log4j keeps the last of equal keys
      assertThat(e.keyValues()).containsKey("field_event");
    }
    assertThat(e.thrown()).isNull();
  }

  @Test
  void userTraceIdsInsideASpan_neverReplaceTheSpans() {
    assumeTrue(capture != null && Cp.SDK, "needs a readable SLF4J provider and the SDK");
    String traceId;
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("forged.ids")) {
      traceId = span.traceId();
      log.info("in_span", "trace_id", "forged-trace");
    }
    LogEvent e = only();
    assertThat(e.text("trace_id")).isEqualTo(traceId);
    assertThat(e.text("field_trace_id")).isEqualTo("forged-trace");
  }

  @Test
  void arraysAndCollections_arePassedOnAsImmutableLists() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    List<String> names = new java.util.ArrayList<>(List.of("a", "b"));
    log.info(
        "arrays",
        "ids",
        new long[] {1, 2},
        "names",
        names,
        "grid",
        new int[][] {{1}, {2, 3}},
        "mixed",
        new Object[] {"x", null, 1.5});
    names.add("added after the call");
    LogEvent e = only();
    assertThat(e.text("ids")).isEqualTo("[1, 2]");
    assertThat(e.text("names")).isEqualTo("[a, b]");
    assertThat(e.text("grid")).isEqualTo("[[1], [2, 3]]");
    assertThat(e.text("mixed")).isEqualTo("[x, null, 1.5]");
    if (Cp.LOGBACK) { // Logback hands the values over as they are; Log4j as strings
      assertThat(e.keyValues().get("ids")).isEqualTo(List.of(1L, 2L));
      @SuppressWarnings("unchecked")
      List<Object> ids = (List<Object>) e.keyValues().get("ids");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ids.add(3L))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void errorAndCritical_markTheCurrentSpanAsFailed() {
    assumeTrue(Cp.SDK, "needs the OpenTelemetry SDK to read the span status");
    // Without SLF4J (execution otel-sdk) the status is set although nothing is logged.
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("with.error")) {
      log.error("payment_failed", "amount", 5);
    }
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("with.critical")) {
      log.critical("disk_full");
    }
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("with.warning")) {
      log.warning("slow");
    }
    LoggingFacade off = Telemetry.get("dev.optel.tests.off").logger();
    assertThat(off.isEnabled(LogLevel.ERROR)).isFalse();
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("with.disabled.error")) {
      off.error("not_written_but_failed");
    }
    try (Span span = Telemetry.get(NAME).tracer().startAsCurrentSpan("with.disabled.critical")) {
      off.critical("not_written_but_critical", Map.of("k", 1));
    }
    assertThat(Sdk.one("with.disabled.error").status()).isEqualTo("ERROR");
    assertThat(Sdk.one("with.disabled.error").statusDescription())
        .isEqualTo("not_written_but_failed");
    assertThat(Sdk.one("with.disabled.critical").status()).isEqualTo("ERROR");
    if (capture != null) {
      assertThat(capture.events())
          .extracting(LogEvent::message)
          .containsExactly("payment_failed", "disk_full", "slow");
    }
    Finished error = Sdk.one("with.error");
    assertThat(error.status()).isEqualTo("ERROR");
    assertThat(error.statusDescription()).isEqualTo("payment_failed");
    assertThat(Sdk.one("with.critical").status()).isEqualTo("ERROR");
    assertThat(Sdk.one("with.warning").status()).isEqualTo("UNSET");
  }

  @Test
  void slf4jSimple_writesTheEventAndItsFields() {
    assumeTrue(Cp.SIMPLE, "needs slf4j-simple");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      log.info("simple_event", "user", "alice");
      log.critical("simple_critical", "code", 9);
    } finally {
      System.setErr(previous);
    }
    String text = buffer.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("simple_event")
        .contains("user=alice")
        .contains("simple_critical")
        .contains("code=9")
        .contains(NAME);
  }
}
