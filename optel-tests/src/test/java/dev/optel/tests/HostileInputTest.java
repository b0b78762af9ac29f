package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.LogContext;
import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.SpanRunnable;
import dev.optel.StatusCode;
import dev.optel.Telemetry;
import dev.optel.TracedAsync;
import dev.optel.TracingFacade;
import dev.optel.testsupport.OtelExtension;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract behaviour 8: whatever a caller passes, instrumentation never throws. */
@SuppressWarnings("try") // scopes opened only for their effect on the context
@Timeout(120)
class HostileInputTest {
  private static final String HUGE = "x".repeat(2 * 1024 * 1024);
  private static TracingFacade tracer;
  private static LoggingFacade log;
  private static LogCapture capture;

  /** A value whose toString throws. */
  private static final Object BAD =
      new Object() {
        @Override
        public String toString() {
          throw new IllegalStateException("toString is broken");
        }
      };

  /** A map whose iteration throws. */
  private static final Map<String, Object> BROKEN_MAP =
      new AbstractMap<>() {
        @Override
        public Set<Entry<String, Object>> entrySet() {
          throw new UnsupportedOperationException("no entries for you");
        }

        @Override
        public boolean isEmpty() {
          return false;
        }
      };

  /** A map whose size() (so also isEmpty()) and entrySet() throw. */
  private static final Map<String, Object> SIZE_BROKEN_MAP =
      new AbstractMap<>() {
        @Override
        public Set<Entry<String, Object>> entrySet() {
          throw new UnsupportedOperationException("no size either");
        }
      };

  /** A map whose entrySet() throws an Error rather than an exception. */
  private static final Map<String, Object> ERROR_MAP =
      new AbstractMap<>() {
        @Override
        public Set<Entry<String, Object>> entrySet() {
          throw new AssertionError("entrySet is broken");
        }

        @Override
        public int size() {
          return 1;
        }
      };

