package dev.optel.config;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.Collection;
import java.util.List;

/**
 * What the {@code memory} exporters of spans, log records and metrics share: each keeps everything
 * exported in this JVM in a static list of its own, also after shutdown (the SDK testing module's
 * in-memory exporters drop theirs at shutdown, and tests read them after {@code shutdown()}).
 *
 * @param <T> what is exported
 */
abstract class KeepingExporter<T> {
  private final List<T> kept;

  KeepingExporter(List<T> kept) {
    this.kept = kept;
  }

  /** Keeps the items; implements the exporter interfaces' {@code export}. */
  public CompletableResultCode export(Collection<T> items) {
    kept.addAll(items);
    return CompletableResultCode.ofSuccess();
  }

  /** Nothing is pending. */
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  /** Keeps what was exported. */
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
