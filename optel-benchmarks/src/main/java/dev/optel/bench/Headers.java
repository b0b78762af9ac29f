package dev.optel.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The headers of one request for the propagation benchmarks: the incoming {@code traceparent} and
 * {@code tracestate} (with a few ordinary headers around them, in a {@link HashMap} as HTTP
 * libraries keep them), and the outgoing values that inject writes. No OpenTelemetry type here: the
 * "none" class path uses it too.
 */
final class Headers {
  /** The W3C specification's example, sampled. */
  static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  static final String TRACESTATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";
  static final String REMOTE_SPAN_ID = "b7ad6b7169203331";

  private final Map<String, String> incoming =
      new HashMap<>(
          Map.of(
              "traceparent",
              TRACEPARENT,
              "tracestate",
              TRACESTATE,
              "host",
              "127.0.0.1:8080",
              "user-agent",
              "Java-http-client/17",
              "accept",
              "*/*"));

  /** Built once, so that no benchmark pays for a method reference per call. */
  final Function<String, String> getter = incoming::get;

  final BiConsumer<String, String> setter = this::put;

  /** What inject wrote in the last operation. */
  String traceparent;

  String tracestate;

  /** What an extract-only benchmark saw as the current span id. */
  String currentSpanId;

  String get(String name) {
    return incoming.get(name);
  }

  void put(String name, String value) {
    if (name.equals("traceparent")) {
      traceparent = value;
    } else if (name.equals("tracestate")) {
      tracestate = value;
    }
  }

  /** Forgets what the last operation wrote. */
  void clear() {
    traceparent = null;
    tracestate = null;
    currentSpanId = null;
  }

  /** Fails the run unless the incoming context was injected again unchanged. */
  void requirePassedThrough() {
    if (!TRACEPARENT.equals(traceparent) || !TRACESTATE.equals(tracestate)) {
      throw new IllegalStateException(
          "not passed through: traceparent " + traceparent + ", tracestate " + tracestate);
    }
  }
}
