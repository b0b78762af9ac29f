package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.Counter;
import dev.optel.Histogram;
import dev.optel.MeterFacade;
import dev.optel.Telemetry;
import dev.optel.UpDownCounter;
import dev.optel.testsupport.OptelReports;
import dev.optel.testsupport.OtelExtension;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract behaviour 11 with the OpenTelemetry SDK and an in-memory reader: exact values, typed
 * attributes, bound instruments, gauges, and instruments created before the SDK was installed. Each
 * test uses its own instrument names (the reader is cumulative and shared by the JVM).
 * optel-tests-oldest (OpenTelemetry 1.0.0, no metrics SDK) does not compile this class.
 */
@Timeout(30)
class MetricsSdkTest {
  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

  private static MeterFacade meter;

  @BeforeAll
  static void installSdk() {
    assumeTrue(Cp.METRICS_SDK, "needs the OpenTelemetry SDK with an in-memory metric reader");
    meter = Telemetry.get("dev.optel.tests.metrics.sdk").meter();
  }

  private static long sum(String metric, String attributes) {
    PointData p = MetricsSdk.points(MetricsSdk.one(metric)).get(attributes);
    assertThat(p).as(metric + " {" + attributes + "}").isNotNull();
    return ((LongPointData) p).getValue();
  }

  @Test
  void counter_addsExactly_withAndWithoutAttributes() {
    Counter counter = meter.counter("sdk.counter", "{request}", "requests");
    counter.add(1);
    counter.add(2);
    counter.add(3, "k", "v");
    counter.add(4, "k", "v");
    counter.add(5, "k", "w");
    MetricData m = MetricsSdk.one("sdk.counter");
    assertThat(m.getType()).isEqualTo(MetricDataType.LONG_SUM);
    assertThat(m.getLongSumData().isMonotonic()).isTrue();
    assertThat(m.getUnit()).isEqualTo("{request}");
    assertThat(m.getDescription()).isEqualTo("requests");
    assertThat(m.getInstrumentationScopeInfo().getName()).isEqualTo("dev.optel.tests.metrics.sdk");
    assertThat(sum("sdk.counter", "")).isEqualTo(3);
    assertThat(sum("sdk.counter", "k=v:STRING")).isEqualTo(7);
    assertThat(sum("sdk.counter", "k=w:STRING")).isEqualTo(5);
  }

  @Test
  void upDownCounter_goesUpAndDown() {
    UpDownCounter inFlight = meter.upDownCounter("sdk.updown", "{request}", "");
    inFlight.add(5);
    inFlight.add(-2);
    UpDownCounter queue = inFlight.bind("queue", "a");
    queue.add(-7);
    MetricData m = MetricsSdk.one("sdk.updown");
    assertThat(m.getType()).isEqualTo(MetricDataType.LONG_SUM);
    assertThat(m.getLongSumData().isMonotonic()).isFalse();
    assertThat(sum("sdk.updown", "")).isEqualTo(3);
    assertThat(sum("sdk.updown", "queue=a:STRING")).isEqualTo(-7);
  }

