package dev.optel;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.http.HttpAttributes;
import dev.optel.internal.http.HttpMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The handler behind {@link TracedHttp#handler}: each exchange in a SERVER span. */
final class TracedHttpHandler implements HttpHandler {
  private final HttpHandler delegate;

  TracedHttpHandler(HttpHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  @SuppressWarnings("try") // the scope is opened for its effect: the caller's context is current
  public void handle(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    try (Propagation.Scope remote = Propagation.extract(name -> header(headers, name))) {
      Span span = startSpan(exchange);
      long start = HttpMetrics.start();
      try {
        delegate.handle(exchange);
      } catch (Throwable t) {
        responseStatus(span, exchange);
        TracedHttp.fail(span, t);
        duration(start, exchange, t);
        span.close();
        throw t;
      }
      responseStatus(span, exchange);
      duration(start, exchange, null);
      span.close();
    }
  }

  /**
   * A request header for the propagators: repeated headers joined with {@code ","}, as HTTP defines
   * for list-valued fields, so that a repeated {@code traceparent} reads as invalid.
   */
  static String header(Headers headers, String name) {
    List<String> values = headers.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(",", values);
  }

  /** Starts the SERVER span, current on this thread. Never throws. */
  private static Span startSpan(HttpExchange exchange) {
    try {
      String method = exchange.getRequestMethod();
      String route = exchange.getHttpContext().getPath();
      Map<String, ?> attributes = TracedHttp.tracing() ? attributes(exchange, method, route) : null;
      return TracedHttp.TRACER.startAsCurrentSpan(
          TracedHttp.spanMethod(method) + " " + route, SpanKind.SERVER, attributes);
    } catch (RuntimeException e) {
      // A broken HttpExchange implementation: the handler still runs, without a span.
      Diagnostics.warnOnce("http.server.span", "could not start an HTTP server span", e);
      return Span.noop();
    }
  }

  private static Map<String, ?> attributes(HttpExchange exchange, String method, String route) {
    Map<String, Object> attributes = TracedHttp.methodAttributes(method);
    URI uri = exchange.getRequestURI();
    attributes.put(HttpAttributes.URL_PATH, uri.getRawPath());
    if (uri.getRawQuery() != null) {
      attributes.put(HttpAttributes.URL_QUERY, uri.getRawQuery());
    }
    attributes.put(HttpAttributes.URL_SCHEME, exchange instanceof HttpsExchange ? "https" : "http");
    attributes.put(HttpAttributes.HTTP_ROUTE, route);
    server(attributes, exchange);
    InetSocketAddress remote = exchange.getRemoteAddress();
    if (remote != null && remote.getAddress() != null) {
      attributes.put(HttpAttributes.CLIENT_ADDRESS, remote.getAddress().getHostAddress());
    }
    String agent = exchange.getRequestHeaders().getFirst("User-Agent");
    if (agent != null) {
      attributes.put(HttpAttributes.USER_AGENT_ORIGINAL, agent);
    }
    String protocol = exchange.getProtocol();
    if (protocol != null && protocol.startsWith("HTTP/")) {
      attributes.put(HttpAttributes.NETWORK_PROTOCOL_VERSION, protocol.substring(5));
    }
    return attributes;
  }

  /**
   * {@code server.address} and {@code server.port} as the client named them (the {@code Host}
   * header), else the local address that took the connection.
   */
  private static void server(Map<String, Object> attributes, HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null && !host.isEmpty()) {
      // "name", "name:port", "[v6]" or "[v6]:port"
      int colon = host.lastIndexOf(':');
      boolean hasPort = colon > host.lastIndexOf(']');
      attributes.put(HttpAttributes.SERVER_ADDRESS, hasPort ? host.substring(0, colon) : host);
      if (hasPort) {
        try {
          attributes.put(HttpAttributes.SERVER_PORT, Long.parseLong(host.substring(colon + 1)));
        } catch (NumberFormatException e) {
          // a malformed Host header: no port
        }
      }
      return;
    }
    InetSocketAddress local = exchange.getLocalAddress();
    if (local != null) {
      attributes.put(HttpAttributes.SERVER_ADDRESS, local.getHostString());
      attributes.put(HttpAttributes.SERVER_PORT, (long) local.getPort());
    }
  }

  /** {@code http.response.status_code} when a response was sent (-1: none was). */
  private static void responseStatus(Span span, HttpExchange exchange) {
    try {
      int status = exchange.getResponseCode();
      if (status != -1) {
        TracedHttp.status(span, status, 500);
      }
    } catch (RuntimeException e) {
      Diagnostics.warnOnce("http.server.status", "could not read an HTTP response's status", e);
    }
  }

  /** Records {@code http.server.request.duration} ({@link HttpMetrics}). Never throws. */
  private static void duration(long start, HttpExchange exchange, Throwable failure) {
    if (!HttpMetrics.enabled()) {
      return;
    }
    try {
      HttpMetrics.server(
          start,
          exchange.getRequestMethod(),
          exchange instanceof HttpsExchange ? "https" : "http",
          exchange.getHttpContext().getPath(),
          exchange.getResponseCode(),
          exchange.getProtocol(),
          failure);
    } catch (RuntimeException e) {
      HttpMetrics.failed(e);
    }
  }

  @Override
  public String toString() {
    return "TracedHttp.handler(" + delegate + ")";
  }
}
