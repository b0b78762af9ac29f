package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.Span;
import dev.optel.StatusCode;
import dev.optel.TelemetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleExporterTest extends ConfigTestSupport {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;

  @BeforeEach
  void captureStdout() {
    original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStdout() {
    System.setOut(original);
  }

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

  @Test
  void console_printsEachTraceAsAnIndentedTree() {
    assertThat(TelemetryConfig.builder().serviceName("console-test")
        .traceExporters(List.of("console")).configure()).isTrue();
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
    assertThat(lines.get(trace)).contains("service=console-test");
    int parent = indexOfLineStarting(lines, "  parent  ");
    int child = indexOfLineStarting(lines, "      child  ");
    assertThat(trace).isLessThan(parent);
    assertThat(parent).isLessThan(child);
    assertThat(lines.get(parent)).matches("  parent  \\d+\\.\\d+ (us|ms|s)  UNSET  span="
        + parentId);
    assertThat(lines.get(parent + 1)).isEqualTo("    | answer=42");
    assertThat(lines.get(child)).endsWith("span=" + childId);
    assertThat(lines.get(child + 1)).isEqualTo("        | flag=true");
  }

  @Test
  void console_showsStatusAndExceptionEvents() {
    TelemetryConfig.builder().traceExporters(List.of("console")).configure();
    assertThatThrownBy(() -> Spans.TRACER.inSpan("failing", Map.of(), (Span span) -> {
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    try (Span ok = Spans.TRACER.startSpan("fine")) {
      ok.setStatus(StatusCode.OK);
    }
    List<String> lines = lines();
    String failing = lines.get(indexOfLineStarting(lines, "  failing  "));
    assertThat(failing).contains("ERROR").contains("boom");
    String event = lines.get(indexOfLineStarting(lines, "    * exception at +"));
    assertThat(event).contains("exception.type=java.lang.IllegalStateException")
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
      assertThat(lines()).anyMatch(l -> l.contains("(incomplete"))
          .anyMatch(l -> l.startsWith("  orphan  "));
    } finally {
      root.close();
    }
  }
}
