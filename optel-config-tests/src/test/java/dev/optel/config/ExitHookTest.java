package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The JVM shutdown hook flushes spans ended before exit (a 60 s batch delay never elapses). */
class ExitHookTest {

  @Test
  void jvmExit_flushesEndedSpans() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v2/spans", exchange -> {
      InputStream in = exchange.getRequestBody();
      if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    server.start();
    try {
      String java = System.getProperty("java.home") + File.separator + "bin" + File.separator
          + "java";
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          ExitHookMain.class.getName(),
          "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
      assertThat(String.join("\n", bodies)).contains("\"name\":\"exit-parent\"")
          .contains("\"name\":\"exit-child\"").contains("\"serviceName\":\"exit-hook\"");
    } finally {
      server.stop(0);
    }
  }
}
