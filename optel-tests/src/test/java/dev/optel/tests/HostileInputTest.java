package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.optel.LogContext;
import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.StatusCode;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Contract behaviour 8: whatever a caller passes, instrumentation never throws. */
@SuppressWarnings("try") // scopes opened only for their effect on the context
@Timeout(60)
class HostileInputTest {
  private static final String HUGE = "x".repeat(2 * 1024 * 1024);
  private static TracingFacade tracer;
  private static LoggingFacade log;
  private static LogCapture capture;

  /** A value whose toString throws. */
  private static final Object BAD = new Object() {
    @Override
    public String toString() {
      throw new IllegalStateException("toString is broken");
    }
  };

  /** A map whose iteration throws. */
  private static final Map<String, Object> BROKEN_MAP = new AbstractMap<>() {
    @Override
    public Set<Entry<String, Object>> entrySet() {
      throw new UnsupportedOperationException("no entries for you");
    }

    @Override
    public boolean isEmpty() {
      return false;
    }
  };

  @BeforeAll
  static void setUp() {
    if (Cp.SDK) {
      Sdk.install();
    }
    capture = LogCapture.forClasspath();
    tracer = Telemetry.get("dev.optel.tests.hostile").tracer();
    log = Telemetry.get("dev.optel.tests.hostile").logger();
  }

  @BeforeEach
  void clear() {
    if (capture != null) {
      capture.clear();
    }
    if (Cp.SDK) {
      Sdk.reset();
    }
  }

  @Test
  void malformedKeyValues_neverThrow() {
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    nullKey.put("nullValue", null);
    Supplier<Object> throwing = () -> {
      throw new IllegalStateException("supplier broke");
    };
    assertThatCode(() -> {
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
    }).doesNotThrowAnyException();
    if (capture != null) {
      List<String> messages = new ArrayList<>();
      capture.events().forEach(e -> messages.add(e.message()));
      assertThat(messages).contains("odd", "odd3", "null_key", "non_string_key", "bad_value",
          "bad_key", "bad_supplier", "array_values", "bound_bad", "context_bad");
      LogEvent badValue = capture.events().stream().filter(e -> e.message().equals("bad_value"))
          .findFirst().orElseThrow();
      assertThat(badValue.text("k")).contains("threw");
    }
  }

  /** A value whose toString() and a Supplier whose get() recurse until the stack overflows. */
  private static final Object OVERFLOWING = new Object() {
    @Override
    public String toString() {
      return toString();
    }
  };

  private static final Supplier<Object> OVERFLOWING_SUPPLIER = new Supplier<>() {
    @Override
    public Object get() {
      return get();
    }
  };

  /** A field map whose iteration overflows the stack. */
  private static final Map<String, Object> OVERFLOWING_MAP = new AbstractMap<>() {
    @Override
    public Set<Entry<String, Object>> entrySet() {
      return entrySet();
    }
  };

  @Test
  void overflowingCallbacks_neverThrowAndKeepTheEvent() {
    assertThatCode(() -> {
      log.info("overflow_values", "to_string", OVERFLOWING, "lazy", OVERFLOWING_SUPPLIER);
      log.warning("overflow_map", OVERFLOWING_MAP);
      log.bind("bound", OVERFLOWING).info("overflow_bound");
      try (LogContext.Scope s = LogContext.bind("context", OVERFLOWING_SUPPLIER)) {
        log.info("overflow_context");
      }
    }).doesNotThrowAnyException();
    if (capture != null) {
      assertThat(capture.events()).extracting(LogEvent::message).containsExactly(
          "overflow_values", "overflow_map", "overflow_bound", "overflow_context");
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
    assertThatCode(() -> {
      log.error("unreadable", "k", 1, new UnreadableException());
      log.error("endless", "k", 2, new EndlessCauses());
      log.error("unreadable_map", Map.of("exception", new UnreadableException()));
      log.error("plain", "k", 3, plain);
    }).doesNotThrowAnyException();
    if (capture != null) {
      List<LogEvent> events = capture.events();
      assertThat(events).extracting(LogEvent::message)
          .containsExactly("unreadable", "endless", "unreadable_map", "plain");
      assertThat(events.get(0).thrown().getMessage()).contains(UnreadableException.class.getName())
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
    assertThatCode(() -> {
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
    }).doesNotThrowAnyException();
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
    assertThatCode(() -> {
      log.info(HUGE, HUGE, HUGE);
      log.bind("big", HUGE).warning("big_bound", Map.of("big", HUGE));
      try (LogContext.Scope s = LogContext.bind("big", HUGE);
          Span span = tracer.startAsCurrentSpan(HUGE, Map.of(HUGE, HUGE))) {
        span.addEvent(HUGE, Map.of("k", HUGE));
        log.critical("big_critical", "k", HUGE);
      }
    }).doesNotThrowAnyException();
  }

  @Test
  void isEnabled_answersForEveryLevel() {
    for (LogLevel level : LogLevel.values()) {
      assertThat(log.isEnabled(level)).as(level.name()).isEqualTo(Cp.PROVIDER);
    }
  }
}
