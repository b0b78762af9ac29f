package dev.optel.async.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.async.support.Probe;
import io.opentelemetry.context.Context;
import java.util.concurrent.ExecutorService;

/**
 * What these tests check after each test besides {@code OtelExtension}'s own checks: no span and no
 * {@code LogContext} field stays attached to a thread.
 */
final class OtelEnv {
  private OtelEnv() {}

  /** Describes what is attached to this thread (OpenTelemetry context or LogContext fields). */
  static String leftovers() {
    String fields = Probe.logFieldsLeft();
    Context current = Context.current();
    return current == Context.root() ? fields : fields + " context " + current;
  }

  /**
   * Neither the calling thread nor any of the {@code threads} threads of {@code pool} has a span or
   * a {@code LogContext} field attached.
   */
  static void assertNothingLeft(ExecutorService pool, int threads) throws Exception {
    assertThat(leftovers()).as("caller thread").isEmpty();
    Probe.assertClean(pool, threads, OtelEnv::leftovers);
  }
}
