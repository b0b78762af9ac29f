package dev.optel.internal.slf4j;

import dev.optel.internal.logging.FacadeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Passes every call through to the backend's builder and remembers the key-value pairs with their
 * Java types, so that optel's JSON output can write numbers and booleans as such on backends whose
 * bridge turns them into strings. Used only while {@link FacadeEvent#wanted()}.
 */
final class RecordingEventBuilder implements LoggingEventBuilder {
  private final LoggingEventBuilder delegate;
  private final String logger;
  private final List<Object> pairs = new ArrayList<>();
  private String message = "null";

  private RecordingEventBuilder(LoggingEventBuilder delegate, String logger) {
    this.delegate = delegate;
    this.logger = logger;
  }

  /** Wraps {@code builder} when JSON output asks for typed pairs; else returns it unchanged. */
  static LoggingEventBuilder wrapIfWanted(LoggingEventBuilder builder, String logger) {
    return FacadeEvent.wanted() ? new RecordingEventBuilder(builder, logger) : builder;
  }

  @Override
  public LoggingEventBuilder setCause(Throwable cause) {
    delegate.setCause(cause);
    return this;
  }

  @Override
  public LoggingEventBuilder addMarker(Marker marker) {
    delegate.addMarker(marker);
    return this;
  }

  @Override
  public LoggingEventBuilder addArgument(Object p) {
    delegate.addArgument(p);
    return this;
  }

  @Override
  public LoggingEventBuilder addArgument(Supplier<?> objectSupplier) {
    delegate.addArgument(objectSupplier);
    return this;
  }

  @Override
  public LoggingEventBuilder addKeyValue(String key, Object value) {
    pairs.add(key);
    pairs.add(value);
    delegate.addKeyValue(key, value);
    return this;
  }

  @Override
  public LoggingEventBuilder addKeyValue(String key, Supplier<Object> valueSupplier) {
    return addKeyValue(key, valueSupplier == null ? null : valueSupplier.get());
  }

  @Override
  public LoggingEventBuilder setMessage(String message) {
    this.message = String.valueOf(message);
    delegate.setMessage(message);
    return this;
  }

  @Override
  public LoggingEventBuilder setMessage(Supplier<String> messageSupplier) {
    return setMessage(messageSupplier == null ? null : messageSupplier.get());
  }

  @Override
  public void log() {
    FacadeEvent.publish(logger, message, pairs.toArray(), delegate::log);
  }

  @Override
  public void log(String message) {
    delegate.log(message);
  }

  @Override
  public void log(String message, Object arg) {
    delegate.log(message, arg);
  }

  @Override
  public void log(String message, Object arg0, Object arg1) {
    delegate.log(message, arg0, arg1);
  }

  @Override
  public void log(String message, Object... args) {
    delegate.log(message, args);
  }

  @Override
  public void log(Supplier<String> messageSupplier) {
    delegate.log(messageSupplier);
  }
}
