package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.optel.TracedHttp;
import dev.optel.internal.http.HttpMetrics;
import dev.optel.testsupport.OptelReports;
import dev.optel.testsupport.OtelExtension;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code TracedHttp}'s duration histograms ({@code http.client.request.duration}, {@code
 * http.server.request.duration}) over loopback. With the SDK each request must add exactly one
 * measurement to the point of its attribute set: the conventions' low-cardinality attributes, the
 * advised bucket boundaries, the value in the bucket its own size belongs to. The in-memory reader
 * is cumulative and shared by the JVM, so each check compares a point before and after its request.
 * On every class path the requests answer as they would unwrapped and optel reports nothing.
 * optel-tests-oldest (OpenTelemetry 1.0.0, no metrics SDK) does not compile this class.
 */
@Timeout(60)
class HttpMetricsTest {
  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

  private static final String CLIENT = HttpMetrics.CLIENT_DURATION;
  private static final String SERVER = HttpMetrics.SERVER_DURATION;
  private static final IllegalStateException HANDLER_BUG = new IllegalStateException("bug");

  private static HttpServer server;
  private static ExecutorService serverThreads;
  private static HttpClient client;
  private static int port;
  private static final CountDownLatch SLOW_ENTERED = new CountDownLatch(1);
  private static final CountDownLatch SLOW_RELEASE = new CountDownLatch(1);

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    route("/m/ok", exchange -> respond(exchange, 200));
    route("/m/missing", exchange -> respond(exchange, 404));
    route("/m/unavailable", exchange -> respond(exchange, 503));
    route("/m/accepted", exchange -> respond(exchange, 202));
    route(
        "/m/bug",
        exchange -> {
          throw HANDLER_BUG;
        });
    route(
        "/m/slow",
        exchange -> {
          SLOW_ENTERED.countDown();
          try {
            SLOW_RELEASE.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 200);
        });
    server.start();
    port = server.getAddress().getPort();
    client =
        TracedHttp.client(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
  }

  private static void route(String path, HttpHandler handler) {
    server.createContext(path, TracedHttp.handler(handler));
  }

  private static void respond(HttpExchange exchange, int status) throws IOException {
    byte[] bytes = "body".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterAll
  static void stop() {
    SLOW_RELEASE.countDown();
    if (server != null) {
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static HttpRequest post(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString("order"))
        .build();
  }

  /** The client's attribute set, as {@code MetricsSdk.render} writes it. */
  private static String clientAttributes(int serverPort, Integer status, String error) {
    return clientAttributes("GET", serverPort, status, error);
  }

  private static String clientAttributes(
      String method, int serverPort, Integer status, String error) {
    List<Object> kv =
        new ArrayList<>(
            List.of(
                "http.request.method",
                method,
                "server.address",
                "127.0.0.1",
                "server.port",
                (long) serverPort,
                "url.scheme",
                "http"));
    if (status != null) {
      kv.addAll(
          List.of("http.response.status_code", (long) status, "network.protocol.version", "1.1"));
    }
    if (error != null) {
      kv.addAll(List.of("error.type", error));
    }
    return render(kv);
  }

  /** The server's attribute set for {@code route}. */
  private static String serverAttributes(String route, Integer status, String error) {
    return serverAttributes("GET", route, status, error);
  }

  private static String serverAttributes(
      String method, String route, Integer status, String error) {
    List<Object> kv =
        new ArrayList<>(
            List.of(
                "http.request.method",
                method,
                "http.route",
                route,
                "network.protocol.version",
                "1.1",
                "url.scheme",
                "http"));
    if (status != null) {
      kv.addAll(List.of("http.response.status_code", (long) status));
    }
    if (error != null) {
      kv.addAll(List.of("error.type", error));
    }
    return render(kv);
  }

  private static String render(List<Object> kv) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < kv.size(); i += 2) {
      Object v = kv.get(i + 1);
      parts.add(kv.get(i) + "=" + v + ":" + (v instanceof Long ? "LONG" : "STRING"));
    }
    parts.sort(null);
    return String.join(";", parts);
  }

  /** A point's cumulative count, sum and bucket counts; zeros when it does not exist yet. */
  private record Seen(long count, double sum, List<Long> buckets) {
    static Seen of(String metric, String attributes) {
      MetricData m = MetricsSdk.metric(metric);
      PointData p = m == null ? null : MetricsSdk.points(m).get(attributes);
      if (p == null) {
        return new Seen(0, 0, new ArrayList<>(java.util.Collections.nCopies(15, 0L)));
      }
      HistogramPointData h = (HistogramPointData) p;
      return new Seen(h.getCount(), h.getSum(), new ArrayList<>(h.getCounts()));
    }
  }

