package dev.optel.internal.config;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code OTEL_RESOURCE_ATTRIBUTES}: comma-separated {@code key=value} entries whose values
 * are percent-encoded (W3C Baggage octets). As the OpenTelemetry specification asks, a value with
 * any malformed entry is discarded as a whole and reported.
 */
final class ResourceAttributes {
  private ResourceAttributes() {}

  /** Thrown for a malformed entry; the message names it. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Checks a value; the rule of {@link Settings#RESOURCE_ATTRIBUTES}.
   *
   * @param value the raw variable value
   * @return {@code null} when it parses; else what is wrong
   */
  static String problem(String value) {
    try {
      parse(value);
      return null;
    } catch (Malformed e) {
      return "malformed (" + e.getMessage() + ")";
    }
  }

  /**
   * Parses a value that {@link #problem} accepted.
   *
   * @param value the raw variable value, or {@code null}
   * @return the decoded attributes; empty for {@code null} or a malformed value
   */
  static Map<String, String> parseChecked(String value) {
    try {
      return value == null ? Map.of() : parse(value);
    } catch (Malformed e) {
      return Map.of();
    }
  }

  /**
   * Parses the value.
   *
   * @param value the raw variable value
   * @return the decoded attributes, in order; later duplicates win
   * @throws Malformed when an entry has no {@code =}, an empty key, or a bad percent-encoding
   */
  static Map<String, String> parse(String value) throws Malformed {
    Map<String, String> result = new LinkedHashMap<>();
    for (String entry : value.split(",", -1)) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new Malformed("entry \"" + entry.strip() + "\" has no '='");
      }
      String key = entry.substring(0, eq).strip();
      if (key.isEmpty()) {
        throw new Malformed("entry \"" + entry.strip() + "\" has an empty key");
      }
      result.put(key, decode(entry.substring(eq + 1).strip(), entry.strip()));
    }
    return result;
  }

  /** Decodes %XX sequences as UTF-8 bytes; '+' stays a plus sign (unlike URLDecoder). */
  static String decode(String value, String entry) throws Malformed {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '%') {
        int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw new Malformed("entry \"" + entry + "\" has a '%' not followed by two hex digits");
        }
        bytes.write(hi * 16 + lo);
        i += 3;
      } else {
        int end = i;
        while (end < value.length() && value.charAt(end) != '%') {
          end++;
        }
        bytes.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("entry \"" + entry + "\" does not decode to UTF-8");
    }
  }
}
