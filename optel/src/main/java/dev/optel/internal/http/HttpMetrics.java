package dev.optel.internal.http;

import dev.optel.Histogram;
import dev.optel.MeterFacade;
import dev.optel.internal.Backends;
import dev.optel.internal.Diagnostics;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request-duration histograms of {@code TracedHttp}: {@code http.client.request.duration} and
 * {@code http.server.request.duration}, in seconds, with the bucket boundaries and the attributes
 * that the stable HTTP metrics conventions advise. Nothing here names the JDK's HTTP types (those
 * modules are optional): the wrappers pass the values.
 *
 * <p><b>Cost.</b> Without a metrics binding (no OpenTelemetry) {@link #start()} reads no clock and
 * the recording methods return at once: nothing is allocated. With one, each request finds the
 * histogram bound to its attribute values ({@link Histogram#bind}) in a map keyed by those values,
 * so the OpenTelemetry {@code Attributes} are built once per distinct set, not per request. A
 * request with the same values as the one before it reuses that bound histogram without a lookup
 * and allocates nothing; any other allocates its lookup key. The histograms are late-bound like
 * every facade instrument: made before an SDK is installed, they record once it is.
 *
 * <p><b>Cardinality.</b> Only low-cardinality attributes are recorded (never {@code url.full},
 * {@code url.path} or {@code client.address}); methods outside the conventions' list are {@code
 * _OTHER}. At most {@link #MAX_BOUND} sets are kept bound per histogram; further sets are recorded
 * with per-call attributes, where the facade's cardinality warning applies.
 */
public final class HttpMetrics {
  /** The conventions' advised boundaries for both durations, in seconds. */
  public static final List<Double> BOUNDARIES =
      List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  /** The name of the client histogram. */
  public static final String CLIENT_DURATION = "http.client.request.duration";

  /** The name of the server histogram. */
  public static final String SERVER_DURATION = "http.server.request.duration";

  /** Attribute sets kept bound per histogram. */
  static final int MAX_BOUND = 512;

  /** Whether there is a metrics binding at all; without one, nothing below runs. */
  private static final boolean ON = Backends.metrics() != null;

  private static final Durations CLIENT =
      ON ? new Durations(CLIENT_DURATION, "Duration of HTTP client requests.", 400) : null;
  private static final Durations SERVER =
      ON ? new Durations(SERVER_DURATION, "Duration of HTTP server requests.", 500) : null;

  private HttpMetrics() {}

  /**
   * Tells whether the durations can be recorded at all: {@code false} without a metrics binding,
   * where the wrappers need not read any value for them.
   *
   * @return whether there is a metrics binding
   */
  public static boolean enabled() {
    return ON;
  }

  /**
   * Returns the start of a request's duration.
   *
   * @return {@link System#nanoTime()}, or {@code 0} when nothing can record (no clock is read)
   */
  public static long start() {
    return ON ? System.nanoTime() : 0L;
  }

  /**
   * Records a client request's duration with {@code http.request.method}, {@code server.address},
   * {@code server.port} (80 or 443 when the URI has none), {@code url.scheme}, {@code
   * http.response.status_code}, {@code network.protocol.version} and {@code error.type} (the
   * failure's class name, else the status code from 400 on). Never throws.
   *
   * @param start what {@link #start()} returned when the request began
   * @param method the request method
   * @param uri the request URI
   * @param status the response status, {@code -1} when there is no response
   * @param version {@code 1.1} or {@code 2}, {@code null} when there is no response
   * @param failure what the request failed with, or {@code null}
   */
  public static void client(
      long start, String method, URI uri, int status, String version, Throwable failure) {
    if (!ON) {
      return;
    }
    try {
      String scheme = uri.getScheme();
      scheme = scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if (port == -1) {
        port = "https".equals(scheme) ? 443 : 80;
      }
      CLIENT.record(
          start, known(method), scheme, uri.getHost(), port, null, status, version, type(failure));
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /**
   * Records a server request's duration with {@code http.request.method}, {@code url.scheme},
   * {@code http.route}, {@code http.response.status_code}, {@code network.protocol.version} and
   * {@code error.type} (the failure's class name, else the status code from 500 on). Never throws.
   *
   * @param start what {@link #start()} returned when the request began
   * @param method the request method
   * @param scheme {@code http} or {@code https}
   * @param route the route (the {@code HttpContext} path)
   * @param status the response status, {@code -1} when none was sent
   * @param protocol the request's protocol ({@code HTTP/1.1}), or {@code null}
   * @param failure what the handler threw, or {@code null}
   */
  public static void server(
      long start,
      String method,
      String scheme,
      String route,
      int status,
      String protocol,
      Throwable failure) {
    if (!ON) {
      return;
    }
    try {
      SERVER.record(start, known(method), scheme, null, -1, route, status, protocol, type(failure));
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private static String known(String method) {
    return HttpAttributes.knownMethod(method) ? method : HttpAttributes.OTHER_METHOD;
  }

  private static Class<?> type(Throwable failure) {
    return failure == null ? null : failure.getClass();
  }

  /**
   * Reports, once, that a duration could not be recorded (a broken request, response or exchange).
   *
   * @param e what went wrong
   */
  public static void failed(RuntimeException e) {
    Diagnostics.warnOnce("http.metrics", "could not record an HTTP request's duration", e);
  }

  /**
   * The attribute values of one request: {@code host}/{@code port} for a client, {@code route} for
   * a server; {@code version} as given ({@code HTTP/} is dropped when the attributes are built).
   */
  private record Key(
      String method,
      String scheme,
      String host,
      int port,
      String route,
      int status,
      String version,
      Class<?> failure) {

    /** Whether this key holds these values; what {@code equals} says, without a key to compare. */
    boolean holds(
        String method,
        String scheme,
        String host,
        int port,
        String route,
        int status,
        String version,
        Class<?> failure) {
      return port == this.port
          && status == this.status
          && failure == this.failure
          && Objects.equals(method, this.method)
          && Objects.equals(route, this.route)
          && Objects.equals(host, this.host)
          && Objects.equals(scheme, this.scheme)
          && Objects.equals(version, this.version);
    }

    /** The key-values, in the conventions' order; absent values left out. */
    Object[] keyValues(int errorFrom) {
      List<Object> kv = new ArrayList<>(14);
      kv.add(HttpAttributes.HTTP_REQUEST_METHOD);
      kv.add(method);
      add(kv, HttpAttributes.URL_SCHEME, scheme);
      add(kv, HttpAttributes.SERVER_ADDRESS, host);
      if (host != null) {
        add(kv, HttpAttributes.SERVER_PORT, (long) port);
      }
      add(kv, HttpAttributes.HTTP_ROUTE, route);
      if (status != -1) {
        add(kv, HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
      }
      if (version != null) {
        add(
            kv,
            HttpAttributes.NETWORK_PROTOCOL_VERSION,
            version.startsWith("HTTP/") ? version.substring(5) : version);
      }
      // As on the span: the failure's class wins over an error status.
      String error =
          failure != null
              ? failure.getName()
              : status >= errorFrom ? Integer.toString(status) : null;
      add(kv, HttpAttributes.ERROR_TYPE, error);
      return kv.toArray();
    }

    private static void add(List<Object> kv, String key, Object value) {
      if (value != null) {
        kv.add(key);
        kv.add(value);
      }
    }
  }

  /** A key and the histogram bound to its attributes. */
  private record Bound(Key key, Histogram histogram) {}

  /** One histogram and its bound forms by attribute values. */
  private static final class Durations {
    private final Histogram histogram;
    private final int errorFrom;
    private final Map<Key, Bound> bound = new ConcurrentHashMap<>();

    /**
     * The attribute set recorded last, checked before the map: a service's requests mostly repeat
     * one set, which then costs neither a key nor a lookup. Racing threads may overwrite each
     * other's; either entry is right for its own key.
     */
    private volatile Bound last;

    Durations(String name, String description, int errorFrom) {
      Histogram made;
      try {
        made = Backends.metrics().histogram("dev.optel.http", name, "s", description, BOUNDARIES);
      } catch (RuntimeException | LinkageError e) {
        // Never a failed class initialisation for TracedHttp: the requests go on, unmeasured.
        Diagnostics.warnOnce(
            "metric.create",
            "could not create the instrument \"" + name + "\"; it records nothing",
            e);
        made = MeterFacade.noop().histogram(name, "s", description);
      }
      this.histogram = made;
      this.errorFrom = errorFrom;
    }

    void record(
        long start,
        String method,
        String scheme,
        String host,
        int port,
        String route,
        int status,
        String version,
        Class<?> failure) {
      double seconds = (System.nanoTime() - start) / 1e9;
      Bound seen = last;
      if (seen != null
          && seen.key.holds(method, scheme, host, port, route, status, version, failure)) {
        seen.histogram.record(seconds);
        return;
      }
      Key key = new Key(method, scheme, host, port, route, status, version, failure);
      Bound b = bound.get(key);
      if (b == null && bound.size() < MAX_BOUND) {
        b = bound.computeIfAbsent(key, k -> new Bound(k, histogram.bind(k.keyValues(errorFrom))));
      }
      if (b == null) {
        histogram.record(seconds, key.keyValues(errorFrom));
      } else {
        b.histogram.record(seconds);
        last = b;
      }
    }
  }
}
