package dev.optel.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Log exporter {@code memory}: keeps every exported log record in one static list. */
final class MemoryLogExporter extends KeepingExporter<LogRecordData> implements LogRecordExporter {
  static final List<LogRecordData> RECORDS = new CopyOnWriteArrayList<>();

  static List<LogRecordData> records() {
    return new ArrayList<>(RECORDS);
  }

  MemoryLogExporter() {
    super(RECORDS);
  }

  /** Registered through META-INF/services, like any third-party exporter. */
  public static final class Provider implements ConfigurableLogRecordExporterProvider {
    @Override
    public LogRecordExporter createExporter(ConfigProperties config) {
      return new MemoryLogExporter();
    }

    @Override
    public String getName() {
      return "memory";
    }
  }
}
