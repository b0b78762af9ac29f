package dev.optel.bench;

import dev.optel.Telemetry;
import dev.optel.TracedHttp;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load run of issue 13 (not JMH, not a test): two client threads send GET requests over
 * loopback for a while without tracing (plain JDK client and handler) and for as long through
 * optel's {@link TracedHttp} client and handler, on an SDK that exports every span with its batch
 * processor (default settings) over OTLP {@code http/protobuf} to a {@link SpanReceiver} in a JVM
 * of its own on the same machine. It prints the requests per second of both, their ratio against
 * the target (with tracing >= 0.9x without), and the spans ended against the spans the receiver
 * decoded.
 *
 * <p>The two modes alternate in three slices each, after a warm-up of both, so that a change of the
 * machine's load during the run falls on both alike. The receiver shares the machine's cores with
 * the load, as a local collector would; its CPU time is not in the figures per request.
 *
 * <p>Usage: {@code LoadRun [seconds per mode, default 30] [summary file]}. Exits with status 1 when
 * a request failed or a traced request did not reach the handler in a span of its trace (the
 * handler's count may exceed the client's by the requests the JDK client retried).
 */
public final class LoadRun {
  private static final int CLIENT_THREADS = 2;
  private static final int SLICES = 3;
  private static final double TARGET = 0.9;

  private LoadRun() {}

