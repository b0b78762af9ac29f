package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.Span;
import dev.optel.SpanCallable;
import dev.optel.SpanRunnable;
import dev.optel.StatusCode;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import dev.optel.testsupport.OtelExtension;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract behaviours 2 and 3. With the SDK the finished spans are read back; on every other class
 * path the same calls must run and give no-op (or, under the agent, recording) spans.
 */
class TracingTest {
  private static final String ZERO_TRACE = "00000000000000000000000000000000";
  private static final String ZERO_SPAN = "0000000000000000";

  private static TracingFacade tracer;

  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

  @BeforeAll
  static void setUp() {
    tracer = Telemetry.get("dev.optel.tests.tracing").tracer();
  }

  private static boolean recording() {
    return Cp.SDK || Cp.AGENT;
  }

  @Test
  void nestedSpans_followTheCurrentContext() {
    String parentId;
    String traceId;
    try (Span parent = tracer.startAsCurrentSpan("parent")) {
      parentId = parent.spanId();
      traceId = parent.traceId();
      try (Span child = tracer.startSpan("child")) {
        assertThat(child.traceId()).isEqualTo(traceId);
      }
      try (Span current = tracer.startAsCurrentSpan("current-child")) {
        try (Span grandchild = tracer.startSpan("grandchild")) {
          assertThat(grandchild.traceId()).isEqualTo(traceId);
        }
        assertThat(current.isRecording()).isEqualTo(recording());
      }
      assertThat(parent.isRecording()).isEqualTo(recording());
    }
    if (recording()) {
      assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo(ZERO_TRACE);
      assertThat(parentId).matches("[0-9a-f]{16}").isNotEqualTo(ZERO_SPAN);
    } else {
      assertThat(traceId).isEqualTo(ZERO_TRACE);
      assertThat(parentId).isEqualTo(ZERO_SPAN);
    }
    if (Cp.SDK) {
      Finished parent = Sdk.one("parent");
      Finished child = Sdk.one("child");
      Finished current = Sdk.one("current-child");
      Finished grandchild = Sdk.one("grandchild");
      assertThat(parent.isRoot()).isTrue();
      assertThat(parent.spanId()).isEqualTo(parentId);
      assertThat(child.parentSpanId()).isEqualTo(parentId);
      assertThat(current.parentSpanId()).isEqualTo(parentId);
      assertThat(grandchild.parentSpanId()).isEqualTo(current.spanId());
      assertThat(List.of(child, current, grandchild))
          .extracting(Finished::traceId)
          .containsOnly(parent.traceId());
    }
  }

  @Test
  void startSpan_isNotMadeCurrent() {
    try (Span detached = tracer.startSpan("detached")) {
      try (Span other = tracer.startSpan("other")) {
        if (recording()) {
          assertThat(other.traceId()).isNotEqualTo(detached.traceId());
        }
      }
    }
    if (Cp.SDK) {
      assertThat(Sdk.one("other").isRoot()).isTrue();
    }
  }

  @Test
  void close_restoresThePreviousContext() {
    try (Span outer = tracer.startAsCurrentSpan("outer")) {
      Span inner = tracer.startAsCurrentSpan("inner");
      if (Cp.OTEL_API && recording()) {
        assertThat(OtelProbe.currentSpanId()).isEqualTo(inner.spanId());
      }
      inner.close();
      inner.close(); // a second close is harmless
      if (Cp.OTEL_API && recording()) {
        assertThat(OtelProbe.currentSpanId()).isEqualTo(outer.spanId());
      }
      try (Span sibling = tracer.startSpan("sibling")) {
        assertThat(sibling.traceId()).isEqualTo(outer.traceId());
      }
    }
    try (Span after = tracer.startSpan("after")) {
      assertThat(after.isRecording()).isEqualTo(recording());
    }
    if (Cp.SDK) {
      assertThat(Sdk.one("sibling").parentSpanId()).isEqualTo(Sdk.one("outer").spanId());
      assertThat(Sdk.one("after").isRoot()).isTrue();
    }
  }

  @Test
  void attributes_keepTheirTypes() {
    Map<String, Object> initial = new LinkedHashMap<>();
    initial.put("s", "text");
    initial.put("b", true);
    initial.put("i", 42);
    initial.put("l", 7L);
    initial.put("d", 1.5d);
    initial.put("f", 0.5f);
    initial.put("strings", new String[] {"a", "b"});
    initial.put("longs", new long[] {1, 2});
    initial.put("ints", List.of(3, 4));
    initial.put("doubles", new double[] {0.25});
    initial.put("booleans", new boolean[] {true, false});
    initial.put("other", new StringBuilder("built"));
    initial.put("mixed", List.of(1, "x"));
    try (Span span = tracer.startSpan("attrs", initial)) {
      span.setAttribute("set.string", "v");
      span.setAttribute("set.long", 9L);
      span.setAttribute("set.double", 2.5d);
      span.setAttribute("set.boolean", false);
      span.setAttribute("set.object", (Object) Integer.valueOf(5));
      span.setAttribute("set.other", (Object) java.time.Duration.ofSeconds(3));
      span.setAttribute("set.array", (Object) new String[] {"x", "y"});
    }
    if (!Cp.SDK) {
      return;
    }
    Finished f = Sdk.one("attrs");
    Map<String, Object> a = f.attributes();
    Map<String, String> t = f.attributeTypes();
    assertThat(a)
        .containsEntry("s", "text")
        .containsEntry("b", true)
        .containsEntry("i", 42L)
        .containsEntry("l", 7L)
        .containsEntry("d", 1.5d)
        .containsEntry("f", 0.5d)
        .containsEntry("strings", List.of("a", "b"))
        .containsEntry("longs", List.of(1L, 2L))
        .containsEntry("ints", List.of(3L, 4L))
        .containsEntry("doubles", List.of(0.25d))
        .containsEntry("booleans", List.of(true, false))
        .containsEntry("other", "built")
        .containsEntry("mixed", List.of("1", "x"))
        .containsEntry("set.string", "v")
        .containsEntry("set.long", 9L)
        .containsEntry("set.double", 2.5d)
        .containsEntry("set.boolean", false)
        .containsEntry("set.object", 5L)
        .containsEntry("set.other", "PT3S")
        .containsEntry("set.array", List.of("x", "y"));
    assertThat(t)
        .containsEntry("s", "STRING")
        .containsEntry("b", "BOOLEAN")
        .containsEntry("i", "LONG")
        .containsEntry("d", "DOUBLE")
        .containsEntry("f", "DOUBLE")
        .containsEntry("strings", "STRING_ARRAY")
        .containsEntry("longs", "LONG_ARRAY")
        .containsEntry("ints", "LONG_ARRAY")
        .containsEntry("doubles", "DOUBLE_ARRAY")
        .containsEntry("booleans", "BOOLEAN_ARRAY")
        .containsEntry("other", "STRING")
        .containsEntry("set.object", "LONG")
        .containsEntry("set.array", "STRING_ARRAY");
  }

