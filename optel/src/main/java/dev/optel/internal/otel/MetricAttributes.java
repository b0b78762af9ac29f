package dev.optel.internal.otel;

import dev.optel.internal.Diagnostics;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads an instrument's key-values into OpenTelemetry {@link Attributes}, remembers the last few
 * sets, and warns once when the instrument reaches the SDK's cardinality limit.
 *
 * <p><b>Reading</b> is that of a log event's key-values: {@code k1, v1, k2, v2, ...}; a key that is
 * not a string becomes its string form ({@code null} becomes {@code "null"}); an unpaired last
 * value is kept under {@code "extra"}; {@code null} values are left out. Both irregular cases are
 * reported once per instrument. Values keep their types as span attributes do ({@link Attrs}).
 *
 * <p><b>The cache.</b> Building {@code Attributes} per call (typed keys, a builder, a sort) is what
 * makes OpenTelemetry's own per-call attributes cost; a hot call site passes the same few sets
 * again and again. So the last sets are kept in a small direct-mapped table keyed by the key-values
 * themselves, and a hit hands the SDK the very same {@code Attributes} object (whose lookup in the
 * SDK's own map then starts with an identity check). Only key-values made of immutable values
 * (strings, boxed primitives, characters) are cached: an array value could change after the call.
 * Entries are immutable records in a plain array: a racy read sees either a whole entry or another
 * one, never a torn one (final fields), and a miss only costs a rebuild. The entry used last is
 * tried first, before any hashing: most instruments are called with one set at a time, and a value
 * that equals a cached one is itself of that immutable type (their {@code equals} say so), so the
 * hit needs no type test either.
 *
 * <p><b>Cardinality.</b> The SDK keeps at most 2,000 attribute sets per instrument and metric
 * reader by default (a reader may choose another limit); further sets are aggregated into one
 * series with {@code otel.metric.overflow=true}, which a reader or its exporter cannot be asked
 * about. optel counts the distinct sets it built for each instrument, and when they reach that
 * default limit it warns once, naming the instrument, then stops counting (and frees the set).
 */
final class MetricAttributes {
  /** The SDK's default per-instrument cardinality limit. */
  static final int SDK_DEFAULT_LIMIT = 2000;

  private static final int SLOTS = 16;

  private final String instrument;
  private final Entry[] cache = new Entry[SLOTS];

  /** The entry hit or added last; a plain field, like the table's slots. */
  private Entry last;

  /** The distinct attribute sets built so far; {@code null} once the limit was reported. */
  private volatile Set<Attributes> seen = ConcurrentHashMap.newKeySet();

  private record Entry(Object[] keyValues, Attributes attributes) {}

  MetricAttributes(String instrument) {
    this.instrument = instrument;
  }

  /**
   * Returns {@code base} plus the attributes read from {@code keyValues}.
   *
   * @param base fixed attributes (from {@code bind}); often empty
   * @param keyValues the call's key-values; may be {@code null}
   * @return the attributes
   */
  Attributes with(Attributes base, Object[] keyValues) {
    if (keyValues == null || keyValues.length == 0) {
      return base;
    }
    if (!base.isEmpty()) {
      return counted(read(base.toBuilder(), keyValues));
    }
    Entry e = last;
    if (e != null && sameValues(e.keyValues(), keyValues)) {
      return e.attributes();
    }
    int hash = cacheableHash(keyValues);
    if (hash == 0) {
      return counted(read(Attributes.builder(), keyValues));
    }
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    e = cache[slot];
    if (e == null || !sameValues(e.keyValues(), keyValues)) {
      e = new Entry(keyValues.clone(), counted(read(Attributes.builder(), keyValues)));
      cache[slot] = e;
    }
    last = e;
    return e.attributes();
  }

  private Attributes read(AttributesBuilder builder, Object[] keyValues) {
    int n = keyValues.length;
    for (int i = 0; i + 1 < n; i += 2) {
      Object key = keyValues[i];
      String k;
      if (key instanceof String s) {
        k = s;
      } else {
        k = Diagnostics.safeToString(key);
        Diagnostics.warnOnce(
            "metric.key." + instrument,
            "instrument \""
                + instrument
                + "\" was given an attribute key that is not a string ("
                + k
                + "); its string form"
                + " is used",
            null);
      }
      put(builder, k, keyValues[i + 1]);
    }
    if ((n & 1) == 1) {
      Diagnostics.warnOnce(
          "metric.odd." + instrument,
          "instrument \""
              + instrument
              + "\" was given an odd number of key-values; the last value is kept as \"extra\"",
          null);
      put(builder, "extra", keyValues[n - 1]);
    }
    return builder.build();
  }

  private static void put(AttributesBuilder builder, String key, Object value) {
    Attrs.Typed t = Attrs.convert(key, value);
    if (t != null) {
      builder.put(t.key(), t.value());
    }
  }

  private Attributes counted(Attributes attributes) {
    Set<Attributes> s = seen;
    if (s != null && s.add(attributes) && s.size() >= SDK_DEFAULT_LIMIT) {
      seen = null;
      Diagnostics.warnOnce(
          "metric.cardinality." + instrument,
          "instrument \""
              + instrument
              + "\" has been given "
              + SDK_DEFAULT_LIMIT
              + " distinct attribute sets, the"
              + " OpenTelemetry SDK's default cardinality limit: the SDK aggregates further sets into"
              + " one series with otel.metric.overflow=true. Use fewer distinct attribute values.",
          null);
    }
    return attributes;
  }

  /** A hash of the key-values when every element is immutable; {@code 0} means "do not cache". */
  private static int cacheableHash(Object[] keyValues) {
    int h = 1;
    for (Object o : keyValues) {
      if (!(o instanceof String
          || o instanceof Long
          || o instanceof Integer
          || o instanceof Boolean
          || o instanceof Double
          || o instanceof Short
          || o instanceof Byte
          || o instanceof Float
          || o instanceof Character)) {
        return 0;
      }
      h = 31 * h + o.hashCode();
    }
    return h == 0 ? 1 : h;
  }

  private static boolean sameValues(Object[] cached, Object[] keyValues) {
    if (cached.length != keyValues.length) {
      return false;
    }
    for (int i = 0; i < cached.length; i++) {
      // Keys are mostly the same literals, and values often the same objects.
      Object c = cached[i];
      Object v = keyValues[i];
      if (c != v && !c.equals(v)) {
        return false;
      }
    }
    return true;
  }
}
