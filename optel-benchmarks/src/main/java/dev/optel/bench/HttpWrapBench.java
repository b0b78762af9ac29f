package dev.optel.bench;

import dev.optel.Telemetry;
import dev.optel.TracedHttp;
import io.opentelemetry.instrumentation.javahttpclient.JavaHttpClientTelemetry;
import io.opentelemetry.instrumentation.javahttpserver.JavaHttpServerTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Class path "http": what the instrumentation of both ends costs per request, without the network.
 * The same three forms as {@link HttpBench} ({@code plain}, {@code optel}, {@code otel}) on the
 * same SDK, but the client hands each request to the server side on the calling thread ({@link
 * InMemoryHttp}): the CLIENT span, the injected headers, the extraction, the SERVER span and the
 * attributes of both are all that is measured, on one thread.
 *
 * <p>Why next to {@link HttpBench}: a loopback request costs 250-600 us of CPU on this shared
 * machine, and its spread between runs (tens of microseconds, and the JIT compiling the HTTP code
 * for a minute under load) is larger than what either instrumentation adds; here the added time is
 * measured to the tenth of a microsecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class HttpWrapBench {
  private static final OpenTelemetrySdk SDK = BenchSdk.SDK;
  private static final HttpResponse.BodyHandler<Void> DISCARD =
      HttpResponse.BodyHandlers.discarding();

  private final Loopback.Ok handler = new Loopback.Ok();
  private HttpClient plainClient;
  private HttpClient optelClient;
  private HttpClient otelClient;
  private HttpRequest request;

  /** Builds the three clients, each with its server context. */
  @Setup(Level.Trial)
  public void setUp() {
    Scenario.require("http", Telemetry.hasOpenTelemetry() && !Telemetry.hasStructuredLogging());
    plainClient = new InMemoryHttp.Client(new InMemoryHttp.Context("/api", handler));
    optelClient =
        TracedHttp.client(
            new InMemoryHttp.Client(new InMemoryHttp.Context("/api", TracedHttp.handler(handler))));
    InMemoryHttp.Context otelContext = new InMemoryHttp.Context("/api", handler);
    JavaHttpServerTelemetry.create(SDK).configure(otelContext);
    otelClient =
        JavaHttpClientTelemetry.create(SDK).newHttpClient(new InMemoryHttp.Client(otelContext));
    request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/api")).GET().build();
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

  /** The baseline: no instrumentation. */
  @Benchmark
  public int plain() throws IOException, InterruptedException {
    return plainClient.send(request, DISCARD).statusCode();
  }

  /** optel's {@code TracedHttp} client and handler. */
  @Benchmark
  public int optel() throws IOException, InterruptedException {
    return optelClient.send(request, DISCARD).statusCode();
  }

  /** The anchor: OpenTelemetry's JDK HTTP client and server instrumentation. */
  @Benchmark
  public int otel() throws IOException, InterruptedException {
    return otelClient.send(request, DISCARD).statusCode();
  }
}
