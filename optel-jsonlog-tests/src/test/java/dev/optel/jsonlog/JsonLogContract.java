package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.optel.LogContext;
import dev.optel.LogLevel;
import dev.optel.LogProcessor;
import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import dev.optel.internal.logging.StructuredOutput;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The JSON output contract, run once per backend (subclasses): every line is one JSON object with
 * the fields of CONTRACT.md behaviour 7, processors run in order before rendering.
 */
@Timeout(60)
abstract class JsonLogContract {
  static final SdkTracerProvider TRACING =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
          .build();
  static final Tracer TRACER = TRACING.get("jsonlog-test");

  /** Whether key-value pairs keep their Java types through this backend's SLF4J bridge. */
  abstract boolean keepsValueTypes();

  /**
   * Whether a key-value pair hides an MDC entry of the same name (log4j-slf4j2-impl hands both over
   * in one map, the pair on top).
   */
  boolean pairsHideMdcEntriesOfTheSameName() {
    return false;
  }

  /** Asserts that the backend's default console output is back and ours is gone. */
  abstract void assertDefaultRestored();

  @AfterEach
  void uninstall() {
    StructuredOutput.uninstall();
    MDC.clear();
  }

  @AfterAll
  static void closeTracing() {
    TRACING.close();
  }

  private static LoggingFacade logger(String name) {
    return Telemetry.get(name).logger();
  }

