package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import dev.optel.TracedHttp;
import dev.optel.testsupport.InMemorySpans;
import dev.optel.testsupport.OptelReports;
import dev.optel.testsupport.OtelExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code TracedHttp} over loopback: a real {@link HttpServer} on 127.0.0.1 whose handlers are
 * wrapped, called by a wrapped {@link HttpClient}. With the SDK the CLIENT and SERVER spans are
 * read back (names, kinds, parent, attributes, statuses); on every class path the wrappers must
 * answer exactly as the unwrapped client and handlers would.
 */
class HttpTest {
  @RegisterExtension
  static final OtelExtension OTEL = OtelExtension.installingAfter(EarlyUse::happen);

  private static final LoggingFacade LOG = Telemetry.get("dev.optel.tests.http").logger();

  private static HttpServer server;
  private static ExecutorService serverThreads;
  private static HttpClient client;
  private static int port;
  private static LogCapture capture;

  /** What each wrapped handler threw, by route: it must be what the user's handler threw. */
  private static final Map<String, Throwable> THROWN = new ConcurrentHashMap<>();

  /** The traceparent headers the server received, by route. */
  private static final Map<String, String> TRACEPARENT = new ConcurrentHashMap<>();

  private static final IllegalStateException HANDLER_BUG = new IllegalStateException("handler bug");
  private static final IOException HANDLER_IO = new IOException("handler i/o");
  private static volatile CountDownLatch slowEntered = new CountDownLatch(1);
  private static volatile CountDownLatch slowRelease = new CountDownLatch(1);

