package dev.optel;

import com.sun.net.httpserver.HttpHandler;
import dev.optel.internal.Backends;
import dev.optel.internal.http.HttpAttributes;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;

/**
 * Traces the JDK's HTTP client ({@code java.net.http}) and server ({@code com.sun.net.httpserver})
 * with spans that follow OpenTelemetry's stable HTTP semantic conventions, and carries the trace
 * context between them with {@link Propagation}.
 *
 * <pre>{@code
 * HttpClient http = TracedHttp.client(HttpClient.newHttpClient());
 * HttpResponse<String> r = http.send(request, BodyHandlers.ofString());   // one CLIENT span
 *
 * server.createContext("/orders", TracedHttp.handler(exchange -> { ... })); // one SERVER span
 * }</pre>
 *
 * <p>Without OpenTelemetry both wrappers only pass the trace context through: no span is recorded
 * and no attribute is computed. Telemetry never makes a request or a handler fail; what the client
 * or the handler throws reaches the caller as the same object.
 *
 * <p>Both JDK modules are optional for optel ({@code requires static}): this class needs {@code
 * java.net.http} for {@link #client} and {@code jdk.httpserver} for {@link #handler}, and nothing
 * else in optel loads them.
 */
// "exports": the HTTP modules are `requires static` on purpose (requires transitive would put them
// in every application's module graph); whoever calls these methods has them already.
@SuppressWarnings("exports")
public final class TracedHttp {
  /** The instrumentation scope of the HTTP spans. */
  static final TracingFacade TRACER = Telemetry.get("dev.optel.http").tracer();

  private TracedHttp() {}

  /**
   * Wraps an {@link HttpClient} so that each {@code send} and {@code sendAsync} is one {@link
   * SpanKind#CLIENT} span named by the request method, current while the request is sent, with the
   * trace context injected into the request's headers. The span has {@code http.request.method},
   * {@code url.full} (without user information), {@code server.address}, {@code server.port},
   * {@code http.response.status_code}, {@code network.protocol.version} and, on failure, {@code
   * error.type}; its status is {@link StatusCode#ERROR} for a response status of 400 or more and
   * for an exception, which reaches the caller unchanged. Cancelling the future of {@code
   * sendAsync} ends the span and cancels the request. Every other method is the wrapped client's.
   *
   * @param client the client to wrap
   * @return the traced client
   * @throws NullPointerException when {@code client} is {@code null}
   */
  public static HttpClient client(HttpClient client) {
    if (client == null) {
      throw new NullPointerException("client");
    }
    return client instanceof TracedHttpClient ? client : new TracedHttpClient(client);
  }

  /**
   * Wraps an {@link HttpHandler} so that each exchange runs in a {@link SpanKind#SERVER} span named
   * {@code METHOD route} (the route is the path of the exchange's {@code HttpContext}), a child of
   * the caller's context read from the request headers (repeated headers are joined with {@code
   * ","}). The span has {@code http.request.method}, {@code url.path}, {@code url.scheme}, {@code
   * url.query} (when there is one), {@code http.route}, {@code server.address}, {@code
   * server.port}, {@code client.address}, {@code user_agent.original}, {@code
   * http.response.status_code} (when a response was sent) and, on failure, {@code error.type}; its
   * status is {@link StatusCode#ERROR} for a response status of 500 or more and for an exception,
   * which the returned handler rethrows as the same object. Log events inside the handler carry the
   * span's ids.
   *
   * @param handler the handler to wrap
   * @return the traced handler
   * @throws NullPointerException when {@code handler} is {@code null}
   */
  public static HttpHandler handler(HttpHandler handler) {
    if (handler == null) {
      throw new NullPointerException("handler");
    }
    return handler instanceof TracedHttpHandler ? handler : new TracedHttpHandler(handler);
  }

  /** Whether spans can record at all: without OpenTelemetry no attribute is worth computing. */
  static boolean tracing() {
    return Backends.tracing() != null;
  }

  /** The span name's method: a known method as is, {@code HTTP} for any other. */
  static String spanMethod(String method) {
    return HttpAttributes.knownMethod(method) ? method : "HTTP";
  }

  /** A new map of the request method attributes, to which the caller adds the rest. */
  static Map<String, Object> methodAttributes(String method) {
    Map<String, Object> attributes = new HashMap<>();
    if (HttpAttributes.knownMethod(method)) {
      attributes.put(HttpAttributes.HTTP_REQUEST_METHOD, method);
    } else {
      attributes.put(HttpAttributes.HTTP_REQUEST_METHOD, HttpAttributes.OTHER_METHOD);
      attributes.put(HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL, method);
    }
    return attributes;
  }

  /**
   * Records a failure: {@code error.type} is the exception's class name; the exception itself and
   * the {@link StatusCode#ERROR} status are recorded as by {@code inSpan}.
   */
  static void fail(Span span, Throwable failure) {
    span.setAttribute(HttpAttributes.ERROR_TYPE, failure.getClass().getName());
    Spans.fail(span, failure);
  }

  /**
   * Records the response status; {@code errorFrom} is where errors start (400 for a client, 500 for
   * a server).
   */
  static void status(Span span, int status, int errorFrom) {
    span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
    if (status >= errorFrom) {
      String code = Integer.toString(status);
      span.setAttribute(HttpAttributes.ERROR_TYPE, code);
      // No description: the conventions ask for none when the status code says it all.
      span.setStatus(StatusCode.ERROR);
    }
  }
}