  @Test
  void install_writesCoreFieldsToRealStdout() {
    try (StdoutCapture out = new StdoutCapture()) {
      assertThat(StructuredOutput.install(LogLevel.DEBUG, List.of())).isTrue();
      assertThat(StructuredOutput.isInstalled()).isTrue();
      Instant before = Instant.now().minusMillis(1);
      logger("app.orders")
          .info(
              "order placed",
              "order_id",
              42,
              "paid",
              true,
              "total",
              9.5,
              "big",
              12345678901L,
              "customer",
              "ann");
      Instant after = Instant.now().plusMillis(1);

      JsonNode line = out.single();
      assertThat(line.get("timestamp").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(Instant.parse(line.get("timestamp").asText())).isBetween(before, after);
      assertThat(line.get("level").asText()).isEqualTo("info");
      assertThat(line.get("logger").asText()).isEqualTo("app.orders");
      assertThat(line.get("event").asText()).isEqualTo("order placed");
      assertThat(line.get("customer").asText()).isEqualTo("ann");
      assertThat(line.has("trace_id")).isFalse();
      assertThat(line.has("span_id")).isFalse();
      assertThat(line.has("exception")).isFalse();
      List<String> names = new ArrayList<>();
      line.fieldNames().forEachRemaining(names::add);
      assertThat(names).startsWith("timestamp", "level", "logger", "event");
      if (keepsValueTypes()) {
        assertThat(line.get("order_id").isInt()).isTrue();
        assertThat(line.get("order_id").asInt()).isEqualTo(42);
        assertThat(line.get("paid").isBoolean()).isTrue();
        assertThat(line.get("paid").asBoolean()).isTrue();
        assertThat(line.get("total").isDouble()).isTrue();
        assertThat(line.get("total").asDouble()).isEqualTo(9.5);
        assertThat(line.get("big").asLong()).isEqualTo(12345678901L);
        assertThat(line.get("big").isIntegralNumber()).isTrue();
      } else {
        assertThat(line.get("order_id").asText()).isEqualTo("42");
        assertThat(line.get("paid").asText()).isEqualTo("true");
        assertThat(line.get("total").asText()).isEqualTo("9.5");
        assertThat(line.get("big").asText()).isEqualTo("12345678901");
      }
    }
  }

  @Test
  void levels_mapToOptelNames() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.DEBUG, List.of());
      LoggingFacade log = logger("app.levels");
      log.debug("d");
      log.info("i");
      log.warning("w");
      log.error("e");
      log.critical("c");
      assertThat(out.lines())
          .extracting(n -> n.get("level").asText() + ":" + n.get("event").asText())
          .containsExactly("debug:d", "info:i", "warning:w", "error:e", "critical:c");
    }
  }

  @Test
  void level_isTheLowestWritten() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.WARNING, List.of());
      LoggingFacade log = logger("app.threshold");
      log.debug("d");
      log.info("i");
      log.warning("w");
      log.error("e");
      assertThat(out.lines()).extracting(n -> n.get("event").asText()).containsExactly("w", "e");
    }
  }

  @Test
  void criticalLevel_dropsPlainErrors() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.CRITICAL, List.of());
      LoggingFacade log = logger("app.critical");
      log.error("e");
      log.critical("c");
      assertThat(out.lines()).extracting(n -> n.get("event").asText()).containsExactly("c");
    }
  }

  @Test
  @SuppressWarnings("try")
  void traceIds_equalTheCurrentSpans() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      Span span = TRACER.spanBuilder("work").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        logger("app.traced").info("inside");
      } finally {
        span.end();
      }
      logger("app.traced").info("outside");
      List<JsonNode> lines = out.lines();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0).get("trace_id").asText())
          .isEqualTo(span.getSpanContext().getTraceId())
          .matches("[0-9a-f]{32}");
      assertThat(lines.get(0).get("span_id").asText())
          .isEqualTo(span.getSpanContext().getSpanId())
          .matches("[0-9a-f]{16}");
      List<String> names = new ArrayList<>();
      lines.get(0).fieldNames().forEachRemaining(names::add);
      assertThat(names).startsWith("timestamp", "level", "logger", "event", "trace_id", "span_id");
      assertThat(lines.get(1).has("trace_id")).isFalse();
      assertThat(lines.get(1).has("span_id")).isFalse();
    }
  }

  @Test
  @SuppressWarnings("try")
  void boundAndContextFields_join() throws Exception {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      try (LogContext.Scope ignored = LogContext.bind("request_id", "r-1")) {
        logger("app.bound").bind("user", "u-7").info("hello", "k", "v");
      }
      JsonNode line = out.single();
      assertThat(line.get("request_id").asText()).isEqualTo("r-1");
      assertThat(line.get("user").asText()).isEqualTo("u-7");
      assertThat(line.get("k").asText()).isEqualTo("v");
    }
  }

  @Test
  @SuppressWarnings("try")
  void aKeyBoundTwice_isOneField_withTheNewestValue() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      try (LogContext.Scope a = LogContext.bind("tenant", "acme");
          LogContext.Scope b = LogContext.bind("tenant", "globex")) {
        logger("app.twice").info("bound_twice");
        logger("app.twice").info("and_in_the_call", "tenant", "from-call");
      }
      List<JsonNode> lines = out.lines();
      assertThat(lines).hasSize(2);
      assertThat(names(lines.get(0))).containsOnlyOnce("tenant");
      assertThat(lines.get(0).get("tenant").asText()).isEqualTo("globex");
      assertThat(names(lines.get(1))).containsOnlyOnce("tenant");
      assertThat(lines.get(1).get("tenant").asText()).isEqualTo("from-call");
    }
  }

  private static List<String> names(JsonNode line) {
    List<String> names = new ArrayList<>();
    line.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void callFields_neverReplaceOptelsOwn_andKeepTheirValues() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      logger("app.forge")
          .info(
              "user_event",
              "event",
              "webhook.created",
              "level",
              "critical",
              "logger",
              "other.logger",
              "timestamp",
              "yesterday",
              "exception",
              "none",
              "trace_id",
              "forged-trace",
              "span_id",
              "forged-span");
      JsonNode line = out.single();
      assertThat(line.get("event").asText()).isEqualTo("user_event");
      assertThat(line.get("level").asText()).isEqualTo("info");
      assertThat(line.get("logger").asText()).isEqualTo("app.forge");
      assertThat(line.get("timestamp").asText()).matches("\\d{4}-.*Z");
      assertThat(line.has("exception")).isFalse();
      assertThat(line.has("trace_id")).isFalse(); // not inside a span: no ids, forged or not
      assertThat(line.has("span_id")).isFalse();
      assertThat(line.get("field_event").asText()).isEqualTo("webhook.created");
      assertThat(line.get("field_level").asText()).isEqualTo("critical");
      assertThat(line.get("field_logger").asText()).isEqualTo("other.logger");
      assertThat(line.get("field_timestamp").asText()).isEqualTo("yesterday");
      assertThat(line.get("field_exception").asText()).isEqualTo("none");
      assertThat(line.get("field_trace_id").asText()).isEqualTo("forged-trace");
      assertThat(line.get("field_span_id").asText()).isEqualTo("forged-span");
    }
  }

  @Test
  void boundContextAndMdcFields_neverReplaceOptelsOwn() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      MDC.put("event", "from-mdc");
      MDC.put("trace_id", "mdc-trace");
      try (LogContext.Scope a = LogContext.bind("level", "from-context");
          LogContext.Scope b = LogContext.bind("span_id", "context-span")) {
        logger("app.forge").bind("logger", "from-bind").bind("timestamp", 0).info("real");
      }
      JsonNode line = out.single();
      assertThat(line.get("event").asText()).isEqualTo("real");
      assertThat(line.get("level").asText()).isEqualTo("info");
      assertThat(line.get("logger").asText()).isEqualTo("app.forge");
      assertThat(line.get("timestamp").asText()).endsWith("Z");
      assertThat(line.has("trace_id")).isFalse();
      assertThat(line.has("span_id")).isFalse();
      assertThat(line.get("field_event").asText()).isEqualTo("from-mdc");
      assertThat(line.get("field_trace_id").asText()).isEqualTo("mdc-trace");
      assertThat(line.get("field_level").asText()).isEqualTo("from-context");
      assertThat(line.get("field_span_id").asText()).isEqualTo("context-span");
      assertThat(line.get("field_logger").asText()).isEqualTo("from-bind");
      assertThat(line.get("field_timestamp").asText()).isEqualTo("0");
    }
  }

  @Test
  @SuppressWarnings("try")
  void userTraceIds_insideASpan_neverReplaceTheSpans() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      Span span = TRACER.spanBuilder("work").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        // an MDC copy of the real id (as the OpenTelemetry agent's MDC instrumentation makes) is
        // the same field, not a second one; a different one is the application's own
        MDC.put("trace_id", span.getSpanContext().getTraceId());
        MDC.put("span_id", "mdc-span");
        logger("app.forge").info("inside", "trace_id", "forged-trace");
      } finally {
        span.end();
      }
      JsonNode line = out.single();
      assertThat(line.get("trace_id").asText()).isEqualTo(span.getSpanContext().getTraceId());
      assertThat(line.get("span_id").asText()).isEqualTo(span.getSpanContext().getSpanId());
      assertThat(names(line))
          .startsWith("timestamp", "level", "logger", "event", "trace_id", "span_id");
      assertThat(line.get("field_trace_id").asText()).isEqualTo("forged-trace");
      if (pairsHideMdcEntriesOfTheSameName()) {
        assertThat(line.has("field_span_id")).isFalse(); // optel's span_id pair hid it
      } else {
        assertThat(line.get("field_span_id").asText()).isEqualTo("mdc-span");
      }
      assertThat(names(line))
          .filteredOn(n -> n.contains("trace_id"))
          .containsExactly("trace_id", "field_trace_id");
    }
  }

  @Test
  void prefixedUserNames_neverCollide() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      logger("app.forge")
          .info(
              "real",
              "event",
              "a",
              "field_event",
              "b",
              "field_field_event",
              "c",
              "field_other",
              "d");
      JsonNode line = out.single();
      assertThat(line.get("event").asText()).isEqualTo("real");
      assertThat(line.get("field_event").asText()).isEqualTo("a");
      assertThat(line.get("field_field_event").asText()).isEqualTo("b");
      assertThat(line.get("field_field_field_event").asText()).isEqualTo("c");
      assertThat(line.get("field_other").asText()).isEqualTo("d"); // not one of optel's names
    }
  }

  @Test
  @SuppressWarnings("try")
  void plainSlf4jPairs_neverReplaceOptelsOwn_andGetTheSpansIds() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      Span span = TRACER.spanBuilder("plain").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        LoggerFactory.getLogger("app.plain")
            .atInfo()
            .addKeyValue("event", "x")
            .addKeyValue("level", "y")
            .addKeyValue("span_id", "forged-span")
            .log("message");
      } finally {
        span.end();
      }
      JsonNode line = out.single();
      assertThat(line.get("event").asText()).isEqualTo("message");
      assertThat(line.get("level").asText()).isEqualTo("info");
      assertThat(line.get("trace_id").asText()).isEqualTo(span.getSpanContext().getTraceId());
      assertThat(line.get("span_id").asText()).isEqualTo(span.getSpanContext().getSpanId());
      assertThat(line.get("field_event").asText()).isEqualTo("x");
      assertThat(line.get("field_level").asText()).isEqualTo("y");
      assertThat(line.get("field_span_id").asText()).isEqualTo("forged-span");
    }
  }

  @Test
  void processors_seeTheFinalNames_andMayChangeOptelsFields() {
    List<String> seen = new ArrayList<>();
    LogProcessor processor =
        event -> {
          seen.addAll(event.keySet());
          event.put("level", "warning"); // processors are trusted: their changes are written as is
          event.put("trace_id", "set-by-processor");
          return event;
        };
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of(processor));
      logger("app.proc").info("real", "event", "user");
      JsonNode line = out.single();
      assertThat(seen).containsExactly("timestamp", "level", "logger", "event", "field_event");
      assertThat(line.get("level").asText()).isEqualTo("warning");
      assertThat(line.get("trace_id").asText()).isEqualTo("set-by-processor");
      assertThat(line.get("field_event").asText()).isEqualTo("user");
    }
  }

  @Test
  void arraysAndCollections_areJsonArrays_withTheirElementTypes() {
    Iterable<Object> iterable = () -> List.<Object>of("a", 1).iterator();
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      logger("app.arrays")
          .info(
              "arrays",
              Map.ofEntries(
                  Map.entry("longs", new long[] {1, 12345678901L}),
                  Map.entry("ints", new int[] {1, -2}),
                  Map.entry("shorts", new short[] {3}),
                  Map.entry("bytes", new byte[] {-1, 4}),
                  Map.entry("doubles", new double[] {1.5, Double.NaN}),
                  Map.entry("floats", new float[] {2.5f}),
                  Map.entry("booleans", new boolean[] {true, false}),
                  Map.entry("chars", new char[] {'a', '"'}),
                  Map.entry("strings", new String[] {"x", null}),
                  Map.entry(
                      "objects",
                      new Object[] {1, "two", false, null, new java.math.BigDecimal("0.1")}),
                  Map.entry("list", List.of(1, "two", true)),
                  Map.entry("set", new java.util.LinkedHashSet<>(List.of(3, 4))),
                  Map.entry("nested", new int[][] {{1, 2}, {3}}),
                  Map.entry("iterable", iterable),
                  Map.entry("empty", new int[0]),
                  Map.entry("path", java.nio.file.Path.of("/tmp", "a b"))));
      JsonNode line = out.single();
      assertThat(line.get("longs").toString()).isEqualTo("[1,12345678901]");
      assertThat(line.get("ints").toString()).isEqualTo("[1,-2]");
      assertThat(line.get("shorts").toString()).isEqualTo("[3]");
      assertThat(line.get("bytes").toString()).isEqualTo("[-1,4]");
      assertThat(line.get("doubles").toString()).isEqualTo("[1.5,\"NaN\"]");
      assertThat(line.get("floats").toString()).isEqualTo("[2.5]");
      assertThat(line.get("booleans").toString()).isEqualTo("[true,false]");
      assertThat(line.get("chars").toString()).isEqualTo("[\"a\",\"\\\"\"]");
      assertThat(line.get("strings").toString()).isEqualTo("[\"x\",null]");
      assertThat(line.get("objects").toString()).isEqualTo("[1,\"two\",false,null,0.1]");
      assertThat(line.get("list").toString()).isEqualTo("[1,\"two\",true]");
      assertThat(line.get("set").toString()).isEqualTo("[3,4]");
      assertThat(line.get("nested").toString()).isEqualTo("[[1,2],[3]]");
      assertThat(line.get("iterable").toString()).isEqualTo("[\"a\",1]");
      assertThat(line.get("empty").toString()).isEqualTo("[]");
      // a Path is an Iterable of its names, but it means its string form
      assertThat(line.get("path").asText())
          .isEqualTo(java.nio.file.Path.of("/tmp", "a b").toString());
    }
  }

  private static int depth(JsonNode node) {
    int deepest = 0;
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child));
    }
    return node.isArray() ? deepest + 1 : deepest;
  }

  private static int elements(JsonNode node) {
    int n = 0;
    for (JsonNode child : node) {
      n += 1 + elements(child);
    }
    return n;
  }

  @Test
  void hugeDeepAndCyclicCollections_areBounded() {
    int[] big = new int[5000];
    for (int i = 0; i < big.length; i++) {
      big[i] = i;
    }
    List<Object> cyclic = new ArrayList<>();
    cyclic.add("x");
    cyclic.add(cyclic);
    Object[] self = new Object[2];
    self[0] = self;
    self[1] = self;
    Iterable<Integer> endless = () -> java.util.stream.Stream.iterate(0, i -> i + 1).iterator();
    Object deep = 1;
    for (int i = 0; i < 20; i++) {
      deep = List.of(deep);
    }
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      logger("app.bounded")
          .info(
              "bounded",
              Map.of(
                  "big",
                  big,
                  "cyclic",
                  cyclic,
                  "self",
                  self,
                  "endless",
                  endless,
                  "deep",
                  deep,
                  "twice",
                  List.of(big, big)));
      JsonNode line = out.single();
      assertThat(line.get("big")).hasSize(1000);
      assertThat(line.get("big").get(999).asInt()).isEqualTo(999);
      assertThat(line.get("endless")).hasSize(1000);
      assertThat(elements(line.get("twice"))).isLessThanOrEqualTo(1000);
      assertThat(line.get("twice")).hasSize(1); // 1000 elements in all: the first took them
      assertThat(line.get("twice").get(0)).hasSize(999);
      for (String name : List.of("cyclic", "self", "deep")) {
        assertThat(line.get(name).isArray()).as(name).isTrue();
        assertThat(depth(line.get(name))).as(name).isEqualTo(8);
        assertThat(elements(line.get(name))).as(name).isLessThanOrEqualTo(1000);
      }
      assertThat(line.get("cyclic").get(0).asText()).isEqualTo("x");
    }
  }

  @Test
  void exception_carriesClassMessageAndStack() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      IllegalStateException boom =
          new IllegalStateException(
              "boom \"quoted\"\nsecond line", new java.io.IOException("disk"));
      logger("app.errors").error("failed", "attempt", 3, boom);
      JsonNode line = out.single();
      String exception = line.get("exception").asText();
      assertThat(exception)
          .startsWith("java.lang.IllegalStateException: boom \"quoted\"\nsecond line")
          .contains("\tat dev.optel.jsonlog.JsonLogContract.exception_carriesClassMessageAndStack")
          .contains("Caused by: java.io.IOException: disk")
          .doesNotEndWith("\n");
      assertThat(line.get("level").asText()).isEqualTo("error");
      assertThat(line.get("attempt").asText()).isEqualTo("3");
    }
  }

  /** An exception that fails in the one method named {@code broken}. */
  static final class HostileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String broken;

    HostileException(String broken) {
      super("hostile " + broken);
      this.broken = broken;
    }

    private void check(String method) {
      if (broken.equals(method)) {
        throw new IllegalStateException(method + " is broken");
      }
    }

    @Override
    public String getMessage() {
      check("getMessage");
      return super.getMessage();
    }

    @Override
    public String toString() {
      check("toString");
      return super.toString();
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      check("getStackTrace");
      return super.getStackTrace();
    }

    @Override
    public synchronized Throwable getCause() {
      check("getCause");
      if (broken.equals("endlessCauses")) {
        return new HostileException("endlessCauses"); // a new cause every time: no end, no cycle
      }
      return broken.equals("selfCause") ? this : super.getCause();
    }
  }

  @Test
  void hostileExceptions_keepTheEvent_andAreDescribedSafely() {
    List<Throwable> thrown = new ArrayList<>();
    for (String broken :
        List.of(
            "getMessage", "toString", "getStackTrace", "getCause", "endlessCauses", "selfCause")) {
      thrown.add(new HostileException(broken));
    }
    IllegalStateException causeCycleA = new IllegalStateException("cause cycle a");
    IllegalStateException causeCycleB = new IllegalStateException("cause cycle b", causeCycleA);
    causeCycleA.initCause(causeCycleB);
    thrown.add(causeCycleA);
    IllegalStateException suppressedA = new IllegalStateException("suppressed cycle a");
    IllegalStateException suppressedB = new IllegalStateException("suppressed cycle b");
    suppressedA.addSuppressed(suppressedB);
    suppressedB.addSuppressed(suppressedA);
    thrown.add(suppressedA);
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      for (int i = 0; i < thrown.size(); i++) {
        logger("app.hostile.exceptions").error("failed", "n", i, thrown.get(i));
      }
      logger("app.hostile.exceptions").error("from_map", Map.of("exception", thrown.get(0)));
      List<JsonNode> lines = out.lines();
      assertThat(lines)
          .extracting(n -> n.get("event").asText() + n.path("n").asText())
          .containsExactly(
              "failed0",
              "failed1",
              "failed2",
              "failed3",
              "failed4",
              "failed5",
              "failed6",
              "failed7",
              "from_map");
      assertThat(lines).allSatisfy(n -> assertThat(n.get("level").asText()).isEqualTo("error"));
      assertThat(lines.get(0).get("exception").asText())
          .contains("HostileException", "getMessage() threw", "IllegalStateException");
      assertThat(lines.get(1).get("exception").asText())
          .contains("HostileException", "hostile toString");
      assertThat(lines.get(2).get("exception").asText()).contains("hostile getStackTrace");
      assertThat(lines.get(3).get("exception").asText()).contains("hostile getCause");
      assertThat(lines.get(4).get("exception").asText()).contains("hostile endlessCauses");
      assertThat(lines.get(5).get("exception").asText()).contains("hostile selfCause");
      assertThat(lines.get(6).get("exception").asText()).contains("cause cycle a", "cause cycle b");
      assertThat(lines.get(7).get("exception").asText())
          .contains("suppressed cycle a", "suppressed cycle b");
      assertThat(lines.get(8).get("exception").asText()).contains("getMessage() threw");
      // the description keeps the stack the exception was created with
      assertThat(lines.get(1).get("exception").asText())
          .contains("at dev.optel.jsonlog.JsonLogContract.hostileExceptions_keepTheEvent");
    }
  }

  @Test
  void escaping_roundTripsEveryHardCharacter() {
    String nasty =
        "q\"uote back\\slash new\nline cr\r tab\t bell\u0007 nul\u0000 del\u007f"
            + " ls\u2028 ps\u2029 é ü 中文 emoji\uD83D\uDE00 lone\uD800x </script>";
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      logger("app.\"esc\"\n").info(nasty, "field\n\"k\"", nasty);
      String text = out.text();
      assertThat(text.split("\n", -1)).hasSize(2); // one line plus the final empty string
      JsonNode line = out.single();
      assertThat(line.get("event").asText()).isEqualTo(nasty);
      assertThat(line.get("field\n\"k\"").asText()).isEqualTo(nasty);
      assertThat(line.get("logger").asText()).isEqualTo("app.\"esc\"\n");
      assertThat(text)
          .contains("\\u2028")
          .contains("\\u0000")
          .contains("é")
          .contains("\uD83D\uDE00");
    }
  }

  @Test
  void plainSlf4j_includesMdcAndKeyValues() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      MDC.put("tenant", "acme");
      LoggerFactory.getLogger("app.plain").atInfo().addKeyValue("n", 5).log("hello {}", "world");
      JsonNode line = out.single();
      assertThat(line.get("event").asText()).isEqualTo("hello world");
      assertThat(line.get("tenant").asText()).isEqualTo("acme");
      assertThat(line.get("n").asText()).isEqualTo("5");
      assertThat(line.get("logger").asText()).isEqualTo("app.plain");
    }
  }

  @Test
  void processors_runInOrderBeforeRendering() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    LogProcessor first =
        event -> {
          calls.add("first:" + event.keySet());
          event.put("stage", 1);
          event.put("password", "secret");
          return event;
        };
    LogProcessor second =
        event -> {
          calls.add("second:stage=" + event.get("stage"));
          event.put("stage", 2);
          event.computeIfPresent("password", (k, v) -> "***");
          event.remove("logger");
          return event;
        };
    LogProcessor third =
        event -> {
          Map<String, Object> copy = new LinkedHashMap<>(event);
          copy.put("event", "renamed:" + event.get("event"));
          return copy; // a processor may hand on a different map
        };
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of(first, second, third));
      logger("app.proc").info("login", "user", "ann");
      JsonNode line = out.single();
      assertThat(calls)
          .containsExactly("first:[timestamp, level, logger, event, user]", "second:stage=1");
      assertThat(line.get("stage").asInt()).isEqualTo(2);
      assertThat(line.get("stage").isInt()).isTrue(); // processor values keep their type
      assertThat(line.get("password").asText()).isEqualTo("***");
      assertThat(line.has("logger")).isFalse();
      assertThat(line.get("event").asText()).isEqualTo("renamed:login");
    }
  }

  @Test
  void processor_returningNull_dropsTheEvent() {
    List<String> later = new ArrayList<>();
    LogProcessor drop = event -> "health_check".equals(event.get("event")) ? null : event;
    LogProcessor after =
        event -> {
          later.add((String) event.get("event"));
          return event;
        };
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of(drop, after));
      logger("app.drop").info("health_check");
      logger("app.drop").info("real");
      assertThat(out.lines()).extracting(n -> n.get("event").asText()).containsExactly("real");
      assertThat(later).containsExactly("real");
    }
  }

  @Test
  void throwingProcessor_isSkipped_eventStillWritten() {
    LogProcessor broken =
        event -> {
          throw new IllegalStateException("processor bug");
        };
    LogProcessor after =
        event -> {
          event.put("after", true);
          return event;
        };
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of(broken, after));
      logger("app.broken").info("one");
      logger("app.broken").info("two");
      assertThat(out.lines())
          .extracting(n -> n.get("event").asText() + n.get("after").asBoolean())
          .containsExactly("onetrue", "twotrue");
    }
  }

  /** Recurses until the stack overflows. */
  static final class Overflowing implements LogProcessor {
    int depth;

    @Override
    public Map<String, Object> process(Map<String, Object> event) {
      depth++;
      return process(event);
    }

    @Override
    public String toString() {
      depth++;
      return toString();
    }
  }

  @Test
  void overflowingProcessor_isSkippedLikeAThrowingOne() {
    Overflowing overflowing = new Overflowing();
    LogProcessor after =
        event -> {
          event.put("after", true);
          return event;
        };
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of(overflowing, after));
      logger("app.overflow").info("one");
      logger("app.overflow").info("two");
      assertThat(out.lines())
          .extracting(n -> n.get("event").asText() + n.get("after").asBoolean())
          .containsExactly("onetrue", "twotrue");
      assertThat(overflowing.depth).isGreaterThan(1000); // it really overflowed
    }
  }

  @Test
  void overflowingValues_areReplacedAndTheEventIsWritten() {
    java.util.function.Supplier<Object> lazy =
        new java.util.function.Supplier<>() {
          @Override
          public Object get() {
            return get();
          }
        };
    LogProcessor injects =
        event -> {
          event.put("from_processor", new Overflowing());
          return event;
        };
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of(injects));
      logger("app.overflow").info("values", "to_string", new Overflowing(), "lazy", lazy);
      JsonNode line = out.single();
      assertThat(line.get("event").asText()).isEqualTo("values");
      assertThat(line.get("to_string").asText()).contains("StackOverflowError");
      assertThat(line.get("lazy").asText()).contains("StackOverflowError");
      assertThat(line.get("from_processor").asText()).contains("StackOverflowError");
    }
  }

  @Test
  void processorThatLogs_doesNotRecurse() {
    LogProcessor logs =
        event -> {
          logger("app.inner").info("from processor");
          event.put("processed", true);
          return event;
        };
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of(logs));
      logger("app.outer").info("outer");
      JsonNode line = out.single();
      assertThat(line.get("event").asText()).isEqualTo("outer");
      assertThat(line.get("processed").asBoolean()).isTrue();
    }
  }

  @Test
  void hostileValues_neverBreakLogging() {
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new UnsupportedOperationException("no toString for you");
          }
        };
    Map<String, Object> cyclic = new LinkedHashMap<>();
    cyclic.put("self", cyclic);
    Iterable<Object> badList =
        () -> {
          throw new IllegalStateException("no iteration");
        };
    List<Object> throwingList =
        new java.util.AbstractList<>() {
          @Override
          public Object get(int index) {
            throw new IllegalStateException("no get");
          }

          @Override
          public int size() {
            return 1;
          }

          @Override
          public Iterator<Object> iterator() {
            throw new IllegalStateException("no iterator");
          }
        };
    LogProcessor injects =
        event -> {
          event.put("hostile", hostile);
          event.put("cyclic", cyclic);
          event.put("bad_iterable", badList);
          event.put("throwing_list", throwingList);
          event.put("nan", Double.NaN);
          event.put("nested", Map.of("list", List.of(1, "two", false)));
          event.put(null, "null key");
          return event;
        };
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of(injects));
      logger("app.hostile").info("event", "arg", hostile);
      logger("app.hostile").info("still works");
      List<JsonNode> lines = out.lines();
      assertThat(lines)
          .extracting(n -> n.get("event").asText())
          .containsExactly("event", "still works");
      JsonNode line = lines.get(0);
      assertThat(line.get("arg").asText()).contains("threw");
      assertThat(line.get("hostile").asText()).contains("threw");
      assertThat(line.get("nan").asText()).isEqualTo("NaN");
      assertThat(line.get("null").asText()).isEqualTo("null key");
      assertThat(line.get("level").asText()).isEqualTo("info");
    }
  }

  @Test
  void hostileValuesAndKeys_giveOneValidJsonObjectPerLine() {
    String mega = "m".repeat(1 << 20);
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    controls.append('\u007f').append('\u2028').append('\u2029');
    java.math.BigDecimal fakeDecimal =
        new java.math.BigDecimal("1") {
          private static final long serialVersionUID = 1L;

          @Override
          public String toString() {
            return "{\"broken\":"; // as a number, this would end the JSON object
          }
        };
    java.math.BigInteger fakeInteger =
        new java.math.BigInteger("2") {
          private static final long serialVersionUID = 1L;

          @Override
          public String toString() {
            return "3,\"forged\":true";
          }
        };
    Object hostileKey =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no key");
          }
        };
    Map<String, Object> oddKeys = new java.util.HashMap<>();
    oddKeys.put(null, "null key");
    oddKeys.put("", "empty key");
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      LoggingFacade log = logger("app.hostile.values");
      log.info(mega, mega, mega, "controls", controls.toString());
      log.info(
          "numbers",
          "nan",
          Double.NaN,
          "inf",
          Double.POSITIVE_INFINITY,
          "ninf",
          Float.NEGATIVE_INFINITY,
          "big_decimal",
          new java.math.BigDecimal("1E+400"),
          "big_integer",
          java.math.BigInteger.TEN.pow(40),
          "fake_decimal",
          fakeDecimal,
          "fake_integer",
          fakeInteger,
          "nan_in_array",
          new double[] {Double.NaN});
      log.info(
          "keys",
          null,
          "null key",
          42,
          "int key",
          "",
          "empty key",
          hostileKey,
          "hostile key",
          controls.toString(),
          "control key");
      log.info("map_keys", oddKeys);
      log.info(
          "surrogates",
          "high_at_end",
          "x\uD800",
          "low_alone",
          "\uDC00y",
          "reversed",
          "\uDC00\uD800",
          "char",
          '\u0000',
          "chars",
          new char[] {'\uD800', '"'});

      String text = out.text();
      assertThat(text.split("\n", -1)).hasSize(6); // five lines and the empty rest
      List<JsonNode> lines = out.lines(); // each line parsed strictly as one object
      assertThat(lines).hasSize(5);
      JsonNode huge = lines.get(0);
      assertThat(huge.get("event").asText()).isEqualTo(mega);
      assertThat(huge.get(mega).asText()).isEqualTo(mega);
      assertThat(huge.get("controls").asText()).isEqualTo(controls.toString());

      JsonNode numbers = lines.get(1);
      assertThat(numbers.get("nan").asText()).isEqualTo("NaN");
      assertThat(numbers.get("inf").asText()).isEqualTo("Infinity");
      assertThat(numbers.get("ninf").asText()).isEqualTo("-Infinity");
      assertThat(numbers.get("nan_in_array").get(0).asText()).isEqualTo("NaN");
      assertThat(text)
          .contains("\"big_decimal\":1E+400")
          .contains("\"big_integer\":1" + "0".repeat(40));
      assertThat(numbers.get("fake_decimal").asText()).isEqualTo("{\"broken\":");
      assertThat(numbers.get("fake_integer").asText()).isEqualTo("3,\"forged\":true");
      assertThat(numbers.has("forged")).isFalse();

      JsonNode keys = lines.get(2);
      assertThat(keys.get("null").asText()).isEqualTo("null key");
      assertThat(keys.get("42").asText()).isEqualTo("int key");
      assertThat(keys.get("").asText()).isEqualTo("empty key");
      assertThat(keys.get(controls.toString()).asText()).isEqualTo("control key");
      assertThat(names(keys)).anySatisfy(n -> assertThat(n).contains("threw"));
      assertThat(lines.get(3).get("null").asText()).isEqualTo("null key");
      assertThat(lines.get(3).get("").asText()).isEqualTo("empty key");

      JsonNode surrogates = lines.get(4);
      assertThat(surrogates.get("high_at_end").asText()).isEqualTo("x\uD800");
      assertThat(surrogates.get("low_alone").asText()).isEqualTo("\uDC00y");
      assertThat(surrogates.get("reversed").asText()).isEqualTo("\uDC00\uD800");
      assertThat(surrogates.get("char").asText()).isEqualTo("\u0000");
      assertThat(surrogates.get("chars"))
          .extracting(JsonNode::asText)
          .containsExactly("\uD800", "\"");
    }
  }

  @Test
  void installAgain_replacesTheEarlierInstall() {
    LogProcessor a =
        event -> {
          event.put("by", "a");
          return event;
        };
    LogProcessor b =
        event -> {
          event.put("by", "b");
          return event;
        };
    try (StdoutCapture out = new StdoutCapture()) {
      assertThat(StructuredOutput.install(LogLevel.INFO, List.of(a))).isTrue();
      assertThat(StructuredOutput.install(LogLevel.INFO, List.of(b))).isTrue();
      logger("app.again").info("once");
      JsonNode line = out.single();
      assertThat(line.get("by").asText()).isEqualTo("b");
    }
  }

  @Test
  void uninstall_restoresTheDefaultOutput() {
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      StructuredOutput.uninstall();
      assertThat(StructuredOutput.isInstalled()).isFalse();
      assertDefaultRestored();
      logger("app.after").error("not json");
      assertThat(out.text()).doesNotContain("{\"timestamp\"");
      StructuredOutput.uninstall(); // twice is harmless
    }
  }

  @Test
  void concurrentEvents_stayWholeLines() throws Exception {
    int threads = 4;
    int perThread = 250;
    try (StdoutCapture out = new StdoutCapture()) {
      StructuredOutput.install(LogLevel.INFO, List.of());
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                      logger("app.concurrent")
                          .info("tick", "thread", id, "i", i, "pad", "x".repeat(200));
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(out.lines())
          .hasSize(threads * perThread)
          .allSatisfy(n -> assertThat(n.get("event").asText()).isEqualTo("tick"));
    }
  }
}
