package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.Span;
import dev.optel.StatusCode;
import dev.optel.TelemetryConfig;
import dev.optel.internal.sdk.ConsoleTreeExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code console} exporter through {@code TelemetryConfig}: trees on stderr, bounded. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleExporterTest extends ConfigTestSupport {
  private static final int PENDING_BOUND = ConsoleTreeExporter.MAX_PENDING_SPANS;

  private final ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void captureStdoutAndStderr() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStdoutAndStderr() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  /** Lines printed on standard error. */
  private List<String> lines() {
    return Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\\R"));
  }

  private static int indexOfLineStarting(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with \"" + prefix + "\" in " + lines);
  }

  private long countLinesStarting(String prefix) {
    return lines().stream().filter(l -> l.startsWith(prefix)).count();
  }

  @Test
  void console_printsEachTraceAsAnIndentedTree() {
    assertThat(
            TelemetryConfig.builder()
                .serviceName("console-test")
                .traceExporters(List.of("console"))
                .configure())
        .isTrue();
    String traceId;
    String parentId;
    String childId;
    try (Span parent = Spans.TRACER.startAsCurrentSpan("parent")) {
      parent.setAttribute("answer", 42);
      traceId = parent.traceId();
      parentId = parent.spanId();
      try (Span child = Spans.TRACER.startAsCurrentSpan("child")) {
        child.setAttribute("flag", true);
        childId = child.spanId();
      }
      assertThat(captured.size()).as("nothing printed before the root ends").isZero();
    }
    List<String> lines = lines();
    int trace = indexOfLineStarting(lines, "trace " + traceId);
    assertThat(lines.get(trace)).contains("service=console-test").doesNotContain("incomplete");
    int parent = indexOfLineStarting(lines, "  parent  ");
    int child = indexOfLineStarting(lines, "      child  ");
    assertThat(trace).isLessThan(parent);
    assertThat(parent).isLessThan(child);
    assertThat(lines.get(parent))
        .matches("  parent  \\d+\\.\\d+ (us|ms|s)  UNSET  span=" + parentId);
    assertThat(lines.get(parent + 1)).isEqualTo("    | answer=42");
    assertThat(lines.get(child)).endsWith("span=" + childId);
    assertThat(lines.get(child + 1)).isEqualTo("        | flag=true");
  }

  @Test
  void console_writesToStandardErrorSoThatStandardOutputStaysJsonLines() {
    TelemetryConfig.builder().traceExporters(List.of("console")).configure();
    try (Span span = Spans.TRACER.startSpan("on-stderr")) {
      span.setAttribute("n", 1);
    }
    assertThat(lines()).anyMatch(l -> l.startsWith("  on-stderr  "));
    assertThat(capturedOut.toString(StandardCharsets.UTF_8)).doesNotContain("on-stderr");
  }

  @Test
  void console_showsStatusAndExceptionEvents() {
    TelemetryConfig.builder().traceExporters(List.of("console")).configure();
    assertThatThrownBy(
            () ->
                Spans.TRACER.inSpan(
                    "failing",
                    Map.of(),
                    (Span span) -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);
    try (Span ok = Spans.TRACER.startSpan("fine")) {
      ok.setStatus(StatusCode.OK);
    }
    List<String> lines = lines();
    String failing = lines.get(indexOfLineStarting(lines, "  failing  "));
    assertThat(failing).contains("ERROR").contains("boom");
    String event = lines.get(indexOfLineStarting(lines, "    * exception at +"));
    assertThat(event)
        .contains("exception.type=java.lang.IllegalStateException")
        .contains("exception.message=boom");
    assertThat(lines.get(indexOfLineStarting(lines, "  fine  "))).contains("  OK  ");
  }

  @Test
  void console_printsUnfinishedTracesAtShutdown() {
    TelemetryConfig.builder().traceExporters(List.of("console")).configure();
    Span root = Spans.TRACER.startAsCurrentSpan("never-ends-before-shutdown");
    try {
      try (Span child = Spans.TRACER.startSpan("orphan")) {
        assertThat(child.isRecording()).isTrue();
      }
      assertThat(captured.size()).isZero();
      TelemetryConfig.shutdown();
      assertThat(lines())
          .anyMatch(l -> l.contains("(incomplete"))
          .anyMatch(l -> l.startsWith("  orphan  "));
    } finally {
      root.close();
    }
  }

  @Test
  void console_deepTree_isPrintedWithoutOverflowingTheStackAndWithCappedIndentation() {
    TelemetryConfig.builder().traceExporters(List.of("console")).configure();
    int depth = 5_000;
    List<Span> open = new ArrayList<>();
    try {
      for (int i = 0; i < depth; i++) {
        open.add(Spans.TRACER.startAsCurrentSpan("level-" + i));
      }
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        open.get(i).close();
      }
    }
    List<String> lines = lines();
    assertThat(lines).filteredOn(l -> l.contains("level-")).hasSize(depth);
    // More spans than the exporter holds: the deepest ones come first, as a tree of their own.
    assertThat(lines)
        .anyMatch(l -> l.startsWith("  level-0  "))
        .anyMatch(l -> l.matches(" {66}\\[depth \\d+] level-4999  .*"));
    assertThat(lines)
        .allSatisfy(l -> assertThat(l.length()).as("indentation is capped").isLessThan(200));
  }

  @Test
  void console_childrenEndingAfterTheirRoot_arePrintedWithoutWaitingForShutdown() {
    TelemetryConfig.builder().traceExporters(List.of("console")).configure();
    int traces = PENDING_BOUND + 1000;
    for (int i = 0; i < traces; i++) {
      Span late;
      try (Span root = Spans.TRACER.startAsCurrentSpan("request")) {
        late = Spans.TRACER.startSpan("fire-and-forget");
      }
      late.close();
    }
    assertThat(countLinesStarting("  request  ")).isEqualTo(traces);
    assertThat(countLinesStarting("  fire-and-forget  "))
        .as("printed before shutdown")
        .isGreaterThanOrEqualTo(traces - PENDING_BOUND);
    TelemetryConfig.shutdown();
    assertThat(countLinesStarting("  fire-and-forget  "))
        .as("every one printed, once")
        .isEqualTo(traces);
  }

  @Test
  void console_longLivedRoot_finishedChildrenArePrintedBeforeItEnds() {
    TelemetryConfig.builder().traceExporters(List.of("console")).configure();
    int children = PENDING_BOUND + 1000;
    try (Span root = Spans.TRACER.startAsCurrentSpan("server")) {
      for (int i = 0; i < children; i++) {
        try (Span child = Spans.TRACER.startSpan("handled")) {
          child.setAttribute("i", i);
        }
      }
      assertThat(countLinesStarting("  handled  "))
          .as("printed before the root ends")
          .isGreaterThanOrEqualTo(children - PENDING_BOUND);
      assertThat(lines()).anyMatch(l -> l.startsWith("trace ") && l.contains("(incomplete"));
    }
    assertThat(countLinesStarting("  server  ")).isEqualTo(1);
    assertThat(countLinesStarting("  handled  ") + countLinesStarting("      handled  "))
        .as("every child printed, once")
        .isEqualTo(children);
  }
}
