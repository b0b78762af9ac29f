package dev.optel.configit.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port helpers for servers the tests start. */
public final class Ports {
  private Ports() {}

  /**
   * A 127.0.0.1 port that was free a moment ago and on which nothing listens now: connecting to it
   * is refused (the "dead collector"), or a child process may bind it.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:port} for a port nothing listens on. */
  public static String deadEndpoint() {
    return "http://127.0.0.1:" + freePort();
  }
}
