package dev.optel.configit.apps;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.TracingFacade;
import dev.optel.configit.harness.ChildOutput;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many spans through the {@code console} exporter in whatever heap the test gives. Standard error
 * (where the exporter prints) is replaced by a stream that only counts the span lines by name, so
 * that the output costs the test nothing; the counts are reported on standard output at the end.
 *
 * <p>Arguments {@code key=value}: {@code count} and {@code shape}, one of {@code late} ({@code
 * count} traces of a {@code request} root whose {@code late} child ends after it, fire-and-forget
 * style) or {@code long} (one {@code server} root that ends after its {@code count} {@code handled}
 * children). Reports {@code lines.NAME} per span name, {@code incomplete} (trace headers printed
 * without their root), and {@code escaped} if anything was thrown.
 */
public final class ConsoleLoadApp {
  private ConsoleLoadApp() {}

  /** Runs the application; see the class comment for the arguments. */
  public static void main(String[] args) {
    Map<String, String> options = new TreeMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int count = Integer.parseInt(options.get("count"));
    LineCounter counter = new LineCounter();
    int exit = 0;
    try {
      System.setErr(new PrintStream(counter, true, StandardCharsets.UTF_8));
      TelemetryConfig.builder()
          .serviceName("console-load")
          .traceExporters(List.of("console"))
          .configure();
      TracingFacade tracer = Telemetry.get(ConsoleLoadApp.class).tracer();
      if (options.get("shape").equals("late")) {
        for (int i = 0; i < count; i++) {
          Span late;
          try (Span root = tracer.startAsCurrentSpan("request")) {
            late = tracer.startSpan("late");
          }
          late.close();
        }
      } else {
        try (Span root = tracer.startAsCurrentSpan("server")) {
          for (int i = 0; i < count; i++) {
            tracer.startSpan("handled").close();
          }
        }
      }
      TelemetryConfig.shutdown();
    } catch (Throwable t) {
      ChildOutput.report("escaped", t);
      exit = 1;
    }
    synchronized (counter) {
      counter.spanLines.forEach((name, n) -> ChildOutput.report("lines." + name, n));
      ChildOutput.report("incomplete", counter.incomplete);
    }
    System.out.flush();
    Runtime.getRuntime().halt(exit);
  }

  /** Counts the lines of the trees by span name, keeping only the start of the current line. */
  private static final class LineCounter extends OutputStream {
    private final StringBuilder line = new StringBuilder();
    final Map<String, Long> spanLines = new TreeMap<>();
    long incomplete;

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        count(line.toString().strip());
        line.setLength(0);
      } else if (line.length() < 200) {
        line.append((char) b);
      }
    }

    private void count(String text) {
      if (text.startsWith("trace ")) {
        if (text.contains("(incomplete")) {
          incomplete++;
        }
      } else if (!text.isEmpty() && !text.startsWith("|") && !text.startsWith("*")) {
        int end = text.indexOf("  ");
        spanLines.merge(end < 0 ? text : text.substring(0, end), 1L, Long::sum);
      }
    }
  }
}