  /** A map whose iteration yields {@code first=read} and then throws. */
  private static final Map<String, Object> MIDWAY_MAP =
      new AbstractMap<>() {
        @Override
        public Set<Entry<String, Object>> entrySet() {
          return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
              return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                  return true;
                }

                @Override
                public Entry<String, Object> next() {
                  if (next++ == 0) {
                    return Map.entry("first", "read");
                  }
                  throw new IllegalStateException("iteration is broken");
                }
              };
            }

            @Override
            public int size() {
              return 2;
            }
          };
        }
      };

  /** A value whose toString returns null. */
  private static final Object NULL_STRING =
      new Object() {
        @Override
        public String toString() {
          return null;
        }
      };

  /** A collection that cannot be copied or iterated: every attempt throws an Error. */
  private static final Collection<Object> ERROR_COLLECTION =
      new AbstractCollection<>() {
        @Override
        public Iterator<Object> iterator() {
          throw new AssertionError("iterator is broken");
        }

        @Override
        public int size() {
          return 1;
        }
      };

  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

  @BeforeAll
  static void setUp() {
    capture = LogCapture.forClasspath();
    tracer = Telemetry.get("dev.optel.tests.hostile").tracer();
    log = Telemetry.get("dev.optel.tests.hostile").logger();
  }

  @BeforeEach
  void clear() {
    if (capture != null) {
      capture.clear();
    }
  }

  @Test
  void malformedKeyValues_neverThrow() {
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    nullKey.put("nullValue", null);
    Supplier<Object> throwing =
        () -> {
          throw new IllegalStateException("supplier broke");
        };
    assertThatCode(
            () -> {
              log.info("odd", "lonely");
              log.info("odd3", "k", 1, "orphan");
              log.info("null_key", null, "v");
              log.info("non_string_key", (Object) 42, "v", new Object(), "w");
              log.info("null_array", (Object[]) null);
              log.info(null);
              log.info(null, "k", "v");
              log.warning("map_nulls", nullKey);
              log.warning("map_null", (Map<String, ?>) null);
              log.error("map_broken", BROKEN_MAP);
              log.info("bad_value", "k", BAD);
              log.info("bad_key", BAD, "v");
              log.info("bad_supplier", "k", throwing);
              log.info("array_values", "k", new int[] {1, 2}, "n", Arrays.asList(null, "x"));
              log.log(null, "null_level", "k", "v");
              log.isEnabled(null);
              log.bind(null, BAD).bind("k", null).info("bound_bad");
              try (LogContext.Scope s = LogContext.bind(null, BAD)) {
                log.info("context_bad");
              }
            })
        .doesNotThrowAnyException();
    if (capture != null) {
      List<String> messages = new ArrayList<>();
      capture.events().forEach(e -> messages.add(e.message()));
      assertThat(messages)
          .contains(
              "odd",
              "odd3",
              "null_key",
              "non_string_key",
              "bad_value",
              "bad_key",
              "bad_supplier",
              "array_values",
              "bound_bad",
              "context_bad");
      LogEvent badValue =
          capture.events().stream()
              .filter(e -> e.message().equals("bad_value"))
              .findFirst()
              .orElseThrow();
      assertThat(badValue.text("k")).contains("threw");
    }
  }

  /** A value whose toString() and a Supplier whose get() recurse until the stack overflows. */
  private static final Object OVERFLOWING =
      new Object() {
        @Override
        public String toString() {
          return toString();
        }
      };

  private static final Supplier<Object> OVERFLOWING_SUPPLIER =
      new Supplier<>() {
        @Override
        public Object get() {
          return get();
        }
      };

  /** A field map whose iteration overflows the stack. */
  private static final Map<String, Object> OVERFLOWING_MAP =
      new AbstractMap<>() {
        @Override
        public Set<Entry<String, Object>> entrySet() {
          return entrySet();
        }
      };

  @Test
  void overflowingCallbacks_neverThrowAndKeepTheEvent() {
    assertThatCode(
            () -> {
              log.info("overflow_values", "to_string", OVERFLOWING, "lazy", OVERFLOWING_SUPPLIER);
              log.warning("overflow_map", OVERFLOWING_MAP);
              log.bind("bound", OVERFLOWING).info("overflow_bound");
              try (LogContext.Scope s = LogContext.bind("context", OVERFLOWING_SUPPLIER)) {
                log.info("overflow_context");
              }
            })
        .doesNotThrowAnyException();
    if (capture != null) {
      assertThat(capture.events())
          .extracting(LogEvent::message)
          .containsExactly("overflow_values", "overflow_map", "overflow_bound", "overflow_context");
      LogEvent values = capture.events().get(0);
      assertThat(values.text("to_string")).contains("StackOverflowError");
      assertThat(values.text("lazy")).contains("StackOverflowError");
      assertThat(capture.events().get(2).text("bound")).contains("StackOverflowError");
      assertThat(capture.events().get(3).text("context")).contains("StackOverflowError");
    }
  }

  /** An exception whose getMessage() and getStackTrace() throw. */
  static final class UnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("no message");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new IllegalStateException("no stack");
    }
  }

  /** An exception with a new cause every time getCause() is called. */
  static final class EndlessCauses extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public synchronized Throwable getCause() {
      return new EndlessCauses();
    }
  }

  @Test
  void hostileExceptions_neverThrowAndKeepTheEvent() {
    IllegalStateException plain = new IllegalStateException("plain");
    assertThatCode(
            () -> {
              log.error("unreadable", "k", 1, new UnreadableException());
              log.error("endless", "k", 2, new EndlessCauses());
              log.error("unreadable_map", Map.of("exception", new UnreadableException()));
              log.error("plain", "k", 3, plain);
            })
        .doesNotThrowAnyException();
    if (capture != null) {
      List<LogEvent> events = capture.events();
      assertThat(events)
          .extracting(LogEvent::message)
          .containsExactly("unreadable", "endless", "unreadable_map", "plain");
      assertThat(events.get(0).thrown().getMessage())
          .contains(UnreadableException.class.getName())
          .contains("getMessage() threw java.lang.IllegalStateException");
      assertThat(events.get(1).thrown().getMessage()).contains(EndlessCauses.class.getName());
      assertThat(events.get(2).thrown().getMessage()).contains(UnreadableException.class.getName());
      assertThat(events.get(3).thrown()).isSameAs(plain); // a readable exception is passed on as is
    }
  }

  @Test
  void hostileSpanInput_neverThrows() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put(null, "v");
    attrs.put("nullValue", null);
    attrs.put("bad", BAD);
    attrs.put("huge", HUGE);
    attrs.put("badArray", new Object[] {BAD, null});
    assertThatCode(
            () -> {
              try (Span span = tracer.startSpan("hostile", attrs)) {
                span.setAttribute(null, "v");
                span.setAttribute("nullValue", (Object) null);
                span.setAttribute("bad.set", BAD);
                span.setAttribute((String) null, 1L);
                span.addEvent(null);
                span.addEvent("event", attrs);
                span.addEvent("event.broken", BROKEN_MAP);
                span.recordException(null);
                span.setStatus(null);
                span.setStatus(StatusCode.ERROR, null);
                span.end();
                span.end();
              }
              try (Span span = tracer.startSpan(null, BROKEN_MAP)) {
                span.setAttribute("after.broken", 1L);
              }
              tracer.startAsCurrentSpan(null, null).close();
            })
        .doesNotThrowAnyException();
    if (Cp.SDK) {
      Finished f = Sdk.one("hostile");
      assertThat(f.attributes().get("bad")).asString().contains("threw");
      assertThat(f.attributes().get("huge")).asString().hasSize(HUGE.length());
    }
  }

  @Test
  void multiMegabyteValues_neverThrow() {
    // slf4j-simple writes each event to System.err: keep megabytes out of the build output.
    PrintStream previous = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      logHugeValues();
    } finally {
      System.setErr(previous);
    }
    if (capture != null) {
      assertThat(capture.events()).hasSize(3);
      assertThat(capture.events().get(0).text(HUGE)).hasSize(HUGE.length());
    }
    if (Cp.SDK) {
      assertThat(Sdk.finished()).hasSize(1);
      assertThat(Sdk.finished().get(0).status()).isEqualTo("ERROR");
    }
  }

  private static void logHugeValues() {
    assertThatCode(
            () -> {
              log.info(HUGE, HUGE, HUGE);
              log.bind("big", HUGE).warning("big_bound", Map.of("big", HUGE));
              try (LogContext.Scope s = LogContext.bind("big", HUGE);
                  Span span = tracer.startAsCurrentSpan(HUGE, Map.of(HUGE, HUGE))) {
                span.addEvent(HUGE, Map.of("k", HUGE));
                log.critical("big_critical", "k", HUGE);
              }
            })
        .doesNotThrowAnyException();
  }

  @Test
  void attributeMapsThatFailToBeRead_keepTheSpanAndTheEvent() {
    assertThatCode(
            () -> {
              try (Span span = tracer.startSpan("map.size", SIZE_BROKEN_MAP)) {
                assertThat(span.isRecording()).isEqualTo(recording());
                span.setAttribute("after", 1L);
                span.addEvent("event.size", SIZE_BROKEN_MAP);
                span.addEvent("event.error", ERROR_MAP);
                span.addEvent("event.midway", MIDWAY_MAP);
              }
              try (Span span = tracer.startAsCurrentSpan("map.error", ERROR_MAP)) {
                assertThat(span.isRecording()).isEqualTo(recording());
                tracer.startSpan("map.error.child").end();
              }
              tracer.startSpan("map.midway", MIDWAY_MAP).end();
            })
        .doesNotThrowAnyException();
    if (!Cp.SDK) {
      return;
    }
    Finished size = Sdk.one("map.size");
    assertThat(size.attributes()).containsOnlyKeys("after");
    assertThat(size.events())
        .extracting(Map.Entry::getKey)
        .containsExactly("event.size", "event.error", "event.midway");
    assertThat(size.event("event.size")).isEmpty();
    assertThat(size.event("event.midway")).containsOnlyKeys("first");
    assertThat(Sdk.one("map.error.child").parentSpanId()).isEqualTo(Sdk.one("map.error").spanId());
    assertThat(Sdk.one("map.midway").attributes()).containsOnlyKeys("first");
  }

  @Test
  void hostileAttributeValues_areStoredAsText_andNeverLoseTheOtherAttributes() {
    List<Object> self = new ArrayList<>();
    self.add("a");
    self.add(self);
    List<Object> ping = new ArrayList<>();
    List<Object> pong = new ArrayList<>();
    ping.add(pong);
    pong.add(ping);
    Map<String, Object> selfMap = new HashMap<>();
    selfMap.put("me", selfMap);
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("nullString", NULL_STRING);
    attrs.put("", "empty key");
    attrs.put("errorCollection", ERROR_COLLECTION);
    attrs.put("self", self);
    attrs.put("mutual", ping);
    attrs.put("selfMap", selfMap);
    attrs.put("mixed", new Object[] {1, "two", null, 3.5, true, BAD, NULL_STRING});
    attrs.put("after", "kept");
    assertThatCode(
            () -> {
              try (Span span = tracer.startSpan("values", attrs)) {
                span.setAttribute("set.nullString", NULL_STRING);
                span.setAttribute("set.errorCollection", (Object) ERROR_COLLECTION);
                span.setAttribute("", (Object) "x");
                span.setAttribute("", "x");
                span.setAttribute("", 1L);
                span.setAttribute("", 1.5d);
                span.setAttribute("", true);
                span.addEvent("values.event", attrs);
              }
            })
        .doesNotThrowAnyException();
    if (!Cp.SDK) {
      return;
    }
    Finished f = Sdk.one("values");
    Map<String, Object> a = f.attributes();
    assertThat(a)
        .doesNotContainKey("")
        .containsEntry("nullString", "null")
        .containsEntry("set.nullString", "null")
        .containsEntry("after", "kept");
    assertThat(f.attributeTypes()).containsEntry("mixed", "STRING_ARRAY");
    @SuppressWarnings("unchecked")
    List<Object> mixed = (List<Object>) a.get("mixed");
    assertThat(mixed).hasSize(7).startsWith("1", "two", "null", "3.5", "true").endsWith("null");
    assertThat(mixed.get(5)).asString().contains("threw");
    assertThat(a.get("errorCollection")).asString().contains("threw");
    assertThat(a.get("set.errorCollection")).asString().contains("threw");
    assertThat(a.get("self")).asString().contains("a").contains("(this Collection)");
    assertThat(a.get("mutual")).asString().contains("threw");
    assertThat(a.get("selfMap")).asString().contains("(this Map)");
    assertThat(f.event("values.event"))
        .doesNotContainKey("")
        .containsEntry("nullString", "null")
        .containsEntry("after", "kept");
  }

  /**
   * Runs on a thread of its own: OpenTelemetry's strict context storage (on in every test JVM)
   * captures the caller's whole stack at each of the 100,000 attaches and closes, so their cost
   * grows with the depth of the stack they are made from. Below JUnit's frames that made this test
   * take 10 s idle and up to 106 s under load; from a fresh thread it takes a few seconds, and the
   * 100,000 nested scopes are the same.
   */
  @Test
  void deeplyNestedLogContext_neverOverflowsTheStack() throws Exception {
    int depth = 100_000;
    LogContext.Scope[] scopes = new LogContext.Scope[depth];
    AtomicReference<Map<String, Object>> onOtherThread = new AtomicReference<>();
    AtomicReference<Map<String, Object>> afterClosing = new AtomicReference<>();
    // slf4j-simple writes each event to System.err: keep 100,000 fields out of the build output.
    PrintStream previous = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      FutureTask<Void> nested =
          new FutureTask<>(
              () -> {
                for (int i = 0; i < depth; i++) {
                  scopes[i] = LogContext.bind("depth", i);
                }
                log.info("deep_event");
                try (Span span = tracer.startAsCurrentSpan("deep")) {
                  log.error("deep_error", "k", "v");
                }
                assertThat(LogContext.current()).containsExactly(Map.entry("depth", depth - 1));
                Thread thread =
                    new Thread(TracedAsync.wrap(() -> onOtherThread.set(LogContext.current())));
                thread.start();
                thread.join();
                for (int i = depth - 1; i >= 0; i--) {
                  scopes[i].close();
                }
                afterClosing.set(LogContext.current());
                return null;
              });
      Thread thread = new Thread(nested, "deeply-nested");
      thread.start();
      assertThatCode(nested::get).doesNotThrowAnyException();
      thread.join();
    } finally {
      System.setErr(previous);
    }
    assertThat(afterClosing.get()).isEmpty();
    assertThat(onOtherThread.get()).containsExactly(Map.entry("depth", depth - 1));
    if (capture != null) {
      assertThat(capture.events())
          .extracting(LogEvent::message)
          .containsExactly("deep_event", "deep_error");
      assertThat(capture.events().get(0).text("depth")).isEqualTo(String.valueOf(depth - 1));
    }
    if (Cp.SDK) {
      assertThat(Sdk.one("deep").status()).isEqualTo("ERROR");
    }
  }

  @Test
  void deeplyNestedCurrentSpans_neverOverflowTheStack() {
    int depth = 10_000;
    Span[] spans = new Span[depth];
    assertThatCode(
            () -> {
              for (int i = 0; i < depth; i++) {
                spans[i] = tracer.startAsCurrentSpan("nested");
              }
              log.error("deepest");
              for (int i = depth - 1; i >= 0; i--) {
                spans[i].close();
              }
            })
        .doesNotThrowAnyException();
    if (Cp.OTEL_API) {
      assertThat(OtelProbe.currentSpanId()).isEqualTo("0000000000000000");
    }
    if (Cp.SDK) {
      assertThat(Sdk.finished()).hasSize(depth);
    }
  }

  @Test
  void deeplyNestedCauses_neverOverflowTheStack() {
    RuntimeException deep = new Shallow("root", null);
    for (int i = 0; i < 100_000; i++) {
      deep = new Shallow("level " + i, deep);
    }
    RuntimeException failure = deep;
    PrintStream previous = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThatCode(
              () -> {
                try (Span span = tracer.startSpan("deep.causes")) {
                  span.recordException(failure);
                }
                assertThatThrownBy(
                        () ->
                            tracer.inSpan(
                                "deep.causes.inSpan",
                                (SpanRunnable)
                                    span -> {
                                      throw failure;
                                    }))
                    .isSameAs(failure);
              })
          .doesNotThrowAnyException();
    } finally {
      System.setErr(previous);
    }
    if (Cp.SDK) {
      assertThat(Sdk.one("deep.causes.inSpan").status()).isEqualTo("ERROR");
    }
  }

  /** An exception without a stack trace, cheap to nest 100,000 deep. */
  private static final class Shallow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Shallow(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private static boolean recording() {
    return Cp.SDK || Cp.AGENT;
  }

  @Test
  void isEnabled_answersForEveryLevel() {
    for (LogLevel level : LogLevel.values()) {
      assertThat(log.isEnabled(level)).as(level.name()).isEqualTo(Cp.PROVIDER);
    }
  }
}