  @Test
  void histogram_recordsCountSumAndBuckets() {
    Histogram histogram = meter.histogram("sdk.histogram", "ms", "durations");
    histogram.record(1);
    histogram.record(5); // upper bounds are inclusive
    histogram.record(200);
    histogram.record(20_000);
    histogram.record(7, "route", "/a");
    MetricData m = MetricsSdk.one("sdk.histogram");
    assertThat(m.getType()).isEqualTo(MetricDataType.HISTOGRAM);
    assertThat(m.getUnit()).isEqualTo("ms");
    HistogramPointData p = (HistogramPointData) MetricsSdk.points(m).get("");
    assertThat(p.getCount()).isEqualTo(4);
    assertThat(p.getSum()).isEqualTo(20_206.0);
    assertThat(p.getMin()).isEqualTo(1.0);
    assertThat(p.getMax()).isEqualTo(20_000.0);
    // The SDK's default boundaries: 0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000,
    // 7500, 10000.
    assertThat(p.getBoundaries()).startsWith(0.0, 5.0, 10.0).endsWith(10_000.0).hasSize(15);
    assertThat(p.getCounts())
        .containsExactly(0L, 2L, 0L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
    HistogramPointData routed = (HistogramPointData) MetricsSdk.points(m).get("route=/a:STRING");
    assertThat(routed.getCount()).isEqualTo(1);
    assertThat(routed.getSum()).isEqualTo(7.0);
    assertThat(routed.getCounts().get(2)).isEqualTo(1L);
  }

  @Test
  void boundInstruments_recordTheirAttributes_andAddTheCallsOwn() {
    Counter counter = meter.counter("sdk.bound", "1", "");
    Counter bound = counter.bind("method", "GET", "attempt", 1);
    bound.add(2);
    bound.add(3);
    Counter narrower = bound.bind("status", 200);
    narrower.add(10);
    bound.add(100, "status", 500);
    counter.add(1000);
    Histogram histogram = meter.histogram("sdk.bound.histogram", "s", "").bind("flag", true);
    histogram.record(0.5);
    histogram.record(1.5);
    assertThat(sum("sdk.bound", "attempt=1:LONG;method=GET:STRING")).isEqualTo(5);
    assertThat(sum("sdk.bound", "attempt=1:LONG;method=GET:STRING;status=200:LONG")).isEqualTo(10);
    assertThat(sum("sdk.bound", "attempt=1:LONG;method=GET:STRING;status=500:LONG")).isEqualTo(100);
    assertThat(sum("sdk.bound", "")).isEqualTo(1000);
    HistogramPointData p =
        (HistogramPointData)
            MetricsSdk.points(MetricsSdk.one("sdk.bound.histogram")).get("flag=true:BOOLEAN");
    assertThat(p.getCount()).isEqualTo(2);
    assertThat(p.getSum()).isEqualTo(2.0);
  }

  @Test
  void attributes_keepTheirTypes() {
    Counter counter = meter.counter("sdk.types", "1", "");
    counter.add(
        1,
        "s",
        "text",
        "i",
        7,
        "l",
        8L,
        "sh",
        (short) 9,
        "d",
        1.5,
        "f",
        2.5f,
        "b",
        false,
        "sa",
        new String[] {"x", "y"},
        "ia",
        new int[] {1, 2},
        "dl",
        List.of(0.5, 1.5),
        "ba",
        new boolean[] {true},
        "mixed",
        List.of(1, "a"),
        "o",
        new StringBuilder("sb"));
    Map<String, PointData> points = MetricsSdk.points(MetricsSdk.one("sdk.types"));
    assertThat(points).hasSize(1);
    assertThat(points.keySet().iterator().next().split(";"))
        .containsExactlyInAnyOrder(
            "s=text:STRING",
            "i=7:LONG",
            "l=8:LONG",
            "sh=9:LONG",
            "d=1.5:DOUBLE",
            "f=2.5:DOUBLE",
            "b=false:BOOLEAN",
            "sa=[x, y]:STRING_ARRAY",
            "ia=[1, 2]:LONG_ARRAY",
            "dl=[0.5, 1.5]:DOUBLE_ARRAY",
            "ba=[true]:BOOLEAN_ARRAY",
            "mixed=[1, a]:STRING_ARRAY",
            "o=sb:STRING");
  }

  @Test
  void irregularKeyValues_readLikeLogKeyValues_andAreReportedOnce() {
    Counter counter = meter.counter("sdk.irregular", "1", "");
    try (OptelReports reports = new OptelReports()) {
      counter.add(1, "k", "v", "dangling");
      counter.add(2, null, "nullkey", 3, "intkey", "gone", null);
      List<String> messages = reports.messages();
      assertThat(messages)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .contains(
                          "instrument \"sdk.irregular\" was given an odd number of key-values"));
      assertThat(messages)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .contains(
                          "instrument \"sdk.irregular\" was given an attribute key that is not a"
                              + " string (null)"));
    }
    assertThat(sum("sdk.irregular", "extra=dangling:STRING;k=v:STRING")).isEqualTo(1);
    assertThat(sum("sdk.irregular", "3=intkey:STRING;null=nullkey:STRING")).isEqualTo(2);
  }

  @Test
  void aValueThatChangesAfterTheCall_isReadAgainAtTheNextCall() {
    Counter counter = meter.counter("sdk.mutable", "1", "");
    long[] ids = {1, 2};
    counter.add(1, "ids", ids);
    ids[1] = 3;
    counter.add(1, "ids", ids);
    counter.add(1, "k", "v");
    counter.add(1, "k", "v"); // the same immutable key-values: served from the cache
    Map<String, PointData> points = MetricsSdk.points(MetricsSdk.one("sdk.mutable"));
    assertThat(points)
        .containsOnlyKeys("ids=[1, 2]:LONG_ARRAY", "ids=[1, 3]:LONG_ARRAY", "k=v:STRING");
  }

  @Test
  void keyValuesLikeTheLastCalls_areRecordedWithTheirOwnValuesAndTypes() {
    Counter counter = meter.counter("sdk.lastset", "1", "");
    counter.add(1, "k", "1");
    counter.add(2, "k", 1L); // equal string form, other type: not the last set
    counter.add(4, "k", new String("1")); // equal to the first set, another object
    counter.add(8, "k", Long.valueOf(1000));
    counter.add(16, "k", Long.valueOf(1000)); // equal, another object (outside Long's cache)
    counter.add(32, "k", true);
    counter.add(64, "k", "1", "extra", "x"); // starts like the first set
    assertThat(MetricsSdk.points(MetricsSdk.one("sdk.lastset")))
        .containsOnlyKeys(
            "k=1:STRING", "k=1:LONG", "k=1000:LONG", "k=true:BOOLEAN", "extra=x:STRING;k=1:STRING");
    assertThat(sum("sdk.lastset", "k=1:STRING")).isEqualTo(5);
    assertThat(sum("sdk.lastset", "k=1:LONG")).isEqualTo(2);
    assertThat(sum("sdk.lastset", "k=1000:LONG")).isEqualTo(24);
    assertThat(sum("sdk.lastset", "k=true:BOOLEAN")).isEqualTo(32);
    assertThat(sum("sdk.lastset", "extra=x:STRING;k=1:STRING")).isEqualTo(64);
  }

  @Test
  void gauge_readsItsSupplierAtEachCollection_untilClosed() {
    AtomicInteger value = new AtomicInteger(3);
    MeterFacade.Registration gauge =
        meter.gauge("sdk.gauge", "{item}", "items", value::doubleValue);
    MetricData m = MetricsSdk.one("sdk.gauge");
    assertThat(m.getType()).isEqualTo(MetricDataType.DOUBLE_GAUGE);
    assertThat(m.getUnit()).isEqualTo("{item}");
    assertThat(((DoublePointData) MetricsSdk.points(m).get("")).getValue()).isEqualTo(3.0);
    value.set(8);
    assertThat(
            ((DoublePointData) MetricsSdk.points(MetricsSdk.one("sdk.gauge")).get("")).getValue())
        .isEqualTo(8.0);
    gauge.close();
    MetricData after = MetricsSdk.metric("sdk.gauge");
    assertThat(after == null ? List.of() : after.getData().getPoints()).isEmpty();
  }

  @Test
  void aSupplierThatThrows_isReportedOnce_andItsReadingSkipped() {
    AtomicInteger calls = new AtomicInteger();
    MeterFacade.Registration broken =
        meter.gauge(
            "sdk.gauge.broken",
            "1",
            "",
            () -> {
              calls.incrementAndGet();
              throw new IllegalStateException("broken supplier");
            });
    MeterFacade.Registration fine = meter.gauge("sdk.gauge.fine", "1", "", () -> 2);
    try (OptelReports reports = new OptelReports()) {
      MetricData m = MetricsSdk.metric("sdk.gauge.broken");
      assertThat(m == null ? List.of() : m.getData().getPoints()).isEmpty();
      assertThat(
              ((DoublePointData) MetricsSdk.points(MetricsSdk.one("sdk.gauge.fine")).get(""))
                  .getValue())
          .isEqualTo(2.0);
      assertThat(calls.get()).as("supplier calls, one per collection").isEqualTo(2);
      assertThat(reports.messages())
          .anySatisfy(
              message ->
                  assertThat(message)
                      .contains(
                          "the supplier of gauge \"sdk.gauge.broken\" threw; this reading is skipped"));
    } finally {
      broken.close();
      fine.close();
    }
  }

  @Test
  void instrumentsCreatedBeforeTheSdkWasInstalled_recordOnceItIs() {
    EarlyUse.COUNTER.add(1);
    EarlyUse.COUNTER.add(2, "k", "v");
    EarlyUse.BOUND.add(5);
    EarlyUse.HISTOGRAM.record(0.25);
    assertThat(sum("early.counter", "")).isEqualTo(1);
    assertThat(sum("early.counter", "k=v:STRING")).isEqualTo(2);
    assertThat(sum("early.counter", "phase=early:STRING")).isEqualTo(5);
    HistogramPointData h =
        (HistogramPointData) MetricsSdk.points(MetricsSdk.one("early.histogram")).get("");
    assertThat(h.getCount()).isEqualTo(1);
    assertThat(h.getSum()).isEqualTo(0.25);
  }

  @Test
  @Timeout(30)
  void aGaugeRegisteredBeforeTheSdkWasInstalled_readsOnceItIs() {
    // Found by the instrument that first saw the SDK or, failing that, by the once-a-second poll.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              MetricData m = MetricsSdk.metric("early.gauge");
              assertThat(m).isNotNull();
              assertThat(((DoublePointData) MetricsSdk.points(m).get("")).getValue())
                  .isEqualTo(42.5);
            });
  }

  @Test
  void anInstrumentReachingTheSdksCardinalityLimit_isNamedInOneWarning() {
    Counter counter = meter.counter("sdk.cardinality", "1", "");
    try (OptelReports reports = new OptelReports()) {
      for (int i = 0; i < 1999; i++) {
        counter.add(1, "user", i);
      }
      assertThat(reports.messages()).noneSatisfy(m -> assertThat(m).contains("cardinality"));
      counter.add(1, "user", 1999);
      counter.add(1, "user", 2000);
      assertThat(reports.messages())
          .filteredOn(m -> m.contains("cardinality"))
          .singleElement()
          .satisfies(
              m ->
                  assertThat(m)
                      .contains(
                          "instrument \"sdk.cardinality\" has been given"
                              + " 2000 distinct attribute sets"));
    }
    // ... which is where the SDK starts its overflow series.
    assertThat(MetricsSdk.points(MetricsSdk.one("sdk.cardinality")))
        .containsKey("otel.metric.overflow=true:BOOLEAN");
  }
}
