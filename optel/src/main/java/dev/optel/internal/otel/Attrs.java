package dev.optel.internal.otel;

import dev.optel.internal.Diagnostics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Turns optel's {@code Object} attribute values into typed OpenTelemetry attributes: strings,
 * booleans, integral numbers (as {@code long}), floating-point numbers (as {@code double}) and
 * arrays or collections of one of these keep their type; everything else becomes its string form.
 *
 * <p>Nothing here throws because of a caller's value: a {@code toString()} that throws or returns
 * {@code null}, a collection that cannot be copied, a map that cannot be read (whatever it throws,
 * {@link Error}s included) are replaced or skipped and reported once.
 */
final class Attrs {
  /**
   * Names kept per key type, at most: past that, keys are made per call, so that attribute names
   * made from data cannot fill the heap.
   */
  static final int MAX_KEYS = 1024;

  static final Keys<String> STRING = new Keys<>(AttributeKey::stringKey);
  static final Keys<Boolean> BOOLEAN = new Keys<>(AttributeKey::booleanKey);
  static final Keys<Long> LONG = new Keys<>(AttributeKey::longKey);
  static final Keys<Double> DOUBLE = new Keys<>(AttributeKey::doubleKey);
  private static final Keys<List<String>> STRING_ARRAY = new Keys<>(AttributeKey::stringArrayKey);
  private static final Keys<List<Boolean>> BOOLEAN_ARRAY =
      new Keys<>(AttributeKey::booleanArrayKey);
  private static final Keys<List<Long>> LONG_ARRAY = new Keys<>(AttributeKey::longArrayKey);
  private static final Keys<List<Double>> DOUBLE_ARRAY = new Keys<>(AttributeKey::doubleArrayKey);

  private Attrs() {}

  /**
   * The {@link AttributeKey}s of one type, made once per name. Why: OpenTelemetry's OTLP exporter
   * keeps a key's UTF-8 name in the key object, so a key made per attribute per span costs an
   * allocation in the span's thread and an encoding in the exporter for every attribute of every
   * span (the load run of issue 13: two spans of about ten attributes per request); a key kept
   * costs a map lookup.
   */
  static final class Keys<T> {
    private final Map<String, AttributeKey<T>> made = new ConcurrentHashMap<>();
    private final Function<String, AttributeKey<T>> make;

    private Keys(Function<String, AttributeKey<T>> make) {
      this.make = make;
    }

    /** The key named {@code name} ({@code null} or empty is the caller's to rule out). */
    AttributeKey<T> get(String name) {
      AttributeKey<T> key = made.get(name);
      if (key != null) {
        return key;
      }
      key = make.apply(name);
      if (made.size() < MAX_KEYS) {
        AttributeKey<T> raced = made.putIfAbsent(name, key);
        return raced == null ? key : raced;
      }
      return key;
    }
  }

  /** A converted attribute: a typed key and a value of the key's type. */
  record Typed(AttributeKey<Object> key, Object value) {}

  /** Tells whether {@code key} can name an attribute: {@code null} and empty keys are skipped. */
  static boolean usableKey(String key) {
    return key != null && !key.isEmpty();
  }

  /**
   * Converts one attribute.
   *
   * @return the typed attribute, or {@code null} when the key is {@code null} or empty or the value
   *     is {@code null}
   */
  @SuppressWarnings("unchecked")
  static Typed convert(String key, Object value) {
    if (!usableKey(key) || value == null) {
      return null;
    }
    Object v = normalize(value);
    AttributeKey<?> k;
    if (v instanceof String) {
      k = STRING.get(key);
    } else if (v instanceof Boolean) {
      k = BOOLEAN.get(key);
    } else if (v instanceof Long) {
      k = LONG.get(key);
    } else if (v instanceof Double) {
      k = DOUBLE.get(key);
    } else {
      ListOf list = (ListOf) v;
      switch (list.kind) {
        case BOOLEAN:
          k = BOOLEAN_ARRAY.get(key);
          break;
        case LONG:
          k = LONG_ARRAY.get(key);
          break;
        case DOUBLE:
          k = DOUBLE_ARRAY.get(key);
          break;
        default:
          k = STRING_ARRAY.get(key);
      }
      v = list.values;
    }
    return new Typed((AttributeKey<Object>) k, v);
  }

  /**
   * Converts a map of attributes; entries with a {@code null} or empty key or a {@code null} value
   * are skipped, and a map that fails while being read keeps what was read before the failure.
   */
  static Attributes toAttributes(Map<String, ?> map) {
    if (map == null) {
      return Attributes.empty();
    }
    AttributesBuilder builder = Attributes.builder();
    forEach(map, builder::put);
    return builder.build();
  }

  /**
   * Converts each entry of {@code map} and hands it to {@code sink}. Reading the map runs the
   * caller's code ({@code size}, {@code entrySet}, the iterator, the entries); whatever that throws
   * ends the reading, is reported once, and never reaches the caller, so the span or event is kept
   * with the attributes read so far.
   */
  static void forEach(Map<String, ?> map, BiConsumer<AttributeKey<Object>, Object> sink) {
    try {
      if (map.isEmpty()) {
        return;
      }
      for (Map.Entry<String, ?> e : map.entrySet()) {
        Typed t = convert(e.getKey(), e.getValue());
        if (t != null) {
          sink.accept(t.key(), t.value());
        }
      }
    } catch (Throwable e) {
      Diagnostics.warnOnce(
          "attrs.map",
          "an attribute map failed while being read; the attributes"
              + " read before the failure are kept",
          e);
    }
  }

  private enum Kind {
    STRING,
    BOOLEAN,
    LONG,
    DOUBLE
  }

  private record ListOf(Kind kind, List<Object> values) {}

  private static Object normalize(Object value) {
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value.getClass().isArray()) {
      int n = Array.getLength(value);
      List<Object> elements = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        elements.add(Array.get(value, i));
      }
      return listOf(elements);
    }
    if (value instanceof Collection<?> c) {
      List<Object> copy;
      try {
        copy = new ArrayList<Object>(c);
      } catch (Throwable e) { // the caller's collection; it may throw anything
        return Diagnostics.safeToString(value);
      }
      return listOf(copy);
    }
    return Diagnostics.safeToString(value);
  }

  /** A homogeneous list keeps its element type; a mixed one becomes a list of strings. */
  private static ListOf listOf(List<Object> elements) {
    Kind kind = null;
    for (Object e : elements) {
      Kind k =
          e instanceof String
              ? Kind.STRING
              : e instanceof Boolean
                  ? Kind.BOOLEAN
                  : (e instanceof Long
                          || e instanceof Integer
                          || e instanceof Short
                          || e instanceof Byte)
                      ? Kind.LONG
                      : (e instanceof Double || e instanceof Float) ? Kind.DOUBLE : Kind.STRING;
      if (e == null || (kind != null && kind != k)) {
        kind = Kind.STRING;
        break;
      }
      kind = k;
    }
    if (kind == null) {
      kind = Kind.STRING;
    }
    List<Object> out = new ArrayList<>(elements.size());
    for (Object e : elements) {
      switch (kind) {
        case LONG:
          out.add(((Number) e).longValue());
          break;
        case DOUBLE:
          out.add(((Number) e).doubleValue());
          break;
        case BOOLEAN:
          out.add(e);
          break;
        default:
          out.add(e instanceof String ? e : Diagnostics.safeToString(e));
      }
    }
    return new ListOf(kind, out);
  }
}
