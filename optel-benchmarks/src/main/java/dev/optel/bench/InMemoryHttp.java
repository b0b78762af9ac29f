package dev.optel.bench;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An HTTP "transport" without a network for {@link HttpWrapBench}: an {@link HttpClient} whose
 * {@code send} hands the request's method, URI and headers to a server-side {@link HttpContext}
 * (its filters, then its handler) on the calling thread, as a loopback request would reach them,
 * and answers with the status the handler sent. It implements what the JDK client and server
 * instrumentations read, and nothing more.
 */
final class InMemoryHttp {
  private static final InetSocketAddress CLIENT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);
  private static final InetSocketAddress SERVER =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);

  private InMemoryHttp() {}

  /**
   * A server context: a path, its filters (OpenTelemetry's instrumentation adds one) and handler.
   */
  static final class Context extends HttpContext {
    private final String path;
    private final HttpHandler handler;
    private final List<Filter> filters = new ArrayList<>();

    Context(String path, HttpHandler handler) {
      this.path = path;
      this.handler = handler;
    }

    /** Runs the filters and the handler on {@code exchange}, as the JDK server does. */
    void serve(Exchange exchange) throws IOException {
      new Filter.Chain(filters, handler).doFilter(exchange);
    }

    @Override
    public HttpHandler getHandler() {
      return handler;
    }

    @Override
    public void setHandler(HttpHandler h) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getPath() {
      return path;
    }

    @Override
    public HttpServer getServer() {
      return null;
    }

    @Override
    public Map<String, Object> getAttributes() {
      return Map.of();
    }

    @Override
    public List<Filter> getFilters() {
      return filters;
    }

    @Override
    public com.sun.net.httpserver.Authenticator setAuthenticator(
        com.sun.net.httpserver.Authenticator auth) {
      return null;
    }

    @Override
    public com.sun.net.httpserver.Authenticator getAuthenticator() {
      return null;
    }
  }

  /** A client that serves each request with {@code context} on the calling thread. */
  static final class Client extends HttpClient {
    private final Context context;

    Client(Context context) {
      this.context = context;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException {
      Exchange exchange = new Exchange(request, context);
      context.serve(exchange);
      return new Response<>(request, exchange.getResponseCode());
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      try {
        return CompletableFuture.completedFuture(send(request, handler));
      } catch (IOException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> push) {
      return sendAsync(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
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
    public Optional<ProxySelector> proxy() {
      return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
      return null;
    }

    @Override
    public SSLParameters sslParameters() {
      return null;
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return Optional.empty();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
      return Optional.empty();
    }
  }

  /** The response: a status, no headers, no body. */
  private record Response<T>(HttpRequest request, int statusCode) implements HttpResponse<T> {
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return NONE;
    }

    @Override
    public T body() {
      return null;
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }

  /** The server's view of one request: its headers as sent plus those the JDK client adds. */
  static final class Exchange extends HttpExchange {
    private final HttpRequest request;
    private final HttpContext context;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private int status = -1;

    Exchange(HttpRequest request, HttpContext context) {
      this.request = request;
      this.context = context;
      // One by one: Headers.putAll of JDK 17 does not normalise the names as the server does.
      request
          .headers()
          .map()
          .forEach((name, values) -> values.forEach(v -> requestHeaders.add(name, v)));
      requestHeaders.set("Host", request.uri().getHost() + ":" + request.uri().getPort());
      requestHeaders.set("User-Agent", "Java-http-client");
    }

    @Override
    public Headers getRequestHeaders() {
      return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      String query = request.uri().getRawQuery();
      return URI.create(request.uri().getRawPath() + (query == null ? "" : "?" + query));
    }

    @Override
    public String getRequestMethod() {
      return request.method();
    }

    @Override
    public HttpContext getHttpContext() {
      return context;
    }

    @Override
    public void close() {}

    @Override
    public InputStream getRequestBody() {
      return InputStream.nullInputStream();
    }

    @Override
    public OutputStream getResponseBody() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public void sendResponseHeaders(int code, long length) {
      status = code;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return CLIENT;
    }

    @Override
    public int getResponseCode() {
      return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return SERVER;
    }

    @Override
    public String getProtocol() {
      return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
      return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {}

    @Override
    public HttpPrincipal getPrincipal() {
      return null;
    }
  }
}
