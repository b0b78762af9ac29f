package dev.optel.configit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

class ZipkinServerTest {
  private static final String TRACE = "463ac35c9f6413ad48485a3953bb6124";

  @Test
  @ExtendWith(SharedZipkin.class)
  void zipkin_storesPostedSpans(ZipkinServer zipkin) {
    assertThat(zipkin.isRunning()).isTrue();
    long now = System.currentTimeMillis() * 1000;
    String spans =
        "[{\"traceId\":\""
            + TRACE
            + "\",\"id\":\"a2fb4a1d1a96d312\",\"name\":\"parent\","
            + "\"timestamp\":"
            + now
            + ",\"duration\":10,\"localEndpoint\":{\"serviceName\":\"harness\"}},"
            + "{\"traceId\":\""
            + TRACE
            + "\",\"id\":\"b2fb4a1d1a96d312\",\"parentId\":\"a2fb4a1d1a96d312\","
            + "\"name\":\"child\",\"timestamp\":"
            + now
            + ",\"duration\":5,\"tags\":{\"k\":\"v\"},"
            + "\"localEndpoint\":{\"serviceName\":\"harness\"}}]";

    assertThat(zipkin.post(spans)).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> zipkin.trace(TRACE).size() == 2);
    assertThat(zipkin.spansOfService("harness"))
        .extracting(ReceivedSpan::name, ReceivedSpan::parentSpanId, ReceivedSpan::serviceName)
        .containsExactlyInAnyOrder(
            tuple("parent", "", "harness"), tuple("child", "a2fb4a1d1a96d312", "harness"));
    assertThat(zipkin.trace("0000000000000000000000000000abcd")).isEmpty();
    assertThat(zipkin.spansOfService("nobody")).isEmpty();
  }
}
