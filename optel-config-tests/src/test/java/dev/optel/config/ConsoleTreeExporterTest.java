package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.internal.sdk.ConsoleTreeExporter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
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
    return tracer(SimpleSpanProcessor.create(exporter));
  }

  private Tracer tracer(SpanProcessor processor) {
    provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
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

  /** A CLIENT span and the SERVER span of a service in the same process, as TracedHttp makes. */
  private static Span[] clientAndServer(Tracer tracer) {
    Span client = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan();
    SpanContext sent =
        SpanContext.createFromRemoteParent(
            client.getSpanContext().getTraceId(),
            client.getSpanContext().getSpanId(),
            TraceFlags.getSampled(),
            TraceState.getDefault());
    Span server =
        tracer
            .spanBuilder("GET /orders")
            .setSpanKind(SpanKind.SERVER)
            .setParent(Context.root().with(Span.wrap(sent)))
            .startSpan();
    tracer.spanBuilder("load").setParent(Context.root().with(server)).startSpan().end();
    return new Span[] {client, server};
  }

  private void assertNested(Span[] pair) {
    String client = pair[0].getSpanContext().getSpanId();
    String server = pair[1].getSpanContext().getSpanId();
    assertThat(lines()).filteredOn(l -> l.startsWith("trace ")).hasSize(1);
    assertThat(lines())
        .anyMatch(l -> l.startsWith("  GET  ") && l.endsWith("client  span=" + client))
        .anyMatch(l -> l.startsWith("      GET /orders  ") && l.endsWith("server  span=" + server))
        .anyMatch(l -> l.startsWith("          load  "))
        .noneMatch(l -> l.contains("remote-parent"));
  }

  @Test
  void aServerSpanWhoseRemoteParentIsALocalClientSpan_isPrintedUnderIt_serverEndingFirst() {
    ConsoleTreeExporter exporter = new ConsoleTreeExporter(() -> stream, 100, WAIT, clock::get);
    Tracer tracer = tracer(exporter.processor());
    Span[] pair = clientAndServer(tracer);
    pair[1].end();
    assertThat(printed.size()).as("the server span waits for its client").isZero();
    pair[0].end();
    assertNested(pair);
  }

  @Test
  void aServerSpanWhoseRemoteParentIsALocalClientSpan_isPrintedUnderIt_clientEndingFirst() {
    ConsoleTreeExporter exporter = new ConsoleTreeExporter(() -> stream, 100, WAIT, clock::get);
    Tracer tracer = tracer(exporter.processor());
    Span[] pair = clientAndServer(tracer);
    pair[0].end();
    assertThat(printed.size()).as("the client's tree waits for the open server span").isZero();
    pair[1].end();
    assertNested(pair);
  }

  @Test
  void aServerSpanThatOutlivesTheWait_letsItsClientsTreeGoWithoutIt() {
    ConsoleTreeExporter exporter = new ConsoleTreeExporter(() -> stream, 100, WAIT, clock::get);
    Tracer tracer = tracer(exporter.processor());
    Span[] pair = clientAndServer(tracer);
    pair[0].end();
    clock.addAndGet(WAIT.toNanos());
    tracer.spanBuilder("unrelated").startSpan().end();
    assertThat(lines())
        .anyMatch(l -> l.startsWith("  GET  "))
        .noneMatch(l -> l.contains("incomplete"))
        .noneMatch(l -> l.contains("GET /orders"));
    pair[1].end();
    clock.addAndGet(WAIT.toNanos());
    tracer.spanBuilder("unrelated").startSpan().end();
    assertThat(lines())
        .anyMatch(l -> l.startsWith("  GET /orders  ") && l.contains("remote-parent="));
  }

  @Test
  void aTrulyRemoteParent_keepsTheServerSpanARootWithItsRemoteParent() {
    ConsoleTreeExporter exporter = new ConsoleTreeExporter(() -> stream, 100, WAIT, clock::get);
    Tracer tracer = tracer(exporter.processor());
    SpanContext remote =
        SpanContext.createFromRemoteParent(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    tracer
        .spanBuilder("GET /orders")
        .setSpanKind(SpanKind.SERVER)
        .setParent(Context.root().with(Span.wrap(remote)))
        .startSpan()
        .end();
    assertThat(lines())
        .anyMatch(
            l ->
                l.startsWith("  GET /orders  ")
                    && l.contains("  server  span=")
                    && l.endsWith(" remote-parent=b7ad6b7169203331"));
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
