package dev.optel.configit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.configit.apps.StubService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChildServiceTest {

  @Test
  void start_returnsOnceTheChildServesAndCloseStopsItCleanly() throws Exception {
    ChildService service =
        ChildJvm.of(StubService.class).args("serve").start(Duration.ofSeconds(60));
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(service.baseUrl() + "/x"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("stub");
    } finally {
      service.close();
    }

    assertThat(service.isRunning()).isFalse();
    // Stopped by its standard input closing, not killed: it ran its own stop code.
    assertThat(service.reported("stopped")).as(service.describe()).hasValue("true");
    assertThat(service.describe()).contains("exit code 0").contains("stub serve");
  }

  @Test
  void start_failsWithTheOutputOfAChildThatExitsBeforeReportingItsPort() {
    assertThatThrownBy(
            () -> ChildJvm.of(StubService.class).args("exit").start(Duration.ofSeconds(60)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("exited before reporting port")
        .hasMessageContaining("exit code 4")
        .hasMessageContaining("stub exit");
  }

  @Test
  void start_stopsAChildThatReportsNoPortInTime() {
    assertThatThrownBy(
            () -> ChildJvm.of(StubService.class).args("silent").start(Duration.ofSeconds(3)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not report port within PT3S")
        .hasMessageContaining("stub silent");
  }
}
