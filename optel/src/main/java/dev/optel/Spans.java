package dev.optel;

import dev.optel.internal.Diagnostics;

/** Shared span helpers that must never throw. */
final class Spans {
  private Spans() {}

  /** Records {@code failure} on {@code span} and sets {@link StatusCode#ERROR}. */
  static void fail(Span span, Throwable failure) {
    try {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, Diagnostics.describe(failure));
    } catch (Throwable t) {
      Diagnostics.warnOnce("span.fail", "could not record a failure on a span", t);
    }
  }
}
