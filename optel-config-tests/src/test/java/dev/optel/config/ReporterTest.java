package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.internal.Diagnostics;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * optel's one reporter ({@code Diagnostics}) and its one policy: each kind once at its level, then
 * DEBUG; a configure call's kinds again in the next call; fatal errors rethrown, the rest
 * contained.
 */
class ReporterTest extends ConfigTestSupport {
  private static final Logger OPTEL_LOG = Logger.getLogger("dev.optel");

  private static String newKind() {
    return "test." + UUID.randomUUID();
  }

  @Test
  void sameKind_isAWarningOnceThenDebug() {
    String kind = newKind();
    Diagnostics.warnOnce(kind, "first", null);
    Diagnostics.warnOnce(kind, "second", null);
    assertThat(warnings()).containsExactly("optel: first");
    assertThat(recordsAt(Level.FINE))
        .extracting(LogRecord::getMessage)
        .containsExactly("optel: second");
  }

  @Test
  void causeOfAWarning_isAttachedAndDescribed() {
    IllegalStateException cause = new IllegalStateException("broken");
    Diagnostics.warnOnce(newKind(), "it failed", cause);
    assertThat(recordsAt(Level.WARNING))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getMessage())
                  .isEqualTo("optel: it failed: java.lang.IllegalStateException:" + " broken");
              assertThat(r.getThrown()).isSameAs(cause);
            });
  }

  @Test
  void configureKinds_areReportedAgainInTheNextCall() {
    String message = "a problem of this call " + UUID.randomUUID();
    Diagnostics.warnInConfigure(message, null);
    Diagnostics.warnInConfigure(message, null);
    assertThat(warnings()).hasSize(1);
    Diagnostics.newConfigureCall();
    Diagnostics.warnInConfigure(message, null);
    assertThat(warnings()).hasSize(2);
  }

  @Test
  void fatalErrorWhileReporting_isRethrown() {
    OutOfMemoryError fatal = new OutOfMemoryError("test");
    try (Throwing handler = new Throwing(fatal)) {
      assertThatThrownBy(() -> Diagnostics.warnOnce(newKind(), "reported", null)).isSameAs(fatal);
    }
  }

  @Test
  void otherErrorsWhileReporting_areContained() {
    for (Throwable thrown :
        new Throwable[] {
          new StackOverflowError(), new LinkageError(), new IllegalStateException()
        }) {
      try (Throwing handler = new Throwing(thrown)) {
        assertThatCode(() -> Diagnostics.warnOnce(newKind(), "reported", null))
            .as("%s", thrown)
            .doesNotThrowAnyException();
      }
    }
  }

  /** A handler of the dev.optel logger that throws. */
  private static final class Throwing extends Handler implements AutoCloseable {
    private final Throwable thrown;

    Throwing(Throwable thrown) {
      this.thrown = thrown;
      OPTEL_LOG.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
      if (thrown instanceof Error e) {
        throw e;
      }
      throw (RuntimeException) thrown;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      OPTEL_LOG.removeHandler(this);
    }
  }
}
