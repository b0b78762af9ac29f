package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optel.LogContext;
import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Logs export (behaviour 12): with a logs exporter, each log event that passes the level is also an
 * OpenTelemetry log record of the SDK optel configured, exactly as the README's "Logs export" says;
 * without one, nothing is exported; the JSON lines stay as they are either way.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogsExportTest extends ConfigTestSupport {
  private static final LoggingFacade LOG = Telemetry.get("logs.export").logger();

  private final ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
  private final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void clearAndCaptureStdout() {
    MemoryLogExporter.RECORDS.clear();
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStdout() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private static TelemetryConfig.Builder memoryLogs() {
    return TelemetryConfig.builder()
        .property("otel.traces.exporter", "memory")
        .property("otel.logs.exporter", "memory")
        .property("otel.blrp.schedule.delay", "10");
  }

  private static List<LogRecordData> awaitRecords(int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> MemoryLogExporter.records().size() >= count);
    return MemoryLogExporter.records();
  }

  @Test
  void enabledEvents_becomeRecords_withSeverityEventNameTypedAttributesExceptionAndIds()
      throws Exception {
    assertThat(memoryLogs().configure()).isTrue();
    LoggingFacade log = LOG.bind("tenant", "acme");
    IllegalStateException boom = new IllegalStateException("disk gone");
    String traceId;
    String spanId;
    try (AutoCloseable request = LogContext.bind("request", 7L);
        Span span = Spans.TRACER.startAsCurrentSpan("work")) {
      traceId = span.traceId();
      spanId = span.spanId();
      log.debug("too_quiet", "n", 1); // below the default level, info: not exported
      log.info(
          "order_placed", "count", 3, "price", 9.5, "express", true, "tags", List.of("a", "b"));
      log.critical("disk_full", "path", "/data", boom);
    }

    List<LogRecordData> records = awaitRecords(2);
    assertThat(records).hasSize(2);
    LogRecordData info = records.get(0);
    assertThat(info.getSeverity()).isEqualTo(Severity.INFO);
    assertThat(info.getSeverityText()).isEqualTo("INFO");
    assertThat(info.getBody().asString()).isEqualTo("order_placed");
    assertThat(eventName(info)).isIn("order_placed", null);
    assertThat(info.getInstrumentationScopeInfo().getName()).isEqualTo("logs.export");
    assertThat(info.getAttributes())
        .isEqualTo(
            Attributes.builder()
                .put(AttributeKey.longKey("request"), 7L)
                .put(AttributeKey.stringKey("tenant"), "acme")
                .put(AttributeKey.longKey("count"), 3L)
                .put(AttributeKey.doubleKey("price"), 9.5)
                .put(AttributeKey.booleanKey("express"), true)
                .put(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                .build());
    assertThat(info.getSpanContext().getTraceId()).isEqualTo(traceId);
    assertThat(info.getSpanContext().getSpanId()).isEqualTo(spanId);

    LogRecordData critical = records.get(1);
    assertThat(critical.getSeverity()).isEqualTo(Severity.FATAL);
    assertThat(critical.getSeverityText()).isEqualTo("CRITICAL");
    assertThat(critical.getBody().asString()).isEqualTo("disk_full");
    Attributes attributes = critical.getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("path"))).isEqualTo("/data");
    assertThat(attributes.get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(attributes.get(AttributeKey.stringKey("exception.message"))).isEqualTo("disk gone");
    assertThat(attributes.get(AttributeKey.stringKey("exception.stacktrace")))
        .startsWith(IllegalStateException.class.getName() + ": disk gone")
        .contains("LogsExportTest");
    assertThat(attributes.get(AttributeKey.stringKey("trace_id")))
        .as("ids are the record's own")
        .isNull();
    assertThat(critical.getSpanContext().getSpanId()).isEqualTo(spanId);
  }

  @Test
  void attributeLimitsFromTheProperties_applyToEveryRecord() {
    assertThat(
            memoryLogs()
                .property("otel.attribute.value.length.limit", "4")
                .property("otel.attribute.count.limit", "2")
                .configure())
        .isTrue();
    LOG.info("first", "user", "alice", "n", 1, "dropped", true);
    LOG.info("second", "user", "bob", "n", 2, "dropped", true);
    List<LogRecordData> records = awaitRecords(2);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).getAttributes().size()).isEqualTo(2);
    assertThat(records.get(0).getAttributes().get(AttributeKey.stringKey("user")))
        .isEqualTo("alic");
    assertThat(records.get(1).getAttributes().size()).isEqualTo(2);
    assertThat(records.get(1).getAttributes().get(AttributeKey.stringKey("user"))).isEqualTo("bob");
  }

  /** The record's event name on SDKs that have one (1.50 and later), else {@code null}. */
  private static String eventName(LogRecordData record) throws Exception {
    Method getter;
    try {
      getter = LogRecordData.class.getMethod("getEventName");
    } catch (NoSuchMethodException olderSdk) {
      return null;
    }
    Object name = getter.invoke(record);
    assertThat(name).as("event name on an SDK that has it").isEqualTo("order_placed");
    return (String) name;
  }

  @Test
  void withoutALogsExporter_nothingIsExported() {
    assertThat(TelemetryConfig.builder().property("otel.traces.exporter", "memory").configure())
        .isTrue();
    LOG.info("not_exported");
    assertThat(stdoutLines()).anyMatch(l -> l.contains("\"not_exported\""));
    // Now one that is exported: once it arrives, the first would have arrived before it.
    TelemetryConfig.shutdown();
    assertThat(memoryLogs().configure()).isTrue();
    LOG.info("exported");
    assertThat(awaitRecords(1)).extracting(r -> r.getBody().asString()).containsExactly("exported");
  }

  @Test
  void afterShutdown_eventsAreNoLongerExported() {
    assertThat(memoryLogs().configure()).isTrue();
    LOG.info("first");
    awaitRecords(1);
    TelemetryConfig.shutdown();
    LOG.info("after_shutdown");
    assertThat(memoryLogs().configure()).isTrue();
    LOG.info("second");
    assertThat(awaitRecords(2))
        .extracting(r -> r.getBody().asString())
        .containsExactly("first", "second");
  }

  @Test
  void jsonLines_areTheSameWithAndWithoutExport() {
    assertThat(TelemetryConfig.builder().property("otel.traces.exporter", "memory").configure())
        .isTrue();
    LOG.info("same_line", "k", 1, "flag", true);
    TelemetryConfig.shutdown();
    assertThat(memoryLogs().configure()).isTrue();
    LOG.info("same_line", "k", 1, "flag", true);
    awaitRecords(1);

    List<String> lines =
        stdoutLines().stream()
            .filter(l -> l.contains("same_line"))
            .map(l -> l.replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"T\""))
            .toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo(lines.get(0));
  }

  @Test
  void logLevelFromTheEnvironment_decidesWhatIsExported() {
    env(Map.of("OPTEL_LOG_LEVEL", "warning", "OTEL_LOGS_EXPORTER", "memory"));
    assertThat(
            TelemetryConfig.builder()
                .property("otel.traces.exporter", "memory")
                .property("otel.blrp.schedule.delay", "10")
                .configure())
        .isTrue();
    LOG.info("quiet");
    LOG.warning("loud");
    assertThat(awaitRecords(1))
        .extracting(LogRecordData::getSeverity)
        .containsExactly(Severity.WARN);
  }

  @Test
  void consoleExporter_printsOneLinePerRecordOnStderr_notStdout() {
    assertThat(
            TelemetryConfig.builder()
                .property("otel.traces.exporter", "memory")
                .logExporters(List.of("console"))
                .configure())
        .isTrue();
    String traceId;
    try (Span span = Spans.TRACER.startAsCurrentSpan("work")) {
      traceId = span.traceId();
      LOG.warning("slow_disk", "ms", 250L, new IllegalStateException("slow"));
    }
    String err = capturedErr.toString(StandardCharsets.UTF_8);
    assertThat(err.lines().filter(l -> l.startsWith("log ")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(
            " WARNING logs.export slow_disk ",
            "ms=250",
            "exception.type=java.lang.IllegalStateException",
            "trace_id=" + traceId)
        .doesNotContain("\tat ");
    assertThat(stdoutLines())
        .noneMatch(l -> l.startsWith("log "))
        .anyMatch(l -> l.contains("\"slow_disk\""));
  }

  private List<String> stdoutLines() {
    return Arrays.asList(capturedOut.toString(StandardCharsets.UTF_8).split("\\R"));
  }
}
