package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.LoggingFacade;
import dev.optel.Propagation;
import dev.optel.Span;
import dev.optel.TaskGroup;
import dev.optel.Telemetry;
import dev.optel.TracedAsync;
import dev.optel.TracingFacade;
import dev.optel.testsupport.OptelReports;
import dev.optel.testsupport.OtelExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract behaviour 9: {@code Propagation} on every class path. Without an SDK optel's own W3C
 * codec does the work; with the SDK of this suite ({@code InMemorySpans} installs W3C Trace Context
 * and W3C Baggage, as {@code OTEL_PROPAGATORS} does by default) and under the agent, the installed
 * propagators do, after optel's codec checked the W3C headers. With no span of this process
 * current, {@code inject} writes what {@code extract} received on every class path.
 */
@Timeout(60)
class PropagationTest {
  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

  private static ExecutorService pool;
  private static LogCapture capture;

  @BeforeAll
  static void setUp() {
    capture = LogCapture.forClasspath();
    pool = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  @BeforeEach
  void clear() {
    if (capture != null) {
      capture.clear();
    }
  }

  /** What {@code inject} writes now, names in lower case. */
  private static Map<String, String> injected() {
    Map<String, String> headers = new LinkedHashMap<>();
    Propagation.inject((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    return headers;
  }

  /** A getter over {@code headers}, case-insensitive like HTTP header names. */
  private static java.util.function.Function<String, String> getter(Map<String, String> headers) {
    return name -> {
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    };
  }

  private static <T> T received(Map<String, String> headers, Supplier<T> body) {
    try (Propagation.Scope ignored = Propagation.extract(getter(headers))) {
      return body.get();
    }
  }

  @Test
  void nothingCurrent_injectsNothing() {
    assertThat(injected()).isEmpty();
    assertThat(Propagation.baggage()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        // valid: passed on as version 00, flags as received
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01|00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00|00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09|00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09",
        " \t00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\t |00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        // future versions: the first four fields, anything after a '-' ignored
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01|00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes-next|00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        // invalid: ignored
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.what-comes-next|NONE",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.|NONE",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01|NONE",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01|NONE",
        "0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0G|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-001|NONE",
        "0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01|NONE",
        "000-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b77-01|NONE",
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01|NONE",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01,00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01|NONE",
        "|NONE",
        "garbage|NONE",
      })
  void traceparent_validAsTheSpecificationSays_passedOnUnchanged(String header, String expected) {
    Map<String, String> out =
        received(Map.of("traceparent", header == null ? "" : header), PropagationTest::injected);
    assertThat(out.get("traceparent")).isEqualTo(expected);
    assertThat(injected()).as("nothing left current after the scope").isEmpty();
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "foo=1,bar=2|foo=1,bar=2",
        "foo=1 \t , \t bar=2,\t baz=3 |foo=1,bar=2,baz=3",
        // empty members (also from joining repeated headers) are allowed
        "foo=1,,bar=2,|foo=1,bar=2",
        ",|NONE",
        // multi-tenant keys, digits first, every allowed character
        "tenant@system=1,0a=2|tenant@system=1,0a=2",
        "a-b_c*d/e@f-g=x|a-b_c*d/e@f-g=x",
        "foo@=1,bar=2|foo@=1,bar=2",
        // a repeated key keeps its first member
        "foo=1,foo=2,bar=3|foo=1,bar=3",
        // one invalid member discards the whole list
        "@foo=1,bar=2|NONE",
        "FOO=1,bar=2|NONE",
        "foo.bar=1|NONE",
        "foo =1|NONE",
        "foo=bar=baz|NONE",
        "foo=,bar=3|NONE",
        "foo=1,bar|NONE",
        "foo=a\tb|NONE",
      })
  void tracestate_listRules(String header, String expected) {
    Map<String, String> out =
        received(
            Map.of("traceparent", TRACEPARENT, "tracestate", header), PropagationTest::injected);
    assertThat(out.get("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(out.get("tracestate")).isEqualTo(expected);
  }

  @Test
  void tracestate_limits() {
    List<String> members = new ArrayList<>();
    for (int i = 1; i <= 33; i++) {
      members.add("k" + i + "=v" + i);
    }
    String thirtyTwo = String.join(",", members.subList(0, 32));
    assertThat(
            received(
                    Map.of("traceparent", TRACEPARENT, "tracestate", thirtyTwo),
                    PropagationTest::injected)
                .get("tracestate"))
        .isEqualTo(thirtyTwo);
    assertThat(
            received(
                Map.of("traceparent", TRACEPARENT, "tracestate", String.join(",", members)),
                PropagationTest::injected))
        .doesNotContainKey("tracestate");
    StringBuilder everyCharacter = new StringBuilder("k=");
    for (char c = 0x20; c <= 0x7e; c++) {
      if (c != ',' && c != '=') {
        everyCharacter.append(c);
      }
    }
    String longKey = "k".repeat(256) + "=1";
    String longValue = "k=" + "v".repeat(256);
    for (String ok :
        List.of(
            everyCharacter.toString(),
            longKey,
            longValue,
            "t".repeat(241) + "@" + "v".repeat(14) + "=1",
            "t".repeat(242) + "@v=1",
            "t@" + "v".repeat(15) + "=1")) {
      assertThat(
              received(
                      Map.of("traceparent", TRACEPARENT, "tracestate", ok),
                      PropagationTest::injected)
                  .get("tracestate"))
          .isEqualTo(ok);
    }
    for (String tooLong : List.of("k".repeat(257) + "=1", "k=" + "v".repeat(257))) {
      assertThat(
              received(
                  Map.of("traceparent", TRACEPARENT, "tracestate", "a=1," + tooLong),
                  PropagationTest::injected))
          .doesNotContainKey("tracestate");
    }
  }

  @Test
  void withoutOpenTelemetry_plainHeadersArePassedOnAsTheSameStrings() {
    // New instances, so that sameness means no copy was made (not an interned constant).
    String traceparent = new String(TRACEPARENT.toCharArray());
    String tracestate = new String("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7".toCharArray());
    Map<String, String> out =
        received(
            Map.of("traceparent", traceparent, "tracestate", tracestate),
            PropagationTest::injected);
    if (Cp.OTEL_API) {
      // Written from OpenTelemetry's span context, as its propagator does.
      assertThat(out).containsEntry("traceparent", traceparent);
      assertThat(out).containsEntry("tracestate", tracestate);
    } else {
      assertThat(out.get("traceparent")).isSameAs(traceparent);
      assertThat(out.get("tracestate")).isSameAs(tracestate);
    }
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(
      strings = {
        "",
        "foo=1",
        "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
        "a-b_c*d/e@f-g=x,k=with space",
        "tenant@system=1,0a=2",
        "foo@=1,bar=2",
      })
  void withTheSdksW3cPropagators_theContextIsTheirs(String tracestate) {
    assumeTrue(Cp.SDK && !Cp.AGENT, "needs the SDK this suite installs with the W3C propagators");
    for (String traceparent :
        List.of(
            TRACEPARENT,
            "00-" + TRACE_ID + "-" + PARENT_ID + "-00",
            "00-" + TRACE_ID + "-" + PARENT_ID + "-ff")) {
      Map<String, String> headers =
          tracestate.isEmpty()
              ? Map.of("traceparent", traceparent)
              : Map.of("traceparent", traceparent, "tracestate", tracestate);
      // optel reads the trace context itself here: the result must be what the propagator makes
      // (a trace state it cannot hold a member of is dropped whole or in part, by API version).
      assertThat(received(headers, OtelProbe::currentSpanContext))
          .isEqualTo(OtelProbe.w3cPropagatorExtracts(headers));
      Map<String, String> out = received(headers, PropagationTest::injected);
      assertThat(out.get("traceparent")).isEqualTo(traceparent);
      assertThat(out.get("tracestate")).isEqualTo(tracestate.isEmpty() ? null : tracestate);
    }
  }

  @Test
  void openTelemetryApiUsers_seeTheReceivedParent_andNoopSpansKeepItsTracestate() {
    // Under the agent its bridge makes the application's span contexts.
    assumeTrue(Cp.OTEL_API && !Cp.AGENT, "needs the OpenTelemetry API without the agent");
    // "0a" is a key OpenTelemetry's TraceState refuses: only optel keeps this header whole.
    for (String tracestate : List.of("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", "0a=1,b=2")) {
      Map<String, String> headers = Map.of("traceparent", TRACEPARENT, "tracestate", tracestate);
      assertThat(received(headers, () -> OtelProbe.currentIsRemoteParent(TRACE_ID, PARENT_ID)))
          .isTrue();
      assertThat(received(headers, () -> OtelProbe.inNoopSpan(PropagationTest::injected)))
          .containsEntry("traceparent", TRACEPARENT)
          .containsEntry("tracestate", tracestate);
    }
  }

  @Test
  void tracestateWithoutAValidTraceparent_isIgnored() {
    assertThat(received(Map.of("tracestate", "foo=1"), PropagationTest::injected)).isEmpty();
    assertThat(
            received(
                Map.of("traceparent", "garbage", "tracestate", "foo=1"), PropagationTest::injected))
        .isEmpty();
  }

  /** Whether the baggage storage of this class path keeps {@code value} (see OtelProbe). */
  private static boolean storable(String value) {
    return !Cp.OTEL_API || OtelProbe.baggageHolds(value);
  }

  @Test
  void baggage_isDecodedWithItsPropertiesAndPassedOn() {
    assumeTrue(storable("héllo w,rld;"), "this OpenTelemetry API's Baggage refuses such values");
    Map<String, String> headers =
        Map.of(
            "traceparent",
            TRACEPARENT,
            "baggage",
            "user=alice, note = h%C3%A9llo%20w%2Crld%3B ;p1;p2=x ,bad key=1,=2,k2=v2");
    Map<String, String> seen = received(headers, Propagation::baggage);
    assertThat(seen)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("user", "alice", "note", "héllo w,rld;", "k2", "v2"));
    String written = received(headers, PropagationTest::injected).get("baggage");
    // Read back what was written: the same entries, the properties kept.
    assertThat(received(Map.of("baggage", written), Propagation::baggage)).isEqualTo(seen);
    if (!Cp.AGENT) {
      // optel's codec writes the properties as they came (the agent's propagator encodes them).
      assertThat(written).contains("note=h%C3%A9llo%20w%2Crld%3B;p1;p2=x");
    }
  }

  @Test
  void bindBaggage_isWrittenPercentEncodedAndRemovedAtClose() {
    assumeTrue(storable("a b,c;d%e\"é"), "this OpenTelemetry API's Baggage refuses such values");
    try (Propagation.Scope a = Propagation.bindBaggage("k", "a b,c;d%e\"é");
        Propagation.Scope b = Propagation.bindBaggage("k2", "plain")) {
      assertThat(Propagation.baggage())
          .containsEntry("k", "a b,c;d%e\"é")
          .containsEntry("k2", "plain");
      String written = injected().get("baggage");
      assertThat(written).doesNotContain(" ").doesNotContain("\"");
      assertThat(received(Map.of("baggage", written), Propagation::baggage))
          .containsEntry("k", "a b,c;d%e\"é")
          .containsEntry("k2", "plain");
      try (Propagation.Scope c = Propagation.bindBaggage("k", "newer")) {
        assertThat(Propagation.baggage()).containsEntry("k", "newer");
      }
      assertThat(Propagation.baggage()).containsEntry("k", "a b,c;d%e\"é");
    }
    assertThat(Propagation.baggage()).isEmpty();
    assertThat(injected()).isEmpty();
  }

  @Test
  void baggage_limitsDropWhatExceeds() {
    assumeTrue(
        !Cp.AGENT && !Cp.SDK,
        "with an SDK or the agent, the installed baggage propagator"
            + " applies its own limits (OpenTelemetry's: 64 entries)");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      many.append(i == 0 ? "" : ",").append("k").append(i).append('=').append(i);
    }
    Map<String, String> headers = Map.of("baggage", many.toString());
    assertThat(received(headers, Propagation::baggage))
        .hasSize(180)
        .containsKey("k0")
        .containsKey("k179")
        .doesNotContainKey("k180");
    String big = "v".repeat(3000);
    Map<String, String> large = Map.of("baggage", "a=" + big + ",b=" + big + ",c=" + big + ",d=1");
    assertThat(received(large, Propagation::baggage).keySet()).containsExactly("a", "b", "d");
    List<Propagation.Scope> scopes = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        scopes.add(Propagation.bindBaggage("key" + i, "x".repeat(30)));
      }
      String written = injected().get("baggage");
      assertThat(written.length()).isLessThanOrEqualTo(8192);
      assertThat(written.split(",")).hasSizeLessThanOrEqualTo(180);
    } finally {
      for (int i = scopes.size() - 1; i >= 0; i--) {
        scopes.get(i).close();
      }
    }
  }

  @Test
  void hostileGetter_isSurvivedAndNothingIsLeftCurrent() {
    try (OptelReports reports = new OptelReports()) {
      Propagation.Scope scope =
          Propagation.extract(
              name -> {
                if (name.equalsIgnoreCase("tracestate") || name.equalsIgnoreCase("baggage")) {
                  throw new IllegalStateException("hostile getter");
                }
                return TRACEPARENT;
              });
      assertThat(injected()).isEmpty();
      assertThatCode(scope::close).doesNotThrowAnyException();
      assertThat(reports.messages()).anyMatch(m -> m.contains("getter threw"));
    }
    assertThatCode(
            () ->
                Propagation.extract(
                        name -> {
                          throw new StackOverflowError("deep");
                        })
                    .close())
        .doesNotThrowAnyException();
    assertThatCode(() -> Propagation.extract(null).close()).doesNotThrowAnyException();
  }

  @Test
  void getterForAbsentHeaders_returningNull_changesNothing() {
    List<String> asked = new ArrayList<>();
    try (Propagation.Scope ignored =
        Propagation.extract(
            name -> {
              asked.add(name.toLowerCase(Locale.ROOT));
              return null;
            })) {
      assertThat(injected()).isEmpty();
    }
    assertThat(asked).contains("traceparent");
  }

  @Test
  void hostileSetter_isSurvived() {
    try (OptelReports reports = new OptelReports();
        Propagation.Scope ignored =
            Propagation.extract(
                getter(
                    Map.of("traceparent", TRACEPARENT, "tracestate", "a=1", "baggage", "k=v")))) {
      List<String> names = new ArrayList<>();
      assertThatCode(
              () ->
                  Propagation.inject(
                      (name, value) -> {
                        names.add(name);
                        throw new IllegalArgumentException("hostile setter");
                      }))
          .doesNotThrowAnyException();
      assertThat(names).isNotEmpty();
      assertThat(reports.messages()).anyMatch(m -> m.contains("setter threw"));
      assertThatCode(() -> Propagation.inject(null)).doesNotThrowAnyException();
    }
  }

  @Test
  void spansAndLogEvents_reportTheReceivedIds() {
    TracingFacade tracer = Telemetry.get("dev.optel.tests.propagation").tracer();
    LoggingFacade log = Telemetry.get("dev.optel.tests.propagation").logger();
    try (Propagation.Scope ignored =
        Propagation.extract(getter(Map.of("traceparent", TRACEPARENT)))) {
      log.info("received");
      try (Span span = tracer.startAsCurrentSpan("child")) {
        assertThat(span.traceId()).isEqualTo(TRACE_ID);
        if (span.isRecording()) {
          // A span of this process: its id goes out, the trace stays.
          assertThat(span.spanId()).isNotEqualTo(PARENT_ID);
          assertThat(injected().get("traceparent"))
              .isEqualTo("00-" + TRACE_ID + "-" + span.spanId() + "-01");
        } else {
          assertThat(span.spanId()).isEqualTo(PARENT_ID);
          assertThat(injected().get("traceparent")).isEqualTo(TRACEPARENT);
        }
      }
    }
    assertThat(tracer.startSpan("outside").traceId()).isNotEqualTo(TRACE_ID);
    log.info("after");
    if (capture != null) {
      List<LogEvent> events = capture.events();
      assertThat(events.get(0).message()).isEqualTo("received");
      assertThat(events.get(0).text("trace_id")).isEqualTo(TRACE_ID);
      assertThat(events.get(0).text("span_id")).isEqualTo(PARENT_ID);
      LogEvent after = events.get(events.size() - 1);
      assertThat(after.message()).isEqualTo("after");
      assertThat(after.keyValues()).doesNotContainKeys("trace_id", "span_id");
    }
  }

  @Test
  void theReceivedContext_crossesEveryTracedAsyncHop() throws Exception {
    TracingFacade tracer = Telemetry.get("dev.optel.tests.propagation").tracer();
    Map<String, String> headers = Map.of("traceparent", TRACEPARENT, "baggage", "k=v");
    try (Propagation.Scope ignored = Propagation.extract(getter(headers))) {
      List<Map<String, String>> seen = new ArrayList<>();
      seen.add(TracedAsync.wrap(pool).submit(PropagationTest::injected).get(30, TimeUnit.SECONDS));
      CompletableFuture<Map<String, String>> async = new CompletableFuture<>();
      TracedAsync.wrap((java.util.concurrent.Executor) pool)
          .execute(() -> async.complete(injected()));
      seen.add(async.get(30, TimeUnit.SECONDS));
      seen.addAll(
          TracedAsync.<Map<String, String>>tracedGather(
                  tracer,
                  List.of(
                      () ->
                          CompletableFuture.supplyAsync(
                              PropagationTest::injected, TracedAsync.wrap(pool)),
                      () -> CompletableFuture.completedFuture(injected())),
                  "gather")
              .get(30, TimeUnit.SECONDS));
      try (TaskGroup group = TracedAsync.tracedTaskGroup(tracer, "group", Map.of())) {
        seen.add(group.start(PropagationTest::injected).get(30, TimeUnit.SECONDS));
      }
      seen.add(
          TracedAsync.tracedAsyncOperation(
                  tracer,
                  "op",
                  Map.of(),
                  span ->
                      CompletableFuture.supplyAsync(
                          PropagationTest::injected, TracedAsync.wrap(pool)))
              .get(30, TimeUnit.SECONDS));
      for (Map<String, String> out : seen) {
        assertThat(out.get("traceparent")).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
        assertThat(out.get("baggage")).isEqualTo("k=v");
      }
      if (!Cp.SDK && !Cp.AGENT) {
        // No span of this process anywhere: the caller's parent id goes on everywhere.
        assertThat(seen)
            .allSatisfy(out -> assertThat(out.get("traceparent")).isEqualTo(TRACEPARENT));
      }
    }
    // The pool thread keeps nothing.
    assertThat(pool.submit(PropagationTest::injected).get(30, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void scopes_restoreWhatWasCurrent_nested() {
    String other = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
    try (Propagation.Scope outer =
        Propagation.extract(getter(Map.of("traceparent", TRACEPARENT)))) {
      try (Propagation.Scope inner = Propagation.extract(getter(Map.of("traceparent", other)))) {
        assertThat(injected().get("traceparent")).isEqualTo(other);
      }
      // An invalid traceparent changes nothing.
      try (Propagation.Scope invalid = Propagation.extract(getter(Map.of("traceparent", "00-x")))) {
        assertThat(injected().get("traceparent")).isEqualTo(TRACEPARENT);
      }
      assertThat(injected().get("traceparent")).isEqualTo(TRACEPARENT);
    }
    assertThat(injected()).isEmpty();
  }
}