  @BeforeAll
  static void start() throws IOException {
    capture = LogCapture.forClasspath();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    route(
        "/ok",
        exchange -> {
          LOG.info("handled", "path", exchange.getRequestURI().getPath());
          respond(exchange, 200, "ok");
        });
    route("/missing", exchange -> respond(exchange, 404, "no"));
    route("/unavailable", exchange -> respond(exchange, 503, "later"));
    route(
        "/bug",
        exchange -> {
          throw HANDLER_BUG;
        });
    route(
        "/io",
        exchange -> {
          throw HANDLER_IO;
        });
    route(
        "/slow",
        exchange -> {
          slowEntered.countDown();
          try {
            slowRelease.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 200, "slow");
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

  /** Serves {@code path} with the traced {@code handler}, noting what it throws. */
  private static void route(String path, HttpHandler handler) {
    HttpHandler traced = TracedHttp.handler(handler);
    server.createContext(
        path,
        exchange -> {
          String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
          if (traceparent != null) {
            TRACEPARENT.put(path, traceparent);
          }
          try {
            traced.handle(exchange);
          } catch (IOException | RuntimeException | Error e) {
            THROWN.put(path, e);
            throw e;
          }
        });
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterAll
  static void stop() {
    slowRelease.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @BeforeEach
  void reset() {
    if (capture != null) {
      capture.clear();
    }
    THROWN.clear();
    TRACEPARENT.clear();
    slowEntered = new CountDownLatch(1);
    slowRelease = new CountDownLatch(1);
  }

  @AfterEach
  void release() {
    slowRelease.countDown();
  }

  private static URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  private static HttpRequest get(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20)).build();
  }

  /** The finished CLIENT and SERVER spans of one exchange (the server's may end a bit later). */
  private static Finished[] pair(String clientName, String serverName) {
    Finished[] spans = new Finished[2];
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              spans[0] = Sdk.one(clientName);
              spans[1] = Sdk.one(serverName);
            });
    assertThat(spans[0].kind()).isEqualTo("CLIENT");
    assertThat(spans[1].kind()).isEqualTo("SERVER");
    assertThat(spans[1].traceId()).isEqualTo(spans[0].traceId());
    assertThat(spans[1].parentSpanId())
        .as("the SERVER span is the CLIENT span's child")
        .isEqualTo(spans[0].spanId());
    assertThat(spans[0].isRoot()).isTrue();
    return spans;
  }

  @Test
  void ok_makesAClientAndAServerSpanWithTheConventionsAttributes() throws Exception {
    HttpResponse<String> response = client.send(get("/ok?q=1&r=two"), BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    if (!Cp.SDK) {
      return;
    }
    Finished[] spans = pair("GET", "GET /ok");
    Finished c = spans[0];
    Finished s = spans[1];
    assertThat(c.attributes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "http.request.method",
                "GET",
                "url.full",
                "http://127.0.0.1:" + port + "/ok?q=1&r=two",
                "server.address",
                "127.0.0.1",
                "server.port",
                (long) port,
                "http.response.status_code",
                200L,
                "network.protocol.version",
                "1.1"));
    assertThat(c.status()).isEqualTo("UNSET");
    assertThat(s.attributes())
        .containsAllEntriesOf(
            Map.of(
                "http.request.method", "GET",
                "url.path", "/ok",
                "url.query", "q=1&r=two",
                "url.scheme", "http",
                "http.route", "/ok",
                "server.address", "127.0.0.1",
                "server.port", (long) port,
                "client.address", "127.0.0.1",
                "http.response.status_code", 200L,
                "network.protocol.version", "1.1"));
    assertThat((String) s.attributes().get("user_agent.original")).startsWith("Java-http-client");
    assertThat(s.attributes()).doesNotContainKey("error.type");
    assertThat(s.status()).isEqualTo("UNSET");
    assertThat(TRACEPARENT.get("/ok")).startsWith("00-" + c.traceId() + "-" + c.spanId() + "-");
    if (capture != null) {
      LogEvent handled =
          capture.events().stream()
              .filter(e -> e.message().equals("handled"))
              .findFirst()
              .orElseThrow();
      assertThat(handled.text("trace_id")).isEqualTo(s.traceId());
      assertThat(handled.text("span_id")).isEqualTo(s.spanId());
    }
  }

  @Test
  void notFound_isAnErrorForTheClientOnly() throws Exception {
    HttpResponse<String> response = client.send(get("/missing"), BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    if (!Cp.SDK) {
      return;
    }
    Finished[] spans = pair("GET", "GET /missing");
    assertThat(spans[0].status()).isEqualTo("ERROR");
    assertThat(spans[0].attributes())
        .containsEntry("http.response.status_code", 404L)
        .containsEntry("error.type", "404");
    assertThat(spans[1].status()).isEqualTo("UNSET");
    assertThat(spans[1].attributes())
        .containsEntry("http.response.status_code", 404L)
        .doesNotContainKey("error.type");
  }

  @Test
  void serviceUnavailable_isAnErrorOnBothSides() throws Exception {
    HttpResponse<String> response = client.send(get("/unavailable"), BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(503);
    if (!Cp.SDK) {
      return;
    }
    for (Finished span : pair("GET", "GET /unavailable")) {
      assertThat(span.status()).as(span.name()).isEqualTo("ERROR");
      assertThat(span.attributes())
          .as(span.name())
          .containsEntry("http.response.status_code", 503L)
          .containsEntry("error.type", "503");
    }
  }

  @Test
  void aHandlerThatThrows_rethrowsTheSameExceptionAndFailsBothSpans() throws Exception {
    for (String path : List.of("/bug", "/io")) {
      if (Cp.SDK) {
        InMemorySpans.reset();
      }
      Throwable expected = path.equals("/bug") ? HANDLER_BUG : HANDLER_IO;
      // The server closes the connection without a response: the client fails too.
      assertThatThrownBy(() -> client.send(get(path), BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      await().atMost(Duration.ofSeconds(20)).until(() -> THROWN.containsKey(path));
      assertThat(THROWN.get(path)).as(path).isSameAs(expected);
      if (Cp.SDK) {
        Finished[] spans = pair("GET", "GET " + path);
        assertThat(spans[1].status()).isEqualTo("ERROR");
        assertThat(spans[1].attributes())
            .containsEntry("error.type", expected.getClass().getName())
            .doesNotContainKey("http.response.status_code");
        assertThat(spans[1].event("exception"))
            .containsEntry("exception.message", expected.getMessage());
        assertThat(spans[0].status()).isEqualTo("ERROR");
        assertThat((String) spans[0].attributes().get("error.type")).startsWith("java.");
        assertThat(spans[0].event("exception")).isNotNull();
      }
    }
  }

  @Test
  void aRefusedConnection_reachesTheCallerAndFailsTheSpan() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/")).build();
    assertThatThrownBy(() -> client.send(request, BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    if (Cp.SDK) {
      Finished span = Sdk.one("GET");
      assertThat(span.kind()).isEqualTo("CLIENT");
      assertThat(span.status()).isEqualTo("ERROR");
      assertThat(span.attributes())
          .containsEntry("error.type", ConnectException.class.getName())
          .containsEntry("server.port", (long) closedPort)
          .doesNotContainKey("http.response.status_code");
    }
  }

  @Test
  void theClientsOwnException_reachesTheCallerAsTheSameObject() throws Exception {
    IOException io = new IOException("from the client");
    IllegalArgumentException bad = new IllegalArgumentException("rejected at once");
    HttpClient failing = TracedHttp.client(new FailingClient(io, bad));
    assertThatThrownBy(() -> failing.send(get("/ok"), BodyHandlers.ofString())).isSameAs(io);
    assertThatThrownBy(() -> failing.sendAsync(get("/ok"), BodyHandlers.ofString())).isSameAs(bad);
    if (Cp.SDK) {
      assertThat(Sdk.finished()).extracting(Finished::status).containsExactly("ERROR", "ERROR");
      assertThat(Sdk.finished())
          .extracting(f -> f.attributes().get("error.type"))
          .containsExactly(IOException.class.getName(), IllegalArgumentException.class.getName());
    }
  }

  @Test
  void sendAsync_endsTheSpanWhenTheResponseArrives() throws Exception {
    HttpResponse<String> response =
        client.sendAsync(get("/missing"), BodyHandlers.ofString()).get(20, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(404);
    HttpResponse<String> pushed =
        client
            .sendAsync(get("/ok"), BodyHandlers.ofString(), (initiating, push, accept) -> {})
            .get(20, TimeUnit.SECONDS);
    assertThat(pushed.body()).isEqualTo("ok");
    if (Cp.SDK) {
      Finished[] spans = pair("GET", "GET /missing");
      assertThat(spans[0].status()).isEqualTo("ERROR");
      assertThat(spans[0].attributes())
          .containsEntry("http.response.status_code", 404L)
          .containsEntry("error.type", "404")
          .containsEntry("network.protocol.version", "1.1");
      await().atMost(Duration.ofSeconds(20)).until(() -> Sdk.finished().size() == 4);
    }
  }

  @Test
  void cancellingTheAsyncFuture_endsTheSpan() throws Exception {
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(get("/slow"), BodyHandlers.ofString());
    assertThat(slowEntered.await(20, TimeUnit.SECONDS)).as("request reached the server").isTrue();
    future.cancel(true);
    // The traced future is cancelled; without OpenTelemetry it is the client's own, which the JDK
    // fails with its cancellation wrapped.
    assertThatThrownBy(future::join)
        .satisfies(
            t ->
                assertThat(
                        t instanceof CancellationException
                            || t.getCause() instanceof CancellationException)
                    .as("cancelled: %s", t)
                    .isTrue());
    if (Cp.SDK) {
      Finished span = Sdk.one("GET");
      assertThat(span.status()).isEqualTo("ERROR");
      assertThat(span.attributes())
          .containsEntry("error.type", CancellationException.class.getName());
    }
  }

  @Test
  void anInterruptedSend_endsTheSpanAndThrowsTheInterrupt() throws Exception {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> client.send(get("/slow"), BodyHandlers.ofString()))
          .isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted(); // whatever the client left, the next test starts clean
    }
    if (Cp.SDK) {
      Finished span = Sdk.one("GET");
      assertThat(span.status()).isEqualTo("ERROR");
      assertThat(span.attributes())
          .containsEntry("error.type", InterruptedException.class.getName());
    }
  }

  @Test
  void anUnknownMethod_isOtherAndTheSpanIsNamedHttp() throws Exception {
    HttpRequest purge =
        HttpRequest.newBuilder(uri("/ok"))
            .method("PURGE", HttpRequest.BodyPublishers.noBody())
            .build();
    assertThat(client.send(purge, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    if (Cp.SDK) {
      Finished[] spans = pair("HTTP", "HTTP /ok");
      for (Finished span : spans) {
        assertThat(span.attributes())
            .as(span.kind())
            .containsEntry("http.request.method", "_OTHER")
            .containsEntry("http.request.method_original", "PURGE");
      }
    }
  }

  @Test
  void userInformation_isNotInTheUrl() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://user:secret@127.0.0.1:" + port + "/ok?a=b"))
            .build();
    assertThat(client.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    if (Cp.SDK) {
      assertThat(pair("GET", "GET /ok")[0].attributes())
          .containsEntry("url.full", "http://127.0.0.1:" + port + "/ok?a=b");
    }
  }

  @Test
  void aRepeatedTraceparent_isInvalid() throws Exception {
    String one = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    String two = "00-0af7651916cd43dd8448eb211c80319d-b7ad6b7169203332-01";
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest repeated =
        HttpRequest.newBuilder(uri("/ok"))
            .header("traceparent", one)
            .header("traceparent", two)
            .build();
    assertThat(plain.send(repeated, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpRequest single = HttpRequest.newBuilder(uri("/missing")).header("traceparent", one).build();
    assertThat(plain.send(single, BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    if (Cp.SDK) {
      await().atMost(Duration.ofSeconds(20)).until(() -> Sdk.finished().size() == 2);
      assertThat(Sdk.one("GET /ok").isRoot()).as("two traceparent headers: a new trace").isTrue();
      Finished child = Sdk.one("GET /missing");
      assertThat(child.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(child.parentSpanId()).isEqualTo("b7ad6b7169203331");
    }
  }

  @Test
  void withoutOpenTelemetry_theWrappersAddNothing() throws Exception {
    try (OptelReports reports = new OptelReports()) {
      assertThat(client.send(get("/ok"), BodyHandlers.ofString()).body()).isEqualTo("ok");
      assertThat(
              client
                  .sendAsync(get("/missing"), BodyHandlers.ofString())
                  .get(20, TimeUnit.SECONDS)
                  .statusCode())
          .isEqualTo(404);
      assertThat(reports.messages()).as("optel reported nothing").isEmpty();
    }
    if (!Cp.OTEL_API) {
      assertThat(TRACEPARENT).as("no context, no header").isEmpty();
    }
    if (Cp.AGENT) {
      assertThat(TRACEPARENT).containsKeys("/ok", "/missing");
    }
  }

  @Test
  void everyOtherMethod_isTheWrappedClients() {
    HttpClient plain =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(7))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    HttpClient traced = TracedHttp.client(plain);
    assertThat(traced.connectTimeout()).contains(Duration.ofSeconds(7));
    assertThat(traced.followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
    assertThat(traced.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(traced.sslContext()).isSameAs(plain.sslContext());
    assertThat(traced.proxy()).isEqualTo(plain.proxy());
    assertThat(traced.authenticator()).isEqualTo(plain.authenticator());
    assertThat(traced.cookieHandler()).isEqualTo(plain.cookieHandler());
    assertThat(traced.executor()).isEqualTo(plain.executor());
    assertThat(TracedHttp.client(traced)).as("not wrapped twice").isSameAs(traced);
  }

  @Test
  void closeOnJdk21_closesTheWrappedClient() throws Exception {
    Method close;
    try {
      close = HttpClient.class.getMethod("close");
    } catch (NoSuchMethodException e) {
      assumeTrue(false, "HttpClient.close() exists from JDK 21 on");
      return;
    }
    HttpClient plain = HttpClient.newHttpClient();
    close.invoke(TracedHttp.client(plain));
    assertThat(HttpClient.class.getMethod("isTerminated").invoke(plain)).isEqualTo(true);
  }

  /**
   * A client whose send throws {@code sendFailure} and whose sendAsync throws {@code asyncFailure}.
   */
  private static final class FailingClient extends HttpClient {
    private final IOException sendFailure;
    private final RuntimeException asyncFailure;

    FailingClient(IOException sendFailure, RuntimeException asyncFailure) {
      this.sendFailure = sendFailure;
      this.asyncFailure = asyncFailure;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException {
      throw sendFailure;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      throw asyncFailure;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> push) {
      throw asyncFailure;
    }

    @Override
    public Optional<java.net.CookieHandler> cookieHandler() {
      return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
      return Redirect.NEVER;
    }

    @Override
    public Optional<java.net.ProxySelector> proxy() {
      return Optional.empty();
    }

    @Override
    public javax.net.ssl.SSLContext sslContext() {
      return null;
    }

    @Override
    public javax.net.ssl.SSLParameters sslParameters() {
      return null;
    }

    @Override
    public Optional<java.net.Authenticator> authenticator() {
      return Optional.empty();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }

    @Override
    public Optional<java.util.concurrent.Executor> executor() {
      return Optional.empty();
    }
  }
}
