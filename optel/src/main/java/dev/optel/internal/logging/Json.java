package dev.optel.internal.logging;

import dev.optel.internal.Diagnostics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for log lines. Numbers and booleans stay JSON numbers and booleans (NaN and
 * the infinities, which JSON lacks, become strings); maps (from processors) become objects to a
 * bounded depth; arrays, collections and iterables become arrays as {@link LogValues} bounds them;
 * everything else is written as a string through a {@code toString()} that may not throw into the
 * caller.
 */
final class Json {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int MAX_DEPTH = 8;

  private Json() {}

  /**
   * Renders a field map as one JSON object, without a line break.
   *
   * @param fields the fields, in output order
   * @return the JSON text
   */
  static String object(Map<?, ?> fields) {
    StringBuilder out = new StringBuilder(256);
    writeMap(out, fields, 0);
    return out.toString();
  }

  private static void writeMap(StringBuilder out, Map<?, ?> map, int depth) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      Object key = e.getKey();
      string(out, key instanceof String s ? s : Diagnostics.safeToString(key));
      out.append(':');
      value(out, e.getValue(), depth + 1);
    }
    out.append('}');
  }

  private static void value(StringBuilder out, Object v, int depth) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      string(out, s);
    } else if (v instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || v.getClass() == BigInteger.class
        || v.getClass() == BigDecimal.class) {
      out.append(v); // exact classes only: a subclass's toString() may be anything
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        string(out, v.toString());
      } else {
        out.append(v);
      }
    } else if (v instanceof Map<?, ?> m && depth < MAX_DEPTH) {
      writeMap(out, m, depth);
    } else if (LogValues.isSequence(v)) {
      Object list = LogValues.list(v); // bounded in size and depth by LogValues itself
      if (list instanceof List<?> elements) {
        out.append('[');
        for (int i = 0; i < elements.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          value(out, elements.get(i), depth);
        }
        out.append(']');
      } else {
        value(out, list, depth);
      }
    } else {
      string(out, Diagnostics.safeToString(v));
    }
  }

  /** Writes a JSON string; control characters, U+2028/9 and lone surrogates are escaped. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            unicode(out, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < n
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicode(out, c); // a lone surrogate cannot be encoded as UTF-8; keep it as an escape
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static void unicode(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[c >> 12 & 15])
        .append(HEX[c >> 8 & 15])
        .append(HEX[c >> 4 & 15])
        .append(HEX[c & 15]);
  }
}
