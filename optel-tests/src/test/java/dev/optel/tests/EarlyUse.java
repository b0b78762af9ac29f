package dev.optel.tests;

import dev.optel.Counter;
import dev.optel.Histogram;
import dev.optel.MeterFacade;
import dev.optel.Span;
import dev.optel.Telemetry;

/**
 * What a library does before the application installs its OpenTelemetry SDK: it calls {@code
 * Telemetry.get} and starts a span. The suite's {@code OtelExtension} runs {@link #happen()} right
 * before it installs the SDK, so this order is played once per JVM whichever test class comes
 * first; {@link GlobalInstallTest} checks what follows from it.
 */
final class EarlyUse {
  /** The telemetry a library obtained before the SDK was installed. */
  static final Telemetry EARLY = Telemetry.get("dev.optel.tests.early");

  static final boolean SPAN_RECORDING;
  static final String SPAN_TRACE_ID;

  /** Instruments a library created, and used, before the SDK was installed. */
  static final Counter COUNTER = EARLY.meter().counter("early.counter", "1", "made early");

  static final Histogram HISTOGRAM = EARLY.meter().histogram("early.histogram", "s", "");
  static final Counter BOUND = COUNTER.bind("phase", "early");
  static final MeterFacade.Registration GAUGE =
      EARLY.meter().gauge("early.gauge", "1", "made early", () -> 42.5);

  static {
    Span early = EARLY.tracer().startAsCurrentSpan("early.before-set");
    SPAN_RECORDING = early.isRecording();
    SPAN_TRACE_ID = early.traceId();
    early.close();
    COUNTER.add(1000); // nothing installed: lost, as OpenTelemetry's own no-op would lose it
    BOUND.add(1000);
    HISTOGRAM.record(1000);
  }

  private EarlyUse() {}

  /** Makes sure the early calls happened (runs the static initialiser once). */
  static void happen() {
    // the static initialiser did the work
  }
}
