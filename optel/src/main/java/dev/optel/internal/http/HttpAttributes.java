package dev.optel.internal.http;

import java.util.Set;

/**
 * The names of the stable OpenTelemetry HTTP semantic conventions that {@code TracedHttp} sets.
 * optel keeps them as plain strings so that the core jar needs no semantic-conventions jar; {@code
 * HttpAttributesTest} checks each against {@code io.opentelemetry.semconv}.
 */
public final class HttpAttributes {
  /** {@code http.request.method}: a known method as is, any other {@link #OTHER_METHOD}. */
  public static final String HTTP_REQUEST_METHOD = "http.request.method";

  /** {@code http.request.method_original}: the method as sent, when it is not a known one. */
  public static final String HTTP_REQUEST_METHOD_ORIGINAL = "http.request.method_original";

  /** {@code http.response.status_code}. */
  public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";

  /** {@code http.route}: the server's route, here the path of the {@code HttpContext}. */
  public static final String HTTP_ROUTE = "http.route";

  /** {@code url.full}: the client's absolute URL, without user information. */
  public static final String URL_FULL = "url.full";

  /** {@code url.path}. */
  public static final String URL_PATH = "url.path";

  /** {@code url.query}: the query without its {@code ?}. */
  public static final String URL_QUERY = "url.query";

  /** {@code url.scheme}. */
  public static final String URL_SCHEME = "url.scheme";

  /** {@code server.address}. */
  public static final String SERVER_ADDRESS = "server.address";

  /** {@code server.port}. */
  public static final String SERVER_PORT = "server.port";

  /** {@code client.address}. */
  public static final String CLIENT_ADDRESS = "client.address";

  /** {@code user_agent.original}. */
  public static final String USER_AGENT_ORIGINAL = "user_agent.original";

  /** {@code network.protocol.version}: {@code 1.1}, {@code 2}. */
  public static final String NETWORK_PROTOCOL_VERSION = "network.protocol.version";

  /** {@code error.type}: the status code for an error response, else the exception's class. */
  public static final String ERROR_TYPE = "error.type";

  /** The value of {@link #HTTP_REQUEST_METHOD} for a method the conventions do not know. */
  public static final String OTHER_METHOD = "_OTHER";

  /** The methods of the conventions' {@code http.request.method} list. */
  private static final Set<String> KNOWN_METHODS =
      Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");

  private HttpAttributes() {}

  /**
   * Tells whether the conventions list {@code method} (case-sensitive); any other is recorded as
   * {@link #OTHER_METHOD}.
   *
   * @param method the request method
   * @return {@code true} for a listed method
   */
  public static boolean knownMethod(String method) {
    return KNOWN_METHODS.contains(method);
  }
}
