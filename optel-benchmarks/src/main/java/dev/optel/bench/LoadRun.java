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
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load run of issue 13 (not JMH, not a test): two client threads send GET requests over
 * loopback for a while without tracing (plain JDK client and handler) and for as long through
 * optel's {@link TracedHttp} client and handler, on an SDK that exports every span with its batch
 * processor (the SDK's defaults but a larger queue) over OTLP {@code http/protobuf} to a {@link
 * SpanReceiver} in a JVM of its own on the same machine. It prints the requests per second of both,
 * their ratio against the target (with tracing >= 0.9x without), the CPU time per request (the
 * exporter's threads, the JIT compilers and the receiver apart), and the spans ended against the
 * spans the receiver counted.
 *
 * <p>The two modes alternate in pairs of short slices (about 1 s each), in ABBA order, after a
 * warm-up of both, so that a change of the machine's load during the run falls on both alike; the
 * ratio is the median of the pairs' ratios, so that a pair spoilt by a burst of load, a late
 * compilation or a long GC does not move it. A traced slice ends when the spans it made are
 * exported (its exporter's backlog is not left to the plain slice after it). The warm-up lasts
 * until the JIT compilers take less than 5 % of the JVM's CPU time twice in a row (at most twice
 * the measured time): on two loaded cores C2 compiles the HTTP code for a minute, and a run that
 * measured that would measure the compiler. The receiver shares the machine's cores with the load,
 * as a local collector would; its CPU time is not in the figures per request but shown beside them,
 * and it is in the CPU ratio.
 *
 * <p>Each mode's CPU time, wake-ups and allocation per request are also split by thread group
 * ({@link Group}): the same work allocates the same in both modes, so a group whose allocation is
 * unchanged but whose CPU time grows runs the same code slower, rather than doing more.
 *
 * <p>Usage: {@code LoadRun [seconds per mode, default 30] [summary file]}. Exits with status 1 when
 * a request failed or a traced request did not reach the handler in a span of its trace (the
 * handler's count may exceed the client's by the requests the JDK client retried).
 */
public final class LoadRun {
  private static final int CLIENT_THREADS = 2;
  private static final double TARGET = 0.9;

  /**
   * The length of a measured slice, about: many short pairs rather than a few long ones, so that a
   * burst of the machine's load, a late compilation or a long GC spoils one pair of the median.
   */
  private static final double SLICE_SECONDS = 1;

  /**
   * The JIT compilers' share of the CPU time below which, twice in a row, the warm-up ends: with
   * one round below a tenth, C2 still took 20-60 us per request in some measured slices.
   */
  private static final double WARM_JIT_SHARE = 0.05;

  /** Pairs at the least (short smoke runs). */
  private static final int MIN_PAIRS = 3;

  /** Spans per export; the SDK's default is 512 ({@code OTEL_BSP_MAX_EXPORT_BATCH_SIZE}). */
  private static final int BATCH_SIZE = 512;

  /** The batch processor's queue; the SDK's default is 2048 ({@code OTEL_BSP_MAX_QUEUE_SIZE}). */
  private static final int QUEUE_SIZE = 16_384;

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
      Set<String> before = threadNames();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(ended)
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpHttpSpanExporter.builder()
                              .setEndpoint(receiver.endpoint() + "/v1/traces")
                              .build())
                      // The SDK's defaults (OTEL_BSP_*) except the queue: 2048 spans last
                      // 0.2 s at 10,000 spans/s, less than an export's round trip takes
                      // when the cores are saturated, and the overflow is dropped.
                      .setMaxQueueSize(QUEUE_SIZE)
                      .setMaxExportBatchSize(BATCH_SIZE)
                      .setScheduleDelay(Duration.ofSeconds(5))
                      .setExporterTimeout(Duration.ofSeconds(30))
                      .build())
              .build();
      OpenTelemetrySdk.builder()
          .setTracerProvider(provider)
          .setPropagators(
              ContextPropagators.create(
                  TextMapPropagator.composite(
                      W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
          .buildAndRegisterGlobal();
      // The exporter's threads: those its setup started (the batch processor's worker, the JDK
      // sender's selector), and those its senders start later, by name.
      Threads threads = new Threads();
      threads.exporter(newThreads(before));
      Scenario.require("load", Telemetry.hasOpenTelemetry());

      Loopback.Ok handler = new Loopback.Ok();
      Mode plain;
      Mode traced;
      try (Loopback loopback = Loopback.start(CLIENT_THREADS)) {
        loopback.server().createContext("/plain", handler);
        loopback.server().createContext("/traced", TracedHttp.handler(handler));
        // Each client's threads (its selector, then its pool's workers) by their names' prefix.
        Set<String> beforeClients = threadNames();
        HttpClient plainClient = Loopback.newClient();
        threads.client(newThreads(beforeClients));
        beforeClients = threadNames();
        HttpClient tracedClient = Loopback.newClient();
        threads.client(newThreads(beforeClients));
        plain =
            new Mode(
                "without tracing",
                plainClient,
                loopback.request("/plain"),
                receiver,
                threads,
                () -> {});
        // A traced slice (its time and CPU) ends when the spans it made are exported and received:
        // the
        // backlog is the traced mode's work, not a load on the plain slice that follows.
        traced =
            new Mode(
                "with tracing",
                TracedHttp.client(tracedClient),
                loopback.request("/traced"),
                receiver,
                threads,
                () -> provider.forceFlush().join(30, TimeUnit.SECONDS));
        double warmUp = warmUp(plain, traced, seconds);
        long handledBefore = handler.handled.sum();
        long tracedBefore = handler.traced.sum();
        int pairs = Math.max(MIN_PAIRS, (int) Math.round(seconds / SLICE_SECONDS));
        double slice = seconds / pairs;
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
          // ABBA: each mode runs first in half of the pairs, so that neither always follows the
          // other (the exporter's and the collector's leftovers, a GC the other mode provoked).
          Mode first = i % 2 == 0 ? plain : traced;
          Mode second = i % 2 == 0 ? traced : plain;
          Slice a = first.run(slice, true);
          Slice b = second.run(slice, true);
          Slice p = first == plain ? a : b;
          Slice t = first == plain ? b : a;
          ratios.add(t.perSecond() / p.perSecond());
          cpuRatios.add(p.machineCpuPerRequest() / t.machineCpuPerRequest());
          System.out.printf(
              Locale.ROOT,
              "pair %2d: %7.0f -> %7.0f requests/s (%.2f), %6.1f -> %6.1f us CPU per request"
                  + " (%.2f), JIT %5.1f / %5.1f us, load %s%n",
              i + 1,
              p.perSecond(),
              t.perSecond(),
              ratios.get(i),
              p.machineCpuPerRequest() / 1e3,
              t.machineCpuPerRequest() / 1e3,
              cpuRatios.get(i),
              p.jitPerRequest() / 1e3,
              t.jitPerRequest() / 1e3,
              loadAverage());
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
                "load run: %d client threads, %.1f s per mode in %d alternating pairs of"
                    + " %.1f s slices (ABBA) after %.1f s warm-up each (JIT %.0f %% of the CPU in"
                    + " its last slices); loopback HTTP/1.1; SDK batch processor (queue %d, batch"
                    + " %d, delay 5 s) -> OTLP http/protobuf (%s sender) -> local receiver (own"
                    + " JVM); a traced slice (time and CPU) ends when its spans are exported",
                CLIENT_THREADS,
                seconds,
                pairs,
                slice,
                warmUp,
                lastWarmUpJitShare * 100,
                QUEUE_SIZE,
                BATCH_SIZE,
                sender()));
        summary.add(plain.line());
        summary.add(traced.line());
        summary.add(plain.split());
        summary.add(traced.split());
        double ratio = median(ratios);
        summary.add(
            String.format(
                Locale.ROOT,
                "requests/s with tracing / without, median of the pairs: %.2f (target >= %.1fx:"
                    + " %s; pairs %.2f-%.2f, totals %.2f); traced end to end: %d of %d requests;"
                    + " errors: %d",
                ratio,
                TARGET,
                ratio >= TARGET ? "met" : "MISSED",
                Collections.min(ratios),
                Collections.max(ratios),
                traced.perSecond() / plain.perSecond(),
                tracedEndToEnd,
                traced.requests,
                plain.errors.sum() + traced.errors.sum()));
        // On a shared machine the requests per second of a closed loop also measure how long
        // each hand-over between threads waits for a core; CPU time per request does not.
        summary.add(
            String.format(
                Locale.ROOT,
                "CPU per request (this JVM with its JIT, and the receiver) without / with tracing,"
                    + " median of the pairs: %.2f (the requests/s ratio where the load has the"
                    + " cores to itself; pairs %.2f-%.2f); this JVM used %.2f and %.2f cores",
                median(cpuRatios),
                Collections.min(cpuRatios),
                Collections.max(cpuRatios),
                plain.coresUsed(),
                traced.coresUsed()));
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

  /** The JIT compilers' share of the JVM's CPU time in the last warm-up slice of both modes. */
  private static double lastWarmUpJitShare = Double.NaN;

  /**
   * Runs both modes, unmeasured, in alternating slices until the JIT compilers' share of the CPU
   * time falls below {@link #WARM_JIT_SHARE} twice in a row, or for at most twice {@code seconds};
   * returns the seconds per mode.
   */
  private static double warmUp(Mode plain, Mode traced, double seconds)
      throws InterruptedException {
    double slice = Math.min(2, Math.max(0.25, seconds / 15));
    double spent = 0;
    int below = 0;
    do {
      long jit = JitCpu.nanos();
      long cpu = Mode.processCpuNanos();
      plain.run(slice, false);
      traced.run(slice, false);
      traced.run(slice, false);
      plain.run(slice, false);
      spent += 2 * slice;
      long used = Mode.processCpuNanos() - cpu;
      lastWarmUpJitShare = used <= 0 ? 0 : (double) (JitCpu.nanos() - jit) / used;
      below = lastWarmUpJitShare < WARM_JIT_SHARE ? below + 1 : 0;
    } while (below < 2 && spent < 2 * seconds);
    return spent;
  }

  /** The OTLP exporter's HTTP sender on this class path: the JDK's or OkHttp. */
  private static String sender() {
    try {
      Class.forName("io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");
      return "JDK HttpClient";
    } catch (ClassNotFoundException e) {
      return "OkHttp";
    }
  }

  /** The median of {@code values} (not empty). */
  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * The names of this JVM's live threads. Java's names, not {@code /proc}'s: a thread just started
   * may not have given the kernel its name yet.
   */
  private static Set<String> threadNames() {
    Set<String> names = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.add(t.getName());
    }
    return names;
  }

  /** The names of the live threads that were not among {@code before}. */
  private static Set<String> newThreads(Set<String> before) {
    Set<String> started = threadNames();
    started.removeAll(before);
    return started;
  }

  /**
   * The groups of threads that a request's CPU time is split into, to see which grows with tracing.
   */
  enum Group {
    /**
     * The two threads that call {@code send} (measured by themselves: they end with each slice).
     */
    CALLERS("callers"),
    /** The application's {@code HttpClient}: its selector thread. */
    CLIENT_SELECTOR("client selector"),
    /** The application's {@code HttpClient}: its executor's threads. */
    CLIENT_WORKERS("client workers"),
    /** The {@code HttpServer}'s dispatcher thread (accepts, selects the connections ready). */
    SERVER_DISPATCHER("server dispatcher"),
    /** The {@code HttpServer}'s handler pool, where the handler (and optel's wrapper) runs. */
    SERVER_HANDLERS("server handlers"),
    /** The batch span processor's worker and the OTLP sender's threads. */
    EXPORTER("exporter"),
    /** The garbage collector's threads and the VM thread (safepoint operations). */
    GC("GC and VM thread"),
    /** The JIT compilers. */
    JIT("JIT"),
    /** Any other thread (the main thread, which waits for the exporter's flush, ...). */
    OTHER("other");

    final String label;

    Group(String label) {
      this.label = label;
    }
  }

  /**
   * Which {@link Group} a thread is in, by its name as {@code /proc} has it (cut to 15 characters).
   */
  private static final class Threads {
    private final List<String> exporterPrefixes = new ArrayList<>();
    private final List<String> clientPrefixes = new ArrayList<>();

    /**
     * The threads that building the exporter started: the batch processor's worker and the JDK
     * sender's client (whose pool threads start later with the same prefix).
     */
    void exporter(Set<String> started) {
      for (String name : started) {
        exporterPrefixes.add(name.substring(0, Math.min(15, name.length())));
        prefix(name, exporterPrefixes);
      }
    }

    /** The threads that building an application's client started (its selector). */
    void client(Set<String> started) {
      started.forEach(name -> prefix(name, clientPrefixes));
    }

    /** {@code HttpClient-<n>-} of a JDK client's thread name, whose pool threads share it. */
    private static void prefix(String name, List<String> prefixes) {
      int dash = name.indexOf('-', "HttpClient-".length());
      if (name.startsWith("HttpClient-") && dash > 0) {
        prefixes.add(name.substring(0, dash + 1));
      }
    }

    Group of(String name) {
      if (name.startsWith("jdkhttp")
          || name.toLowerCase(Locale.ROOT).startsWith("okhttp")
          || exporterPrefixes.stream().anyMatch(name::startsWith)) {
        return Group.EXPORTER;
      }
      if (clientPrefixes.stream().anyMatch(name::startsWith)) {
        // "HttpClient-<n>-SelectorManager", cut to 15 characters
        return name.contains("-Se") ? Group.CLIENT_SELECTOR : Group.CLIENT_WORKERS;
      }
      if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
        return Group.JIT;
      }
      if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
        return Group.GC;
      }
      if (name.equals("HTTP-Dispatcher")) {
        return Group.SERVER_DISPATCHER;
      }
      if (name.startsWith("bench-http-serv")) {
        return Group.SERVER_HANDLERS;
      }
      return name.startsWith("load-client") ? Group.CALLERS : Group.OTHER;
    }
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
                  // C1 only and the serial collector: the receiver reaches its speed at once
                  // and takes no more of the cores for compiling and collecting than it must.
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
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

    /** The receiver process's CPU time so far, in nanoseconds; 0 where the OS does not say. */
    long cpuNanos() {
      return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
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

  /** What one slice of a mode measured; the totals of a mode are a slice as well. */
  private static class Slice {
    long requests;
    long nanos;
    long cpuNanos;
    long exporterCpuNanos;
    long receiverCpuNanos;
    long jitCpuNanos;
    long drainNanos;
    int slices;

    /**
     * CPU time by {@link Group}, to the nanosecond ({@code schedstat}); their sum differs from the
     * process's CPU time, which the kernel samples in ticks and which keeps ended threads' time.
     */
    final long[] groupNanos = new long[Group.values().length];

    /**
     * Times the threads of each {@link Group} were scheduled in (woken or preempted and resumed).
     */
    final long[] groupSwitches = new long[Group.values().length];

    /**
     * Bytes allocated by the Java threads of each {@link Group}: unlike CPU time, the same work
     * allocates the same on a loaded machine as on a quiet one.
     */
    final long[] groupBytes = new long[Group.values().length];

    void add(Slice s) {
      for (int g = 0; g < groupNanos.length; g++) {
        groupNanos[g] += s.groupNanos[g];
        groupSwitches[g] += s.groupSwitches[g];
        groupBytes[g] += s.groupBytes[g];
      }
      drainNanos += s.drainNanos;
      slices++;
      requests += s.requests;
      nanos += s.nanos;
      cpuNanos += s.cpuNanos;
      exporterCpuNanos += s.exporterCpuNanos;
      receiverCpuNanos += s.receiverCpuNanos;
      jitCpuNanos += s.jitCpuNanos;
    }

    double perSecond() {
      return requests / (nanos / 1e9);
    }

    /** CPU nanoseconds per request of this JVM, its JIT included, and of the receiver. */
    double machineCpuPerRequest() {
      return (double) (cpuNanos + jitCpuNanos + receiverCpuNanos) / requests;
    }

    double jitPerRequest() {
      return (double) jitCpuNanos / requests;
    }
  }

  /** One way of sending: a client and its request, with what the measured slices added up to. */
  private static final class Mode extends Slice {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    final String name;
    final HttpClient client;
    final HttpRequest request;
    final Receiver receiver;
    final Threads threads;
    final Runnable drain;
    final LongAdder errors = new LongAdder();

    Mode(
        String name,
        HttpClient client,
        HttpRequest request,
        Receiver receiver,
        Threads threads,
        Runnable drain) {
      this.name = name;
      this.client = client;
      this.request = request;
      this.receiver = receiver;
      this.threads = threads;
      this.drain = drain;
    }

    /**
     * Sends from {@link #CLIENT_THREADS} threads for {@code seconds}, then drains what the slice
     * left to export (in the slice's CPU time, not in its requests' time); adds the slice to the
     * totals if measured.
     */
    Slice run(double seconds, boolean measured) throws InterruptedException {
      LongAdder done = new LongAdder();
      LongAdder callerNanos = new LongAdder();
      LongAdder callerSwitches = new LongAdder();
      LongAdder callerBytes = new LongAdder();
      Map<Long, Allocated> allocatedStart = allocated();
      Map<Integer, ThreadCpu.Usage> threadsStart = ThreadCpu.read();
      long receiverStart = receiver.cpuNanos();
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
                  // These threads end with the slice, and their time with them.
                  ThreadCpu.Usage own = ThreadCpu.current();
                  if (own != null) {
                    callerNanos.add(own.nanos());
                    callerSwitches.add(own.switches());
                  }
                  callerBytes.add(THREADS.getCurrentThreadAllocatedBytes());
                },
                "load-client-" + i);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      // Exporting what the requests left queued counts in the slice's time as well as its CPU:
      // in a steady state the exporter competes with the requests for the cores; counting its
      // tail here (a few ms per slice) errs against the traced mode, never for it.
      long sent = System.nanoTime();
      drain.run();
      Slice slice = new Slice();
      slice.nanos = System.nanoTime() - start;
      slice.drainNanos = slice.nanos - (sent - start);
      long process = processCpuNanos() - cpuStart;
      slice.receiverCpuNanos = receiver.cpuNanos() - receiverStart;
      split(slice, threadsStart, ThreadCpu.read());
      allocated()
          .forEach(
              (id, a) -> {
                Allocated before = allocatedStart.get(id);
                slice.groupBytes[this.threads.of(a.name()).ordinal()] +=
                    a.bytes() - (before == null ? 0 : before.bytes());
              });
      slice.groupBytes[Group.CALLERS.ordinal()] += callerBytes.sum();
      slice.groupNanos[Group.CALLERS.ordinal()] += callerNanos.sum();
      slice.groupSwitches[Group.CALLERS.ordinal()] += callerSwitches.sum();
      slice.jitCpuNanos = slice.groupNanos[Group.JIT.ordinal()];
      slice.cpuNanos = process - slice.jitCpuNanos;
      slice.exporterCpuNanos = slice.groupNanos[Group.EXPORTER.ordinal()];
      slice.requests = done.sum();
      if (measured) {
        add(slice);
      }
      return slice;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-16s %8d requests in %5.1f s = %8.0f requests/s,"
              + " %6.1f us CPU per request (this JVM but its JIT), of which exporter %5.1f us;"
              + " JIT %5.1f us; receiver (own JVM) %5.1f us; draining the exporter after a slice:"
              + " %.1f ms",
          name + ":",
          requests,
          nanos / 1e9,
          perSecond(),
          perRequest(cpuNanos),
          perRequest(exporterCpuNanos),
          perRequest(jitCpuNanos),
          perRequest(receiverCpuNanos),
          slices == 0 ? Double.NaN : drainNanos / 1e6 / slices);
    }

    /** This JVM's CPU time, its JIT included, over the measured time. */
    double coresUsed() {
      return (double) (cpuNanos + jitCpuNanos) / nanos;
    }

    private double perRequest(long cpu) {
      return requests == 0 ? Double.NaN : cpu / 1e3 / requests;
    }

    /**
     * Adds what the threads alive at the end used since the start to their groups (all of it for a
     * thread started in between). A pooled thread that ended in between takes its time with it (the
     * JDK client's and sender's pools keep idle threads for a minute).
     */
    private void split(
        Slice slice, Map<Integer, ThreadCpu.Usage> start, Map<Integer, ThreadCpu.Usage> end) {
      end.forEach(
          (tid, u) -> {
            ThreadCpu.Usage s = start.get(tid);
            int g = threads.of(u.name()).ordinal();
            slice.groupNanos[g] += u.nanos() - (s == null ? 0 : s.nanos());
            slice.groupSwitches[g] += u.switches() - (s == null ? 0 : s.switches());
          });
    }

    /** CPU time, times scheduled in and bytes allocated, per request, by thread group. */
    String split() {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%-16s per request by thread: us CPU (times scheduled in; KB allocated):",
                  name + ":"));
      String sep = " ";
      for (Group g : Group.values()) {
        line.append(
            String.format(
                Locale.ROOT,
                "%s%s %.1f (%.2f; %.2f)",
                sep,
                g.label,
                perRequest(groupNanos[g.ordinal()]),
                (double) groupSwitches[g.ordinal()] / requests,
                groupBytes[g.ordinal()] / 1024.0 / requests));
        sep = ", ";
      }
      return line.toString();
    }

    /** A Java thread's name, cut as {@code /proc} cuts it, and the bytes it allocated so far. */
    private record Allocated(String name, long bytes) {}

    /** The bytes each live Java thread allocated so far, by thread id. */
    private static Map<Long, Allocated> allocated() {
      Map<Long, Allocated> out = new HashMap<>();
      long[] ids = THREADS.getAllThreadIds();
      long[] bytes = THREADS.getThreadAllocatedBytes(ids);
      ThreadInfo[] infos = THREADS.getThreadInfo(ids);
      for (int i = 0; i < ids.length; i++) {
        if (infos[i] != null && bytes[i] >= 0) {
          String name = infos[i].getThreadName();
          out.put(ids[i], new Allocated(name.substring(0, Math.min(15, name.length())), bytes[i]));
        }
      }
      return out;
    }

    static long processCpuNanos() {
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
