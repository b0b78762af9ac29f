package dev.optel;

import dev.optel.internal.Backends;
import dev.optel.internal.ContextToken;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.http.HttpAttributes;
import dev.optel.internal.http.HttpMetrics;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** The client behind {@link TracedHttp#client}: one CLIENT span per request, the rest delegated. */
final class TracedHttpClient extends HttpClient {
  // Methods that JDK 21 added to HttpClient (optel compiles for 17): declared here under the same
  // names, they override on JDK 21+ and reach the wrapped client through these handles, which are
  // null on older JDKs, where nothing can call them through an HttpClient.
  private static final MethodHandle SHUTDOWN = find("shutdown", void.class);
  private static final MethodHandle SHUTDOWN_NOW = find("shutdownNow", void.class);
  private static final MethodHandle IS_TERMINATED = find("isTerminated", boolean.class);
  private static final MethodHandle AWAIT_TERMINATION =
      find("awaitTermination", boolean.class, Duration.class);
  private static final MethodHandle CLOSE = find("close", void.class);

  private final HttpClient delegate;

  TracedHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Span span = startSpan(request, true);
    long start = HttpMetrics.start();
    HttpResponse<T> response;
    try {
      response = delegate.send(inject(request), handler);
    } catch (Throwable t) {
      // InterruptedException too: the span ends and the exception, the client's form of the
      // interrupt, reaches the caller as it was; nothing here clears or sets the flag.
      TracedHttp.fail(span, t);
      duration(start, request, null, t);
      span.close();
      throw t;
    }
    response(span, response);
    duration(start, request, response, null);
    span.close();
    return response;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    Span span = startSpan(request, false);
    long start = HttpMetrics.start();
    // Current while the request is handed over, so that the injected headers name it as parent.
    Backends.TracingBackend tracing = Backends.tracing();
    ContextToken scope = tracing == null ? ContextToken.NONE : tracing.makeCurrent(span);
    CompletableFuture<HttpResponse<T>> sent;
    try {
      HttpRequest traced = inject(request);
      sent =
          push == null
              ? delegate.sendAsync(traced, handler)
              : delegate.sendAsync(traced, handler, push);
    } catch (Throwable t) {
      scope.close();
      TracedHttp.fail(span, t);
      duration(start, request, null, t);
      span.end();
      throw t;
    }
    scope.close();
    if (span == Span.noop()) {
      return sent; // no OpenTelemetry: nothing to end, the client's own future
    }
    // Ends the span when the response arrives, fails, or the caller cancels (which cancels the
    // request as well).
    return AsyncSpans.follow(
        span,
        sent,
        (response, failure) -> {
          if (failure != null) {
            span.setAttribute(HttpAttributes.ERROR_TYPE, failure.getClass().getName());
          } else if (response != null) {
            response(span, response);
          }
          duration(start, request, failure == null ? response : null, failure);
        });
  }

  /** Starts the CLIENT span, current on this thread when {@code current}. Never throws. */
  private static Span startSpan(HttpRequest request, boolean current) {
    try {
      String method = request.method();
      Map<String, ?> attributes = TracedHttp.tracing() ? attributes(method, request.uri()) : null;
      String name = TracedHttp.spanMethod(method);
      return current
          ? TracedHttp.TRACER.startAsCurrentSpan(name, SpanKind.CLIENT, attributes)
          : TracedHttp.TRACER.startSpan(name, SpanKind.CLIENT, attributes);
    } catch (RuntimeException e) {
      // A broken HttpRequest implementation: the request is still sent, without a span.
      Diagnostics.warnOnce("http.client.span", "could not start an HTTP client span", e);
      return Span.noop();
    }
  }

  private static Map<String, ?> attributes(String method, URI uri) {
    Map<String, Object> attributes = TracedHttp.methodAttributes(method);
    attributes.put(HttpAttributes.URL_FULL, fullUrl(uri));
    String host = uri.getHost();
    if (host != null) {
      attributes.put(HttpAttributes.SERVER_ADDRESS, host);
    }
    int port = uri.getPort();
    if (port == -1) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    attributes.put(HttpAttributes.SERVER_PORT, (long) port);
    return attributes;
  }

  /** The URI as a string without user information, which may hold credentials. */
  static String fullUrl(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    StringBuilder url =
        new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() != -1) {
      url.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      url.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      url.append('?').append(uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      url.append('#').append(uri.getRawFragment());
    }
    return url.toString();
  }

  /**
   * The request with the current context's headers; the request itself when there is nothing to
   * add, so that no copy is made without a context to send. Never throws.
   */
  private static HttpRequest inject(HttpRequest request) {
    HttpRequest.Builder[] copy = new HttpRequest.Builder[1];
    try {
      Propagation.inject(
          (name, value) -> {
            if (copy[0] == null) {
              copy[0] = HttpRequest.newBuilder(request, (n, v) -> true);
            }
            copy[0].setHeader(name, value);
          });
      return copy[0] == null ? request : copy[0].build();
    } catch (RuntimeException e) {
      Diagnostics.warnOnce(
          "http.client.inject",
          "could not add the trace context to an HTTP request; it is sent without",
          e);
      return request;
    }
  }

  private static void response(Span span, HttpResponse<?> response) {
    try {
      TracedHttp.status(span, response.statusCode(), 400);
      HttpClient.Version version = response.version();
      if (version != null) {
        span.setAttribute(
            HttpAttributes.NETWORK_PROTOCOL_VERSION,
            version == HttpClient.Version.HTTP_2 ? "2" : "1.1");
      }
    } catch (RuntimeException e) {
      Diagnostics.warnOnce("http.client.response", "could not read an HTTP response's status", e);
    }
  }

  /** Records {@code http.client.request.duration} ({@link HttpMetrics}). Never throws. */
  private static void duration(
      long start, HttpRequest request, HttpResponse<?> response, Throwable failure) {
    if (!HttpMetrics.enabled()) {
      return;
    }
    try {
      int status = -1;
      String version = null;
      if (response != null) {
        status = response.statusCode();
        HttpClient.Version v = response.version();
        version = v == null ? null : v == HttpClient.Version.HTTP_2 ? "2" : "1.1";
      }
      HttpMetrics.client(start, request.method(), request.uri(), status, version, failure);
    } catch (RuntimeException e) {
      HttpMetrics.failed(e);
    }
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  @Override
  public String toString() {
    return "TracedHttp.client(" + delegate + ")";
  }

  /** {@code HttpClient.shutdown()} of JDK 21+: the wrapped client's. */
  public void shutdown() {
    invoke(SHUTDOWN);
  }

  /** {@code HttpClient.shutdownNow()} of JDK 21+: the wrapped client's. */
  public void shutdownNow() {
    invoke(SHUTDOWN_NOW);
  }

  /** {@code HttpClient.close()} of JDK 21+: the wrapped client's. */
  public void close() {
    invoke(CLOSE);
  }

  /**
   * {@code HttpClient.isTerminated()} of JDK 21+: the wrapped client's.
   *
   * @return whether the wrapped client terminated
   */
  public boolean isTerminated() {
    try {
      return IS_TERMINATED != null && (boolean) IS_TERMINATED.invokeExact(delegate);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * {@code HttpClient.awaitTermination(Duration)} of JDK 21+: the wrapped client's.
   *
   * @param duration how long to wait
   * @return whether the wrapped client terminated
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitTermination(Duration duration) throws InterruptedException {
    try {
      return AWAIT_TERMINATION == null
          || (boolean) AWAIT_TERMINATION.invokeExact(delegate, duration);
    } catch (RuntimeException | Error | InterruptedException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private void invoke(MethodHandle method) {
    if (method == null) {
      return;
    }
    try {
      method.invokeExact(delegate);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MethodHandle find(String name, Class<?> returns, Class<?>... parameters) {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(HttpClient.class, name, MethodType.methodType(returns, parameters));
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
