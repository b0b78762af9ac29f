package dev.optel.configit.apps;

import static org.awaitility.Awaitility.await;

import dev.optel.LoggingFacade;
import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TelemetryConfig;
import dev.optel.TracingFacade;
import dev.optel.configit.harness.ChildOutput;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The application of the soak test: 4 threads end spans and log, at a steady rate, while the test
 * takes the OTLP collector down, up and down again. The phases ({@code down1}, {@code recovering},
 * {@code up}, {@code down2}) are agreed through files in a directory both sides know: this side
 * writes {@code down1-done} and {@code up-done} (holding the number of spans ended in the {@code
 * up} phase), the test writes {@code collector-up}, {@code recovered} (once a {@code recovering}
 * span arrived: the outage's backlog is sent) and {@code collector-down}. A span carries the phase
 * in which it ended ({@code phase}), its thread ({@code worker}) and its number on that thread
 * ({@code seq}).
 *
 * <p>Arguments: the OTLP gRPC endpoint, the directory, the spans per phase (the second outage lasts
 * twice as many; each outage ends more spans than the export queue holds). Reports {@code
 * ended.PHASE}, {@code ended} (all), {@code heap.down1} and {@code heap.down2} (bytes in use after
 * a full GC at the end of each down phase), and {@code escaped} if anything was thrown.
 */
public final class SoakApp {
  private static final int WORKERS = 4;

  /** Each worker ends one span per interval: 1000 spans per second in all. */
  private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

  private static final Duration WAIT = Duration.ofMinutes(2);

  private final TracingFacade tracer = Telemetry.get(SoakApp.class).tracer();
  private final LoggingFacade log = Telemetry.get(SoakApp.class).logger();

  /** Held to end a span in the current phase; taken exclusively to change the phase. */
  private final ReadWriteLock phaseLock = new ReentrantReadWriteLock();

  private final AtomicLong ended = new AtomicLong();
  private volatile Phase phase;
  private volatile boolean stopped;

  /** A phase: its name, spans still to end before it may change, and spans ended in it. */
  private record Phase(String name, CountDownLatch remaining, AtomicLong ended) {
    Phase(String name, int spans) {
      this(name, new CountDownLatch(spans), new AtomicLong());
    }
  }

  private SoakApp() {}

  /** Runs the application; see the class comment for the arguments. */
  public static void main(String[] args) {
    ChildOutput.runAndHalt(
        () -> {
          new SoakApp().run(args[0], Path.of(args[1]), Integer.parseInt(args[2]));
        });
  }

  private void run(String endpoint, Path dir, int spansPerPhase) throws Exception {
    boolean configured =
        TelemetryConfig.builder()
            .serviceName("soak")
            .traceExporters(List.of("otlp"))
            .otlpEndpoint(endpoint)
            .otlpProtocol("grpc")
            .exporterTimeout(Duration.ofSeconds(5))
            // Exported often; the queue holds about 8 s of spans, more than an export may take on a
            // busy machine, so that once the outage's backlog is sent no span is dropped.
            .property("otel.bsp.schedule.delay", "200")
            .property("otel.bsp.max.queue.size", "8192")
            .configure();
    ChildOutput.report("configured", configured);

    phase = new Phase("down1", spansPerPhase);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      long worker = w;
      Thread thread = new Thread(() -> work(worker), "soak-worker-" + w);
      thread.start();
      workers.add(thread);
    }
    Phase down1 = awaitSpans();
    ChildOutput.report("heap.down1", heapAfterGc());
    Files.createFile(dir.resolve("down1-done"));
    awaitFile(dir.resolve("collector-up"));
    // The export queue is still full of the outage's spans, sent first; while it is full, new
    // spans are dropped (the SDK's policy). The test says when the first span of this phase has
    // arrived, so that the queue has room again.
    switchTo(new Phase("recovering", 0));
    awaitFile(dir.resolve("recovered"));
    switchTo(new Phase("up", spansPerPhase));
    Phase up = awaitSpans();
    switchTo(new Phase("down2", 2 * spansPerPhase));
    // Written whole before it appears, so that the test never reads half of it.
    Path upDone = Files.writeString(dir.resolve("up-done.tmp"), Long.toString(up.ended().get()));
    Files.move(upDone, dir.resolve("up-done"), StandardCopyOption.ATOMIC_MOVE);
    awaitFile(dir.resolve("collector-down"));
    Phase down2 = awaitSpans();
    ChildOutput.report("heap.down2", heapAfterGc());

    stopped = true;
    for (Thread worker : workers) {
      worker.join(WAIT.toMillis());
    }
    for (Phase p : List.of(down1, up, down2)) {
      ChildOutput.report("ended." + p.name(), p.ended().get());
    }
    ChildOutput.report("ended", ended.get());
    TelemetryConfig.shutdown();
  }

  private void work(long worker) {
    long next = System.nanoTime();
    for (long seq = 0; !stopped; seq++) {
      phaseLock.readLock().lock();
      try {
        Phase current = phase;
        try (Span span =
            tracer.startAsCurrentSpan(
                "soak.step", Map.of("phase", current.name(), "worker", worker, "seq", seq))) {
          log.info("soak_step", "phase", current.name(), "worker", worker, "seq", seq);
        }
        current.ended().incrementAndGet();
        ended.incrementAndGet();
        current.remaining().countDown();
      } finally {
        phaseLock.readLock().unlock();
      }
      // Keeps the rate steady (a pace, not a wait for anything).
      next += INTERVAL_NANOS;
      LockSupport.parkNanos(next - System.nanoTime());
    }
  }

  /** Waits until the current phase has ended its spans (the workers go on meanwhile). */
  private Phase awaitSpans() throws InterruptedException {
    Phase current = phase;
    if (!current.remaining().await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "phase " + current.name() + " did not end its spans in " + WAIT);
    }
    return current;
  }

  /** Changes the phase while no worker is between reading it and counting its span. */
  private void switchTo(Phase next) {
    phaseLock.writeLock().lock();
    try {
      phase = next;
    } finally {
      phaseLock.writeLock().unlock();
    }
  }

  private static void awaitFile(Path file) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(file));
  }

  private static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