  /**
   * Waits until the point of {@code attributes} has one measurement more than {@code before}, then
   * checks that measurement: its bucket is the one its value belongs to, under the advised
   * boundaries.
   */
  private static void oneMore(String metric, String attributes, Seen before) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(Seen.of(metric, attributes).count())
                    .as("%s {%s}; points: %s", metric, attributes, pointsOf(metric))
                    .isEqualTo(before.count() + 1));
    MetricData m = MetricsSdk.one(metric);
    assertThat(m.getUnit()).isEqualTo("s");
    HistogramPointData after = (HistogramPointData) MetricsSdk.points(m).get(attributes);
    assertThat(after.getBoundaries()).containsExactlyElementsOf(HttpMetrics.BOUNDARIES);
    double value = after.getSum() - before.sum();
    assertThat(value).as("the duration in seconds").isPositive().isLessThan(30.0);
    int bucket = 0;
    while (bucket < HttpMetrics.BOUNDARIES.size() && value > HttpMetrics.BOUNDARIES.get(bucket)) {
      bucket++;
    }
    List<Long> expected = new ArrayList<>(before.buckets());
    expected.set(bucket, expected.get(bucket) + 1);
    assertThat(after.getCounts()).as("bucket counts").isEqualTo(expected);
  }

  private static Object pointsOf(String metric) {
    MetricData m = MetricsSdk.metric(metric);
    return m == null ? "none" : MetricsSdk.points(m).keySet();
  }

  @Test
  void ok_recordsOneClientAndOneServerDuration() throws Exception {
    if (!Cp.METRICS_SDK) {
      return;
    }
    String c = clientAttributes(port, 200, null);
    String s = serverAttributes("/m/ok", 200, null);
    Seen clientBefore = Seen.of(CLIENT, c);
    Seen serverBefore = Seen.of(SERVER, s);
    assertThat(client.send(get("/m/ok?q=1"), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    oneMore(CLIENT, c, clientBefore);
    oneMore(SERVER, s, serverBefore);
    assertThat(MetricsSdk.one(CLIENT).getDescription())
        .isEqualTo("Duration of HTTP client requests.");
    assertThat(MetricsSdk.one(SERVER).getInstrumentationScopeInfo().getName())
        .isEqualTo("dev.optel.http");
  }

  @Test
  void alternatingAttributeSets_eachRequestCountsInItsOwnPoint() throws Exception {
    if (!Cp.METRICS_SDK) {
      return;
    }
    // The same route and client with another status in between: a request whose values differ from
    // the previous request's in one field only must not land in the previous request's point.
    String ok = clientAttributes(port, 200, null);
    String missing = clientAttributes(port, 404, "404");
    String okServer = serverAttributes("/m/ok", 200, null);
    Seen okBefore = Seen.of(CLIENT, ok);
    Seen missingBefore = Seen.of(CLIENT, missing);
    Seen okServerBefore = Seen.of(SERVER, okServer);
    for (String path : List.of("/m/ok", "/m/missing", "/m/ok", "/m/missing", "/m/ok")) {
      client.send(get(path), BodyHandlers.ofString());
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(Seen.of(CLIENT, ok).count()).isEqualTo(okBefore.count() + 3);
              assertThat(Seen.of(CLIENT, missing).count()).isEqualTo(missingBefore.count() + 2);
              assertThat(Seen.of(SERVER, okServer).count()).isEqualTo(okServerBefore.count() + 3);
            });
  }

  @Test
  void notFound_isAnErrorForTheClientOnly() throws Exception {
    if (!Cp.METRICS_SDK) {
      return;
    }
    String c = clientAttributes(port, 404, "404");
    String s = serverAttributes("/m/missing", 404, null);
    Seen clientBefore = Seen.of(CLIENT, c);
    Seen serverBefore = Seen.of(SERVER, s);
    assertThat(client.send(get("/m/missing"), BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    oneMore(CLIENT, c, clientBefore);
    oneMore(SERVER, s, serverBefore);
  }

  @Test
  void serviceUnavailable_isAnErrorOnBothSides() throws Exception {
    if (!Cp.METRICS_SDK) {
      return;
    }
    String c = clientAttributes(port, 503, "503");
    String s = serverAttributes("/m/unavailable", 503, "503");
    Seen clientBefore = Seen.of(CLIENT, c);
    Seen serverBefore = Seen.of(SERVER, s);
    // sendAsync this time: the duration ends with the future
    HttpResponse<String> response =
        client.sendAsync(get("/m/unavailable"), BodyHandlers.ofString()).get(20, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(503);
    oneMore(CLIENT, c, clientBefore);
    oneMore(SERVER, s, serverBefore);
  }

  @Test
  void aHandlerThatThrows_isItsClassOnTheServerAndTheClientsFailure() throws Exception {
    if (!Cp.METRICS_SDK) {
      return;
    }
    // POST: the JDK client sends a GET again once when the connection closes without a response.
    String s = serverAttributes("POST", "/m/bug", null, IllegalStateException.class.getName());
    Seen serverBefore = Seen.of(SERVER, s);
    // The client's exception class is the JDK's choice (an IOException): read it first.
    Throwable thrown = null;
    try {
      client.send(post("/m/bug"), BodyHandlers.ofString());
    } catch (IOException e) {
      thrown = e;
    }
    assertThat(thrown).as("the server closed the connection without a response").isNotNull();
    oneMore(SERVER, s, serverBefore);
    String c = clientAttributes("POST", port, null, thrown.getClass().getName());
    assertThat(Seen.of(CLIENT, c).count()).as("recorded before send returned").isPositive();
    Seen clientBefore = Seen.of(CLIENT, c);
    assertThatThrownBy(() -> client.send(post("/m/bug"), BodyHandlers.ofString()))
        .isInstanceOf(thrown.getClass());
    oneMore(CLIENT, c, clientBefore);
  }

  @Test
  void aRefusedConnection_isRecordedWithItsExceptionAndNoStatus() throws Exception {
    if (!Cp.METRICS_SDK) {
      return;
    }
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String c = clientAttributes(closedPort, null, ConnectException.class.getName());
    Seen before = Seen.of(CLIENT, c);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/")).build();
    assertThatThrownBy(() -> client.send(request, BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    oneMore(CLIENT, c, before);
  }

  @Test
  void aCancelledSendAsync_isRecordedAsCancelled() throws Exception {
    if (!Cp.METRICS_SDK) {
      return;
    }
    String c = clientAttributes(port, null, CancellationException.class.getName());
    Seen before = Seen.of(CLIENT, c);
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(get("/m/slow"), BodyHandlers.ofString());
    assertThat(SLOW_ENTERED.await(20, TimeUnit.SECONDS)).as("request reached the server").isTrue();
    future.cancel(true);
    oneMore(CLIENT, c, before);
    SLOW_RELEASE.countDown();
    // The server still handles the request it was given, once (its response may or may not reach
    // the closed connection, so its attributes vary).
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        MetricsSdk.points(MetricsSdk.one(SERVER)).entrySet().stream()
                            .filter(e -> e.getKey().contains("http.route=/m/slow:"))
                            .mapToLong(e -> ((HistogramPointData) e.getValue()).getCount())
                            .sum())
                    .isEqualTo(1));
  }

  @Test
  void onEveryClassPath_requestsAnswerAsUnwrapped_andNothingIsReported() throws Exception {
    assertThat(HttpMetrics.enabled()).isEqualTo(Cp.METRICS_API);
    Seen before =
        Cp.METRICS_SDK ? Seen.of(SERVER, serverAttributes("/m/accepted", 202, null)) : null;
    try (OptelReports reports = new OptelReports()) {
      assertThat(client.send(get("/m/accepted"), BodyHandlers.ofString()).statusCode())
          .isEqualTo(202);
      assertThat(
              client
                  .sendAsync(get("/m/accepted"), BodyHandlers.ofString())
                  .get(20, TimeUnit.SECONDS)
                  .statusCode())
          .isEqualTo(202);
      if (Cp.METRICS_SDK) {
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(Seen.of(SERVER, serverAttributes("/m/accepted", 202, null)).count())
                        .isEqualTo(before.count() + 2));
      }
      assertThat(reports.messages()).as("optel reported nothing").isEmpty();
    }
  }

  @Test
  void noHighCardinalityAttribute_isEverRecorded() throws Exception {
    if (!Cp.METRICS_SDK) {
      return;
    }
    assertThat(client.send(get("/m/ok?user=42"), BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(MetricsSdk.metric(SERVER)).isNotNull());
    for (String metric : List.of(CLIENT, SERVER)) {
      for (Map.Entry<String, PointData> point :
          MetricsSdk.points(MetricsSdk.one(metric)).entrySet()) {
        assertThat(point.getKey())
            .as(metric)
            .doesNotContain("url.full", "url.path", "url.query", "client.address", "user_agent");
      }
    }
    for (String serverPoint : MetricsSdk.points(MetricsSdk.one(SERVER)).keySet()) {
      assertThat(serverPoint).as("opt-in on the server").doesNotContain("server.");
    }
  }
}