  /**
   * Entry point.
   *
   * @param args measured seconds per mode (default 30), then optionally a file for the summary
   * @throws Exception when the setup fails
   */
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 30;
    Path summaryFile = args.length > 1 ? Path.of(args[1]) : null;
    String loadBefore = loadAverage();
    List<String> summary = new ArrayList<>();
    boolean ok;
    try (Receiver receiver = Receiver.start()) {
      EndedSpans ended = new EndedSpans();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(ended)
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpHttpSpanExporter.builder()
                              .setEndpoint(receiver.endpoint() + "/v1/traces")
                              .build())
                      .build())
              .build();
      OpenTelemetrySdk.builder()
          .setTracerProvider(provider)
          .setPropagators(
              ContextPropagators.create(
                  TextMapPropagator.composite(
                      W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
          .buildAndRegisterGlobal();
      Scenario.require("load", Telemetry.hasOpenTelemetry());

      Loopback.Ok handler = new Loopback.Ok();
      Mode plain;
      Mode traced;
      try (Loopback loopback = Loopback.start(CLIENT_THREADS)) {
        loopback.server().createContext("/plain", handler);
        loopback.server().createContext("/traced", TracedHttp.handler(handler));
        plain = new Mode("without tracing", Loopback.newClient(), loopback.request("/plain"));
        traced =
            new Mode(
                "with tracing",
                TracedHttp.client(Loopback.newClient()),
                loopback.request("/traced"));
        double warmUp = Math.min(5, Math.max(0.5, seconds / 6));
        plain.run(warmUp, false);
        traced.run(warmUp, false);
        long handledBefore = handler.handled.sum();
        long tracedBefore = handler.traced.sum();
        for (int i = 0; i < SLICES; i++) {
          plain.run(seconds / SLICES, true);
          traced.run(seconds / SLICES, true);
        }
        long tracedEndToEnd = handler.traced.sum() - tracedBefore;
        long handled = handler.handled.sum() - handledBefore;
        // At least: the JDK client retries a GET whose connection the server closed after
        // handling it, so the handler may count a request twice.
        ok =
            plain.errors.sum() == 0
                && traced.errors.sum() == 0
                && tracedEndToEnd >= traced.requests
                && handled >= plain.requests + traced.requests;
        summary.add(
            String.format(
                Locale.ROOT,
                "load run: %d client threads, %.1f s per mode in"
                    + " %d alternating slices after %.1f s warm-up each; loopback HTTP/1.1; SDK batch"
                    + " processor (defaults) -> OTLP http/protobuf -> local receiver (own JVM)",
                CLIENT_THREADS,
                seconds,
                SLICES,
                warmUp));
        summary.add(plain.line());
        summary.add(traced.line());
        double ratio = traced.perSecond() / plain.perSecond();
        summary.add(
            String.format(
                Locale.ROOT,
                "requests/s with tracing / without: %.2f (target >= %.1fx: %s); traced end to end:"
                    + " %d of %d requests; errors: %d",
                ratio,
                TARGET,
                ratio >= TARGET ? "met" : "MISSED",
                tracedEndToEnd,
                traced.requests,
                plain.errors.sum() + traced.errors.sum()));
      }
      // Exports what is still queued and waits for it; the receiver has decoded it by then.
      provider.shutdown().join(30, TimeUnit.SECONDS);
      long endedSpans = ended.count.sum();
      long[] received = receiver.counts();
      summary.add(
          String.format(
              Locale.ROOT,
              "spans ended: %d, received: %d (%d client, %d server,"
                  + " in %d export requests), lost: %d",
              endedSpans,
              received[0],
              received[1],
              received[2],
              received[3],
              endedSpans - received[0]));
    }
    summary.add("load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAverage());
    summary.forEach(System.out::println);
    if (summaryFile != null) {
      Files.write(summaryFile, summary);
    }
    System.exit(ok ? 0 : 1);
  }

  /** The load averages over 1, 5 and 15 minutes, as {@code uptime} shows them. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (Exception e) {
      return String.format(
          Locale.ROOT,
          "%.2f (1 min)",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** A {@link SpanReceiver} in a child JVM with this JVM's class path. */
  private static final class Receiver implements AutoCloseable {
    private final Process process;
    private final String endpoint;

    private Receiver(Process process, String endpoint) {
      this.process = process;
      this.endpoint = endpoint;
    }

    static Receiver start() throws IOException {
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  SpanReceiver.class.getName())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String line =
          new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      if (line == null || !line.startsWith("port ")) {
        process.destroyForcibly();
        throw new IOException("the receiver did not start: " + line);
      }
      return new Receiver(process, "http://127.0.0.1:" + line.substring(5).trim());
    }

    /** The base endpoint; the exporter's URL is this plus {@code /v1/traces}. */
    String endpoint() {
      return endpoint;
    }

    /** Spans, client spans, server spans and export requests received so far. */
    long[] counts() throws IOException, InterruptedException {
      String body =
          Loopback.newClient()
              .send(
                  HttpRequest.newBuilder(URI.create(endpoint + "/count")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return Arrays.stream(body.trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /** Ends the receiver: closing its standard input stops it. */
    @Override
    public void close() throws IOException {
      process.getOutputStream().close();
      try {
        if (process.waitFor(10, TimeUnit.SECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
    }
  }

  /** One way of sending: a client and its request, with what the measured slices added up to. */
  private static final class Mode {
    final String name;
    final HttpClient client;
    final HttpRequest request;
    final LongAdder errors = new LongAdder();
    long requests;
    long nanos;
    long cpuNanos;

    Mode(String name, HttpClient client, HttpRequest request) {
      this.name = name;
      this.client = client;
      this.request = request;
    }

    /** Sends from {@link #CLIENT_THREADS} threads for {@code seconds}; counts it if measured. */
    void run(double seconds, boolean measured) throws InterruptedException {
      LongAdder done = new LongAdder();
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      long deadline = start + (long) (seconds * 1e9);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < CLIENT_THREADS; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (System.nanoTime() < deadline) {
                    try {
                      Loopback.send(client, request);
                      done.increment();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    } catch (Exception e) {
                      if (errors.sum() == 0) {
                        e.printStackTrace();
                      }
                      errors.increment();
                    }
                  }
                },
                "load-client-" + i);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      if (measured) {
        nanos += System.nanoTime() - start;
        cpuNanos += processCpuNanos() - cpuStart;
        requests += done.sum();
      }
    }

    double perSecond() {
      return requests / (nanos / 1e9);
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-16s %8d requests in %5.1f s = %8.0f requests/s,"
              + " %6.1f us CPU (this JVM) per request",
          name + ":",
          requests,
          nanos / 1e9,
          perSecond(),
          requests == 0 ? Double.NaN : cpuNanos / 1e3 / requests);
    }

    private static long processCpuNanos() {
      return ManagementFactory.getOperatingSystemMXBean()
              instanceof com.sun.management.OperatingSystemMXBean os
          ? os.getProcessCpuTime()
          : 0;
    }
  }

  /** Counts the spans that ended, before the batch processor may drop any. */
  private static final class EndedSpans implements SpanProcessor {
    final LongAdder count = new LongAdder();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      count.increment();
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