  @Test
  void attributeKeys_areMadeOncePerNameAndType() {
    // OpenTelemetry's exporters encode a key's name once per key object: a key made per span costs
    // an allocation here and an encoding in the exporter for every attribute of every span.
    for (String name : List.of("keys.1", "keys.2")) {
      try (Span span = tracer.startSpan(name, Map.of("k.map", "v", "k.long", 1))) {
        span.setAttribute("k.object", (Object) "v");
        span.setAttribute("k.string", "v");
        span.setAttribute("k.typed", 2L);
        span.setAttribute("k.array", (Object) new long[] {1});
      }
    }
    if (!Cp.SDK) {
      return;
    }
    for (String key : List.of("k.map", "k.long", "k.object", "k.string", "k.typed", "k.array")) {
      assertThat(Sdk.sameKey("keys.1", "keys.2", key)).as(key).isTrue();
    }
  }

  @Test
  void inSpan_recordsTheFailureAndRethrowsTheSameException() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                tracer.inSpan(
                    "fails",
                    (SpanRunnable<RuntimeException>)
                        span -> {
                          throw boom;
                        }))
        .isSameAs(boom);
    IOException checked = new IOException("io");
    assertThatThrownBy(
            () ->
                tracer.inSpan(
                    "fails.checked",
                    Map.of("k", "v"),
                    (SpanCallable<String, IOException>)
                        span -> {
                          throw checked;
                        }))
        .isSameAs(checked);
    Error error = new AssertionError("an Error");
    assertThatThrownBy(
            () ->
                tracer.inSpan(
                    "fails.error",
                    (SpanRunnable<RuntimeException>)
                        span -> {
                          throw error;
                        }))
        .isSameAs(error);
    if (!Cp.SDK) {
      return;
    }
    Finished fails = Sdk.one("fails");
    assertThat(fails.status()).isEqualTo("ERROR");
    assertThat(fails.event("exception"))
        .isNotNull()
        .containsEntry("exception.type", IllegalStateException.class.getName())
        .containsEntry("exception.message", "boom");
    Finished failsChecked = Sdk.one("fails.checked");
    assertThat(failsChecked.status()).isEqualTo("ERROR");
    assertThat(failsChecked.attributes()).containsEntry("k", "v");
    assertThat(failsChecked.event("exception"))
        .containsEntry("exception.type", IOException.class.getName());
    assertThat(Sdk.one("fails.error").status()).isEqualTo("ERROR");
  }

  @Test
  void inSpan_returnsTheValueWithTheSpanCurrent() throws Exception {
    String[] seen = new String[1];
    String value =
        tracer.inSpan(
            "works",
            Map.of("attempt", 1),
            (Span span) -> {
              seen[0] = span.spanId();
              if (Cp.OTEL_API && recording()) {
                assertThat(OtelProbe.currentSpanId()).isEqualTo(span.spanId());
              }
              span.addEvent("halfway", Map.of("n", 2));
              return "result";
            });
    assertThat(value).isEqualTo("result");
    tracer.inSpan(
        "works.void", (SpanRunnable<RuntimeException>) span -> span.setStatus(StatusCode.OK));
    if (Cp.SDK) {
      Finished works = Sdk.one("works");
      assertThat(works.spanId()).isEqualTo(seen[0]);
      assertThat(works.status()).isEqualTo("UNSET");
      assertThat(works.attributes()).containsEntry("attempt", 1L);
      assertThat(works.event("halfway")).containsEntry("n", "2");
      assertThat(Sdk.one("works.void").status()).isEqualTo("OK");
    }
  }

  @Test
  void spanStatusAndExceptionCanBeSetByHand() {
    RuntimeException failure = new RuntimeException("by hand");
    try (Span span = tracer.startSpan("manual")) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, "it failed");
    }
    if (Cp.SDK) {
      Finished f = Sdk.one("manual");
      assertThat(f.status()).isEqualTo("ERROR");
      assertThat(f.statusDescription()).isEqualTo("it failed");
      assertThat(f.event("exception")).containsEntry("exception.message", "by hand");
    }
  }
}
