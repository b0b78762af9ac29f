package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.internal.sdk.ExportHealth;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * What optel says about one export endpoint, on a clock the test moves: at most one failure line a
 * minute, one line when it works again, one line at close with what was lost.
 */
class ExportHealthTest extends ConfigTestSupport {
  private static final String ENDPOINT = "the OTLP endpoint http://collector:4317 (grpc)";
  private final AtomicLong now = new AtomicLong(1_000);
  private final ExportHealth health =
      new ExportHealth(ENDPOINT, failure -> failure.getMessage(), now::get);

  private List<String> lines() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  @Test
  void lastingFailure_isSaidOnceAMinute() {
    health.failed(10, new ConnectException("connection refused"));
    now.addAndGet(TimeUnit.SECONDS.toNanos(59));
    health.failed(20, null);
    health.attemptFailed(new IOException("timed out"));
    assertThat(lines())
        .singleElement()
        .asString()
        .isEqualTo(
            "optel: cannot send spans to "
                + ENDPOINT
                + ": connection refused; 10 spans not"
                + " delivered so far (said at most once a minute while it lasts)");

    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    health.failed(5, null);
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).contains(": timed out; 35 spans not delivered so far");
    assertThat(recordsAt(Level.WARNING)).hasSize(2);
  }

  @Test
  void recovery_isSaidOnceWithWhatWasLost() {
    health.failed(7, new ConnectException("connection refused"));
    health.delivered();
    health.delivered();
    assertThat(recordsAt(Level.INFO))
        .singleElement()
        .extracting(LogRecord::getMessage)
        .isEqualTo(
            "optel: spans reach "
                + ENDPOINT
                + " again; 7 spans could not be delivered"
                + " meanwhile");
    assertThat(health.failing()).isFalse();
    assertThat(health.summarize(0, false)).as("nothing lost since it recovered").isFalse();
  }

  @Test
  void failedAttemptThatARetryRepairs_saysNoCount() {
    health.attemptFailed(new ConnectException("connection refused"));
    health.delivered();
    assertThat(lines())
        .containsExactly(
            "optel: cannot send spans to "
                + ENDPOINT
                + ": connection refused (said at most once a"
                + " minute while it lasts)",
            "optel: spans reach " + ENDPOINT + " again");
  }

  @Test
  void recoveryWithoutAFailureLine_isNotSaid() {
    health.failed(1, new ConnectException("connection refused"));
    health.delivered();
    health.failed(1, null);
    health.delivered();
    assertThat(recordsAt(Level.WARNING)).hasSize(1);
    assertThat(recordsAt(Level.INFO))
        .as("the second outage was not said within the minute")
        .hasSize(1);
  }

  @Test
  void closing_failuresAreSaidOnceInTheSummary() {
    health.closing();
    health.failed(3, new ConnectException("connection refused"));
    assertThat(lines()).isEmpty();

    assertThat(health.summarize(5, true)).isTrue();
    assertThat(health.summarize(5, true)).isFalse();
    assertThat(recordsAt(Level.WARNING))
        .singleElement()
        .extracting(LogRecord::getMessage)
        .isEqualTo("optel: 8 spans could not be delivered to " + ENDPOINT + ": connection refused");
  }

  @Test
  void summary_withNothingLost_saysNothing() {
    health.delivered();
    assertThat(health.summarize(0, false)).isFalse();
    assertThat(lines()).isEmpty();
  }

  @Test
  void stackTrace_onlyAtDebugLevel() {
    ConnectException refused = new ConnectException("connection refused");
    optelLevel(Level.INFO);
    health.failed(1, refused);
    assertThat(records).singleElement().extracting(LogRecord::getThrown).isNull();

    ExportHealth debugged = new ExportHealth(ENDPOINT, Throwable::getMessage, now::get);
    optelLevel(Level.FINE);
    debugged.failed(1, refused);
    assertThat(records).hasSize(2);
    assertThat(records.get(1).getThrown()).isSameAs(refused);
  }
}
