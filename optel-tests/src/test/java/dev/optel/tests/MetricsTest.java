package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.optel.Counter;
import dev.optel.Histogram;
import dev.optel.MeterFacade;
import dev.optel.Telemetry;
import dev.optel.UpDownCounter;
import dev.optel.testsupport.OptelReports;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contract behaviour 11 on every class path: instruments never throw and, without a metrics API,
 * are shared no-ops. Exact values with the SDK are {@link MetricsSdkTest}'s.
 */
@Timeout(30)
class MetricsTest {
  /** A value whose toString throws. */
  private static final Object BAD =
      new Object() {
        @Override
        public String toString() {
          throw new IllegalStateException("toString is broken");
        }
      };

  private final MeterFacade meter = Telemetry.get("dev.optel.tests.metrics").meter();

  @Test
  void withoutAMetricsApi_everyInstrumentIsASharedNoop() {
    assumeFalse(Cp.METRICS_API, "the OpenTelemetry metrics API is present");
    MeterFacade other = Telemetry.get("other").meter();
    assertThat(meter).isSameAs(other).isSameAs(MeterFacade.noop());
    Counter counter = meter.counter("a.counter", "1", "d");
    assertThat(counter)
        .isSameAs(other.counter("b.counter", null, null))
        .isSameAs(counter.bind("k", "v"));
    UpDownCounter upDown = meter.upDownCounter("a.updown", "1", "d");
    assertThat(upDown).isSameAs(other.upDownCounter("b.updown", "", "")).isSameAs(upDown.bind());
    Histogram histogram = meter.histogram("a.histogram", "s", "d");
    assertThat(histogram)
        .isSameAs(other.histogram("b.histogram", "s", null))
        .isSameAs(histogram.bind("k", 1));
    assertThat(meter.gauge("a.gauge", "1", "d", () -> 1))
        .isSameAs(other.gauge("b.gauge", "1", "d", () -> 2));
  }

  @Test
  void theNoopMeter_isNoopEverywhere() {
    MeterFacade noop = MeterFacade.noop();
    Counter counter = noop.counter("noop.counter", "1", "d");
    assertThat(counter.bind("k", "v")).isSameAs(counter);
    assertThatCode(
            () -> {
              counter.add(1);
              counter.add(1, "k", "v");
              noop.histogram("noop.histogram", "s", "").record(1.5, "k");
              noop.gauge("noop.gauge", "", "", () -> 1).close();
            })
        .doesNotThrowAnyException();
  }

  @Test
  void instruments_neverThrow_whateverTheyAreGiven() {
    Counter counter = meter.counter("hostile.counter", "{call}", "hostile input");
    UpDownCounter upDown = meter.upDownCounter("hostile.updown", null, null);
    Histogram histogram = meter.histogram("hostile.histogram", "s", null);
    Object[][] keyValues = {
      null,
      {},
      {"odd"},
      {null, "null key"},
      {1, "int key"},
      {"k", null},
      {"k", BAD},
      {BAD, "v"},
      {"k", new int[] {1, 2}},
      {"k", List.of(1, "mixed")},
      {"k", Map.of("a", 1)},
      {"", "empty key"},
      {"k", "x".repeat(100_000)},
      {"k", new Object[] {BAD, null}},
      {"k", Double.NaN, "j", Float.POSITIVE_INFINITY}
    };
    assertThatCode(
            () -> {
              for (Object[] kv : keyValues) {
                counter.add(1, kv);
                counter.add(-1, kv);
                counter.bind(kv).add(1);
                counter.bind(kv).add(1, kv);
                upDown.add(-5, kv);
                upDown.bind(kv).bind(kv).add(Long.MIN_VALUE);
                histogram.record(Double.NaN, kv);
                histogram.record(-1, kv);
                histogram.bind(kv).record(Double.POSITIVE_INFINITY);
              }
              counter.add(Long.MAX_VALUE);
              counter.add(Long.MAX_VALUE);
              MeterFacade.Registration throwing =
                  meter.gauge(
                      "hostile.gauge",
                      "1",
                      "throws",
                      () -> {
                        throw new IllegalStateException("supplier is broken");
                      });
              throwing.close();
              throwing.close();
              meter.gauge("hostile.gauge.null", "1", "", null).close();
            })
        .doesNotThrowAnyException();
  }

  @Test
  void invalidNames_areReportedOnce_andGetAnInstrumentThatRecordsNothing() {
    String[] invalid = {
      null, "", "1starts.with.digit", "has space", "ünicode", "x".repeat(256), "semi;colon"
    };
    try (OptelReports reports = new OptelReports()) {
      for (String name : invalid) {
        assertThatCode(
                () -> {
                  meter.counter(name, "1", "").add(1, "k", "v");
                  meter.upDownCounter(name, "1", "").bind("k", "v").add(1);
                  meter.histogram(name, "1", "").record(1);
                  meter.gauge(name, "1", "", () -> 1).close();
                })
            .doesNotThrowAnyException();
      }
      List<String> messages = reports.messages();
      assertThat(messages).anySatisfy(m -> assertThat(m).contains("invalid counter name null"));
      assertThat(messages)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .contains("invalid counter name \"1starts.with.digit\"")
                      .contains("the instrument records nothing"));
      assertThat(messages).anySatisfy(m -> assertThat(m).contains("\"has space\""));
      assertThat(messages).anySatisfy(m -> assertThat(m).contains("\"semi;colon\""));
      assertThat(messages).anySatisfy(m -> assertThat(m).contains("invalid gauge name \"\""));
    }
  }

  @Test
  void validNames_atTheLimitsAreAccepted_andAnInvalidUnitIsLeftOutWithOneWarning() {
    try (OptelReports reports = new OptelReports()) {
      meter.counter("A" + "b".repeat(254), "1", "").add(1);
      meter.counter("a_b.c/d-e9", "{request}", "").add(1);
      meter.counter("unit.too.long", "u".repeat(64), "").add(1);
      meter.histogram("unit.not.ascii", "µs", "").record(1);
      List<String> messages = reports.messages();
      assertThat(messages).noneSatisfy(m -> assertThat(m).contains("invalid counter name"));
      assertThat(messages)
          .anySatisfy(
              m ->
                  assertThat(m).contains("instrument \"unit.too.long\" was given an invalid unit"));
      assertThat(messages)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .contains("instrument \"unit.not.ascii\" was given an invalid unit \"µs\""));
    }
  }

  @Test
  void aNullSupplier_isReported_andRegistersNothing() {
    try (OptelReports reports = new OptelReports()) {
      MeterFacade.Registration registration = meter.gauge("null.supplier", "1", "", null);
      registration.close();
      assertThat(reports.messages())
          .anySatisfy(
              m -> assertThat(m).contains("gauge \"null.supplier\" was given a null supplier"));
    }
  }
}
