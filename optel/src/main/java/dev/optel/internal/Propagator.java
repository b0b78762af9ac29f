package dev.optel.internal;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What {@code dev.optel.Propagation} asks of a binding: {@link PlainPropagation} without
 * OpenTelemetry, {@code internal.otel.OtelPropagation} with it. The getter and setter passed in are
 * already guarded: they never throw.
 */
public interface Propagator {
  /**
   * Writes the headers of the current context.
   *
   * @param setter receives each header
   */
  void inject(BiConsumer<String, String> setter);

  /**
   * Makes the context read from the headers current.
   *
   * @param getter returns a header's value or {@code null}
   * @return the token that restores the previous context; {@link ContextToken#NONE} when nothing
   *     changed
   */
  ContextToken extract(Function<String, String> getter);

  /**
   * Returns the current baggage.
   *
   * @return key to value, a new or immutable map
   */
  Map<String, String> baggage();

  /**
   * Adds one baggage entry to the current context.
   *
   * @param key the key
   * @param value the value
   * @return the token that restores the previous context
   */
  ContextToken bindBaggage(String key, String value);
}
