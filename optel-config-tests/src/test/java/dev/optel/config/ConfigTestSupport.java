package dev.optel.config;

import dev.optel.TelemetryConfig;
import dev.optel.internal.config.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Isolates each test: an empty environment (tests set variables through {@link #env}), no otel.*
 * system properties, and the {@code dev.optel} log records captured.
 */
abstract class ConfigTestSupport {
  private static final Logger OPTEL_LOG = Logger.getLogger("dev.optel");
  final List<LogRecord> records = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (records) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void isolate() {
    Environment.overrideForTesting(Map.of());
    clearOtelProperties();
    OPTEL_LOG.addHandler(handler);
    OPTEL_LOG.setLevel(Level.ALL);
    MemoryExporter.SPANS.clear();
  }

  @AfterEach
  void restore() {
    TelemetryConfig.shutdown();
    OPTEL_LOG.removeHandler(handler);
    Environment.overrideForTesting(null);
    clearOtelProperties();
    resetGlobal();
  }

  /** Overridden by suites without the OpenTelemetry API. */
  void resetGlobal() {
    io.opentelemetry.api.GlobalOpenTelemetry.resetForTest();
  }

  static void env(Map<String, String> variables) {
    Environment.overrideForTesting(variables);
  }

  private static void clearOtelProperties() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("otel.") || name.startsWith("optel.log")) {
        System.clearProperty(name);
      }
    }
  }

  /** Messages of the captured records at WARNING. */
  List<String> warnings() {
    synchronized (records) {
      return records.stream()
          .filter(r -> r.getLevel() == Level.WARNING)
          .map(LogRecord::getMessage)
          .collect(Collectors.toList());
    }
  }

  /** The captured records at {@code level}. */
  List<LogRecord> recordsAt(Level level) {
    synchronized (records) {
      return records.stream().filter(r -> r.getLevel() == level).collect(Collectors.toList());
    }
  }

  /** Sets the level of optel's logger ({@code ALL} in every test unless it says otherwise). */
  static void optelLevel(Level level) {
    OPTEL_LOG.setLevel(level);
  }

  /** Messages of all captured records. */
  List<String> messages() {
    synchronized (records) {
      return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
    }
  }
}
