package dev.optel.bench;

import dev.optel.Telemetry;
import dev.optel.TracedHttp;
import io.opentelemetry.instrumentation.javahttpclient.JavaHttpClientTelemetry;
import io.opentelemetry.instrumentation.javahttpserver.JavaHttpServerTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Class path "http": one GET over loopback (JDK {@link HttpClient} to a JDK {@code HttpServer} on
 * 127.0.0.1, HTTP/1.1, keep-alive), uninstrumented ({@code plain}, the baseline), through optel's
 * {@link TracedHttp#client} and {@link TracedHttp#handler} ({@code optel}), and through
 * OpenTelemetry's {@code opentelemetry-java-http-client} and {@code -http-server} instrumentation
 * ({@code otel}), both on the same SDK ({@link BenchSdk}: batch processor, discarding exporter, W3C
 * propagators). Each traced request makes a {@code CLIENT} and a {@code SERVER} span and carries
 * {@code traceparent}; the server's handler checks that it ran in a span of that trace.
 *
 * <p>Two client threads, as in {@link LoadRun}, and two handler threads; five warm-up seconds,
 * since a request runs much more code (client, server, selector) than the other benchmarks. The
 * table compares what each instrumentation adds to the baseline, on the CPU time of the whole JVM
 * but its JIT compilers per request (the work is spread over the client, the server's threads and
 * the HTTP client's selector thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class HttpBench {
  private static final OpenTelemetrySdk SDK = BenchSdk.SDK;

  private Loopback loopback;
  private final Loopback.Ok handler = new Loopback.Ok();
  private HttpClient plainClient;
  private HttpClient optelClient;
  private HttpClient otelClient;
  private HttpRequest plainRequest;
  private HttpRequest optelRequest;
  private HttpRequest otelRequest;

  /** Starts the server with one context per variant and builds the three clients. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Scenario.require("http", Telemetry.hasOpenTelemetry() && !Telemetry.hasStructuredLogging());
    loopback = Loopback.start(2);
    loopback.server().createContext("/plain", handler);
    loopback.server().createContext("/optel", TracedHttp.handler(handler));
    JavaHttpServerTelemetry.create(SDK)
        .configure(loopback.server().createContext("/otel", handler));
    plainClient = Loopback.newClient();
    optelClient = TracedHttp.client(Loopback.newClient());
    otelClient = JavaHttpClientTelemetry.create(SDK).newHttpClient(Loopback.newClient());
    plainRequest = loopback.request("/plain");
    optelRequest = loopback.request("/optel");
    otelRequest = loopback.request("/otel");
  }

  /** Fails the run unless every traced request was traced end to end, and no plain one was. */
  @TearDown(Level.Iteration)
  public void check(BenchmarkParams params) {
    long handled = handler.handled.sumThenReset();
    long traced = handler.traced.sumThenReset();
    boolean plain = params.getBenchmark().endsWith(".plain");
    if (handled == 0 || traced != (plain ? 0 : handled)) {
      throw new IllegalStateException(traced + " of " + handled + " requests traced end to end");
    }
  }

  /** Stops the server. */
  @TearDown(Level.Trial)
  public void tearDown() {
    loopback.close();
  }

  /** The baseline: no instrumentation. */
  @Benchmark
  public int plain() throws IOException, InterruptedException {
    return Loopback.send(plainClient, plainRequest);
  }

  /** optel's {@code TracedHttp} client and handler. */
  @Benchmark
  public int optel() throws IOException, InterruptedException {
    return Loopback.send(optelClient, optelRequest);
  }

  /** The anchor: OpenTelemetry's JDK HTTP client and server instrumentation. */
  @Benchmark
  public int otel() throws IOException, InterruptedException {
    return Loopback.send(otelClient, otelRequest);
  }
}
