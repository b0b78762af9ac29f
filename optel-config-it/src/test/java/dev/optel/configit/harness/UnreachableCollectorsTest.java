package dev.optel.configit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnreachableCollectorsTest {

  @Test
  void hangingCollector_acceptsReadsAndNeverAnswers() throws IOException {
    try (HangingCollector collector = HangingCollector.start();
        Socket socket =
            new Socket(
                InetAddress.getLoopbackAddress(), URI.create(collector.endpoint()).getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoTimeout(500);

      await().atMost(Duration.ofSeconds(10)).until(() -> collector.bytesRead() > 0);
      assertThat(collector.acceptedConnections()).isEqualTo(1);
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void deadEndpoint_refusesConnections() {
    int port = URI.create(Ports.deadEndpoint()).getPort();

    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
  }
}
