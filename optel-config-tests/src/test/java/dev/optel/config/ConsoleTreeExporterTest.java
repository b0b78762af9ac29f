package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.internal.sdk.ConsoleTreeExporter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console exporter alone, with a test clock: when held spans are printed; failures. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConsoleTreeExporterTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final AtomicLong clock = new AtomicLong();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private SdkTracerProvider provider;

  private Tracer tracer(ConsoleTreeExporter exporter) {
    provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    return provider.get("console-tree-test");
  }

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
  }

  private List<String> lines() {
    return Arrays.asList(printed.toString(StandardCharsets.UTF_8).split("\\R"));
  }

  private static void childAfterRoot(Tracer tracer, String childName) {
    Span root = tracer.spanBuilder("root").startSpan();
    Span child = tracer.spanBuilder(childName).setParent(Context.root().with(root)).startSpan();
    root.end();
    child.end();
  }

  @Test
  void childEndingAfterItsRoot_isPrintedWhenASpanEndsAfterTheWait() {
    Tracer tracer = tracer(new ConsoleTreeExporter(() -> stream, 100, WAIT, clock::get));
    childAfterRoot(tracer, "fire-and-forget");
    assertThat(lines())
        .anyMatch(l -> l.startsWith("  root  "))
        .noneMatch(l -> l.contains("fire-and-forget"));

    clock.addAndGet(WAIT.toNanos() - 1);
    tracer.spanBuilder("unrelated").startSpan().end();
    assertThat(lines()).as("not yet due").noneMatch(l -> l.contains("fire-and-forget"));

    clock.addAndGet(1);
    tracer.spanBuilder("unrelated").startSpan().end();
    assertThat(lines())
        .anyMatch(l -> l.startsWith("  fire-and-forget  "))
        .anyMatch(
            l ->
                l.startsWith("trace ")
                    && l.endsWith("(incomplete: printed without its root span; held for 10.00 s)"));
  }

  @Test
  void moreSpansWaitingThanTheBound_printsTheOldestTraceFirst() {
    Tracer tracer = tracer(new ConsoleTreeExporter(() -> stream, 2, WAIT, clock::get));
    childAfterRoot(tracer, "first");
    childAfterRoot(tracer, "second");
    assertThat(lines()).noneMatch(l -> l.contains("first") || l.contains("second"));

    childAfterRoot(tracer, "third");
    assertThat(lines())
        .anyMatch(l -> l.startsWith("  first  "))
        .anyMatch(
            l ->
                l.endsWith(
                    "(incomplete: printed without its root span; more than 2 spans"
                        + " were waiting)"))
        .noneMatch(l -> l.contains("second") || l.contains("third"));
  }

  @Test
  void printingFails_isReportedOnceAndNeverThrowsIntoTheCaller() {
    PrintStream broken =
        new PrintStream(OutputStream.nullOutputStream()) {
          @Override
          public void print(String s) {
            throw new IllegalStateException("stream broken");
          }

          @Override
          public void print(Object o) {
            throw new IllegalStateException("stream broken");
          }
        };
    try (LogCapture log = new LogCapture()) {
      Tracer tracer = tracer(new ConsoleTreeExporter(() -> broken, 100, WAIT, clock::get));
      tracer.spanBuilder("one").startSpan().end();
      tracer.spanBuilder("two").startSpan().end();
      assertThat(log.messages(Level.WARNING))
          .singleElement()
          .satisfies(m -> assertThat(m).contains("console exporter").contains("stream broken"));
    }
  }
}
