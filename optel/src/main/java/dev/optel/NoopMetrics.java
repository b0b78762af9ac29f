package dev.optel;

/**
 * The instruments used without an OpenTelemetry metrics API and for invalid names: shared
 * singletons that record nothing and allocate nothing.
 */
final class NoopMetrics {
  static final Counter COUNTER = NoopCounter.INSTANCE;
  static final UpDownCounter UP_DOWN_COUNTER = NoopUpDownCounter.INSTANCE;
  static final Histogram HISTOGRAM = NoopHistogram.INSTANCE;
  static final MeterFacade.Registration REGISTRATION = NoopRegistration.INSTANCE;

  private NoopMetrics() {}

  // One enum per public instrument type (their bind methods return their own type); each method
  // does nothing, so the no-op types look alike on purpose.

  private enum NoopCounter implements Counter {
    INSTANCE;

    @Override
    public void add(long value) {}

    @Override
    public void add(long value, Object... keyValues) {}

    @Override
    public Counter bind(Object... keyValues) {
      return this;
    }
  }

  private enum NoopUpDownCounter implements UpDownCounter {
    INSTANCE;

    @Override
    public void add(long value) {}

    @Override
    public void add(long value, Object... keyValues) {}

    @Override
    public UpDownCounter bind(Object... keyValues) {
      return this;
    }
  }

  private enum NoopHistogram implements Histogram {
    INSTANCE;

    @Override
    public void record(double value) {}

    @Override
    public void record(double value, Object... keyValues) {}

    @Override
    public Histogram bind(Object... keyValues) {
      return this;
    }
  }

  private enum NoopRegistration implements MeterFacade.Registration {
    INSTANCE;

    @Override
    public void close() {}
  }
}
