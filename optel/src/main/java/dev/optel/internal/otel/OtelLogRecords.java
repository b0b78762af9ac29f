package dev.optel.internal.otel;

import dev.optel.LogLevel;
import dev.optel.internal.LogSink;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes optel's log events as OpenTelemetry log records through the Logs API of the installed
 * {@code GlobalOpenTelemetry} (the SDK that {@code TelemetryConfig} built). The dispatcher hands
 * each enabled event here as well as to the logging backend, while a logs exporter is configured.
 *
 * <p>A record gets the severity of its level ({@code critical} is {@code FATAL}, its text {@code
 * CRITICAL}), the event name as event name and body, each field as a typed attribute, the exception
 * as {@code exception.type}, {@code exception.message} and {@code exception.stacktrace}, and the
 * current context, whose span gives the trace and span ids. The level check is the backend's: this
 * sink only writes what the dispatcher already accepted.
 */
final class OtelLogRecords implements LogSink<Logger, LogRecordBuilder> {
  private static final AttributeKey<String> EXCEPTION_TYPE =
      AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");

  /** The loggers of the provider last seen, by name; replaced when the global SDK changes. */
  private volatile Loggers loggers = new Loggers(null, new ConcurrentHashMap<>());

  private record Loggers(LoggerProvider provider, ConcurrentHashMap<String, Logger> byName) {}

  @Override
  public Logger logger(String name) {
    OpenTelemetry otel = GlobalOtel.installed();
    LoggerProvider provider = otel == null ? LoggerProvider.noop() : otel.getLogsBridge();
    Loggers current = loggers;
    if (current.provider() != provider) {
      // A reconfiguration installed another SDK: its loggers, not the closed one's.
      current = new Loggers(provider, new ConcurrentHashMap<>());
      loggers = current;
    }
    // Called for every exported event: a plain get first, since computeIfAbsent would allocate its
    // capturing function at each call.
    Logger logger = current.byName().get(name);
    return logger != null
        ? logger
        : current.byName().computeIfAbsent(name, n -> provider.loggerBuilder(n).build());
  }

  @Override
  public boolean isEnabled(Logger logger, LogLevel level) {
    return true; // the backend's level decides; see the class comment
  }

  @Override
  public LogRecordBuilder begin(Logger logger, LogLevel level, String event) {
    LogRecordBuilder record =
        logger
            .logRecordBuilder()
            .setSeverity(severity(level))
            .setSeverityText(level.name())
            .setBody(event);
    try {
      record.setEventName(event);
    } catch (NoSuchMethodError olderApi) {
      // Before OpenTelemetry 1.50 records have no event name; the body still carries it.
    }
    return record;
  }

  /**
   * The severity of a level: the lowest number of its range. {@code critical} is {@code FATAL}, the
   * range the specification names for errors that end a program or a service, which is what {@code
   * critical} says; its text keeps optel's name.
   */
  static Severity severity(LogLevel level) {
    switch (level) {
      case DEBUG:
        return Severity.DEBUG;
      case INFO:
        return Severity.INFO;
      case WARNING:
        return Severity.WARN;
      case ERROR:
        return Severity.ERROR;
      default:
        return Severity.FATAL;
    }
  }

  @Override
  public void add(LogRecordBuilder record, String key, Object value) {
    Attrs.Typed typed = Attrs.convert(key, value);
    if (typed != null) {
      record.setAttribute(typed.key(), typed.value());
    }
  }

  @Override
  public void cause(LogRecordBuilder record, Throwable cause) {
    record.setAttribute(EXCEPTION_TYPE, cause.getClass().getName());
    String message = cause.getMessage();
    if (message != null) {
      record.setAttribute(EXCEPTION_MESSAGE, message);
    }
    StringWriter trace = new StringWriter();
    cause.printStackTrace(new PrintWriter(trace));
    record.setAttribute(EXCEPTION_STACKTRACE, trace.toString());
  }

  @Override
  public void emit(LogRecordBuilder record) {
    record.emit(); // the SDK takes the current context, and so the current span's ids
  }

  @Override
  public String loggerName(Logger logger) {
    return String.valueOf(logger);
  }
}
