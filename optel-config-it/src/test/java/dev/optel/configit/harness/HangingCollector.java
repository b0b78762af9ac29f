package dev.optel.configit.harness;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A collector that accepts TCP connections on a free 127.0.0.1 port, reads whatever arrives and
 * never answers a single byte: the exporter's requests hang until its own timeout.
 */
public final class HangingCollector implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger bytesRead = new AtomicInteger();

  private HangingCollector() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "hanging-collector-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts listening; {@link #close()} closes the port and every connection. */
  public static HangingCollector start() throws IOException {
    return new HangingCollector();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        accepted.incrementAndGet();
        Thread reader = new Thread(() -> swallow(socket), "hanging-collector-read");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void swallow(Socket socket) {
    byte[] buffer = new byte[8192];
    try (InputStream in = socket.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        bytesRead.addAndGet(n);
      }
    } catch (IOException e) {
      // the client gave up or we closed: either way nothing to answer
    }
  }

  /** {@code http://127.0.0.1:port}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Connections accepted so far. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** Bytes received so far over all connections. */
  public int bytesRead() {
    return bytesRead.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : connections) {
      socket.close();
    }
  }
}
