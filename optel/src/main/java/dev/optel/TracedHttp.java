package dev.optel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Traced JDK HTTP client and server handler.
 *
 * <p>TEMPORARY stand-in (s16-e2e), replaced by s16-http: just enough for the end-to-end test.
 */
public final class TracedHttp {
  private static final TracingFacade TRACER = Telemetry.get(TracedHttp.class).tracer();

  private TracedHttp() {}

  /**
   * Returns a client whose requests are traced as {@code CLIENT} spans.
   *
   * @param client the client to wrap
   * @return the traced client
   */
  public static HttpClient client(HttpClient client) {
    return new Client(client);
  }

  /**
   * Returns a handler that runs {@code handler} in a {@code SERVER} span.
   *
   * @param handler the handler to wrap
   * @return the traced handler
   */
  public static HttpHandler handler(HttpHandler handler) {
    return exchange -> serve(handler, exchange);
  }

  private static void serve(HttpHandler handler, HttpExchange exchange) throws IOException {
    try (Propagation.Scope remote = Propagation.extract(exchange.getRequestHeaders()::getFirst)) {
      String route = exchange.getHttpContext().getPath();
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      Map<String, Object> attributes = new HashMap<>();
      attributes.put("http.request.method", method);
      attributes.put("url.path", uri.getRawPath());
      attributes.put("url.scheme", "http");
      attributes.put("http.route", route);
      attributes.put("server.address", exchange.getLocalAddress().getHostString());
      attributes.put("server.port", (long) exchange.getLocalAddress().getPort());
      try (Span span = TRACER.startAsCurrentSpan(method + " " + route, SpanKind.SERVER, attributes)) {
        try {
          handler.handle(exchange);
        } catch (IOException | RuntimeException | Error e) {
          span.setAttribute("error.type", e.getClass().getName());
          span.setStatus(StatusCode.ERROR, String.valueOf(e));
          throw e;
        }
        int status = exchange.getResponseCode();
        if (status > 0) {
          span.setAttribute("http.response.status_code", (long) status);
          if (status >= 500) {
            span.setAttribute("error.type", String.valueOf(status));
            span.setStatus(StatusCode.ERROR);
          }
        }
      }
    }
  }

  private static final class Client extends HttpClient {
    private final HttpClient delegate;

    Client(HttpClient delegate) {
      this.delegate = delegate;
    }

    private Span start(HttpRequest request) {
      URI uri = request.uri();
      Map<String, Object> attributes = new HashMap<>();
      attributes.put("http.request.method", request.method());
      attributes.put("url.full", uri.toString());
      attributes.put("server.address", uri.getHost());
      attributes.put("server.port", (long) uri.getPort());
      return TRACER.startAsCurrentSpan(request.method(), SpanKind.CLIENT, attributes);
    }

    private static HttpRequest injected(HttpRequest request) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
      Propagation.inject(builder::setHeader);
      return builder.build();
    }

    private static void end(Span span, HttpResponse<?> response, Throwable failure) {
      if (failure != null) {
        span.setAttribute("error.type", failure.getClass().getName());
        span.setStatus(StatusCode.ERROR, String.valueOf(failure));
      } else {
        span.setAttribute("http.response.status_code", (long) response.statusCode());
        if (response.statusCode() >= 400) {
          span.setAttribute("error.type", String.valueOf(response.statusCode()));
          span.setStatus(StatusCode.ERROR);
        }
      }
      span.close();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      Span span = start(request);
      HttpResponse<T> response;
      try {
        response = delegate.send(injected(request), handler);
      } catch (IOException | InterruptedException | RuntimeException | Error e) {
        end(span, null, e);
        throw e;
      }
      end(span, response, null);
      return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
        HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
      // Not traced in the stand-in: the end-to-end test uses send.
      return delegate.sendAsync(injected(request), handler, push);
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
  }
}
