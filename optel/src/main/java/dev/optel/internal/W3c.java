package dev.optel.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * optel's own codec for the W3C Trace Context ({@code traceparent}, {@code tracestate}) and W3C
 * Baggage ({@code baggage}) header values. Pure string work, no optional types: it serves the
 * process without OpenTelemetry and, as the validator of the incoming W3C headers, every other case
 * too.
 *
 * <p>Nothing here throws on any input: a value that is not valid is answered with {@code null} (or
 * an empty list), and the caller ignores it, as the specifications ask.
 */
public final class W3c {
  /** The header that carries the trace id, the parent id and the flags. */
  public static final String TRACEPARENT = "traceparent";

  /** The header that carries vendor-specific trace state. */
  public static final String TRACESTATE = "tracestate";

  /** The header that carries baggage. */
  public static final String BAGGAGE = "baggage";

  /** Most {@code tracestate} list members; a longer list is invalid as a whole. */
  public static final int MAX_TRACESTATE_MEMBERS = 32;

  /** Most baggage entries read or written; the ones after are dropped. */
  public static final int MAX_BAGGAGE_ENTRIES = 180;

  /**
   * Most bytes of a {@code baggage} value read or written; entries that would exceed are dropped.
   */
  public static final int MAX_BAGGAGE_BYTES = 8192;

  private static final String HEX = "0123456789abcdef";

  /** The two hex digits of each trace flags value, so that writing a header makes no string. */
  private static final String[] FLAGS = new String[256];

  static {
    for (int i = 0; i < FLAGS.length; i++) {
      FLAGS[i] = new String(new char[] {HEX.charAt(i >> 4), HEX.charAt(i & 0xf)});
    }
  }

  /** {@link #CHARS} flag: a lowercase hex digit. */
  private static final byte LOWER_HEX = 1;

  /** {@link #CHARS} flag: a character of a {@code tracestate} key after the first. */
  private static final byte KEY = 2;

  /**
   * Flags of each ASCII character. A table lookup rather than a chain of comparisons: hex digits
   * and letters alternate at random in ids, which defeats branch prediction.
   */
  private static final byte[] CHARS = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      boolean digit = c >= '0' && c <= '9';
      boolean lower = c >= 'a' && c <= 'z';
      CHARS[c] =
          (byte)
              ((digit || c >= 'a' && c <= 'f' ? LOWER_HEX : 0)
                  | (digit || lower || "_-*/@".indexOf(c) >= 0 ? KEY : 0));
    }
  }

  private W3c() {}

  /**
   * A valid {@code traceparent}.
   *
   * @param traceId 32 lowercase hex digits, not all zeros
   * @param parentId 16 lowercase hex digits, not all zeros
   * @param flags the trace flags, 0 to 255
   * @param header the version 00 header value, {@code 00-traceId-parentId-flags}: the received
   *     string itself when it was exactly that, so that passing it on copies nothing
   */
  public record TraceParent(String traceId, String parentId, int flags, String header) {}

  /**
   * One baggage entry.
   *
   * @param key the key (an HTTP token when it came from a header)
   * @param value the decoded value
   * @param metadata the entry's properties as received ({@code k=v;k2}), or {@code ""}
   */
  public record BaggageEntry(String key, String value, String metadata) {}

  /**
   * Writes a version 00 {@code traceparent}.
   *
   * @param traceId 32 lowercase hex digits
   * @param parentId 16 lowercase hex digits
   * @param flags the trace flags, 0 to 255
   * @return the header value
   */
  public static String header(String traceId, String parentId, int flags) {
    // One concatenation: the JDK sizes the result once and copies nothing afterwards.
    return "00-" + traceId + '-' + parentId + '-' + FLAGS[flags & 0xff];
  }

  /**
   * Parses a {@code traceparent} value as Trace Context Level 1 says: optional whitespace around it
   * is ignored; version {@code 00} must be exactly 55 characters; a higher version is parsed by its
   * first four fields, and may only continue with {@code -} after them; version {@code ff},
   * upper-case hex and all-zero ids are invalid.
   *
   * @param value the header value, may be {@code null}
   * @return the parsed value, or {@code null} when absent or invalid
   */
  public static TraceParent parseTraceparent(String value) {
    if (value == null) {
      return null;
    }
    int start = 0;
    int end = value.length();
    while (start < end && isOws(value.charAt(start))) {
      start++;
    }
    while (end > start && isOws(value.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    if (length < 55
        || !isLowerHex(value, start, start + 2)
        || value.charAt(start + 2) != '-'
        || value.charAt(start + 35) != '-'
        || value.charAt(start + 52) != '-') {
      return null;
    }
    boolean version00 = value.charAt(start) == '0' && value.charAt(start + 1) == '0';
    if (value.charAt(start) == 'f' && value.charAt(start + 1) == 'f') {
      return null;
    }
    if (version00 ? length != 55 : length > 55 && value.charAt(start + 55) != '-') {
      return null;
    }
    if (!isLowerHex(value, start + 3, start + 35)
        || !isLowerHex(value, start + 36, start + 52)
        || !isLowerHex(value, start + 53, start + 55)) {
      return null;
    }
    if (isAllZeros(value, start + 3, start + 35) || isAllZeros(value, start + 36, start + 52)) {
      return null;
    }
    String traceId = value.substring(start + 3, start + 35);
    String parentId = value.substring(start + 36, start + 52);
    int flags = hexDigit(value.charAt(start + 53)) << 4 | hexDigit(value.charAt(start + 54));
    String header =
        version00 && start == 0 && end == value.length() ? value : header(traceId, parentId, flags);
    return new TraceParent(traceId, parentId, flags, header);
  }

  /**
   * Validates a {@code tracestate} value (repeated headers joined with {@code ,}) and returns it in
   * its plain form: members separated by {@code ,} without whitespace, empty members left out,
   * order kept. A key is a lowercase letter or digit followed by up to 255 of {@code a-z 0-9 _ - *
   * / @} (so {@code tenant@system} keys are included); a value is 1 to 256 printable ASCII
   * characters other than {@code ,} and {@code =}, not ending in a space. A repeated key keeps its
   * first member (the specification allows dropping the others). One invalid member, or more than
   * 32 members, makes the whole value invalid.
   *
   * @param value the header value, may be {@code null}
   * @return the plain form, or {@code null} when absent, empty or invalid
   */
  public static String parseTracestate(String value) {
    if (value == null) {
      return null;
    }
    if (isPlainTracestate(value)) {
      return value; // the common case, checked without copying anything
    }
    StringBuilder out = new StringBuilder(value.length());
    Set<String> keys = null;
    int members = 0;
    int n = value.length();
    for (int i = 0; i <= n; ) {
      int comma = value.indexOf(',', i);
      if (comma < 0) {
        comma = n;
      }
      int s = i;
      int e = comma;
      while (s < e && isOws(value.charAt(s))) {
        s++;
      }
      while (e > s && isOws(value.charAt(e - 1))) {
        e--;
      }
      if (s < e) {
        int eq = value.indexOf('=', s);
        if (eq < 0
            || eq >= e
            || !isTraceStateKey(value, s, eq)
            || !isTraceStateValue(value, eq + 1, e)) {
          return null;
        }
        String key = value.substring(s, eq);
        if (keys == null) {
          keys = new HashSet<>();
        }
        if (keys.add(key)) {
          if (++members > MAX_TRACESTATE_MEMBERS) {
            return null;
          }
          if (out.length() > 0) {
            out.append(',');
          }
          out.append(value, s, e);
        }
      }
      i = comma + 1;
    }
    return out.length() == 0 ? null : out.toString();
  }

  /**
   * Whether {@code value} is a valid {@code tracestate} that is already in its plain form: 1 to 32
   * members, none empty, no whitespace around them, no key twice. {@link #parseTracestate} answers
   * anything else with its general (copying) route, which also judges validity.
   */
  private static boolean isPlainTracestate(String value) {
    int n = value.length();
    int members = 0;
    for (int s = 0; ; ) {
      int comma = value.indexOf(',', s);
      if (comma < 0) {
        comma = n;
      }
      int eq = value.indexOf('=', s);
      // The key's first character must be a letter or digit and the value may not end in
      // whitespace, so a valid member here has no whitespace around it.
      if (eq < 0
          || eq >= comma
          || ++members > MAX_TRACESTATE_MEMBERS
          || !isTraceStateKey(value, s, eq)
          || !isTraceStateValue(value, eq + 1, comma)
          || hasKeyBefore(value, s, eq)) {
        return false;
      }
      if (comma == n) {
        return true;
      }
      s = comma + 1;
    }
  }

  /**
   * Whether a member of the plain list before index {@code start} has the key {@code value[start,
   * eq)}. At most 32 members are compared (the caller stops there), so no header makes this costly.
   */
  private static boolean hasKeyBefore(String value, int start, int eq) {
    int length = eq - start;
    for (int t = 0; t < start; t = value.indexOf(',', t) + 1) {
      int teq = value.indexOf('=', t);
      if (teq - t == length && value.regionMatches(t, value, start, length)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses a {@code baggage} value: {@code key=value} members separated by {@code ,}, each with
   * optional {@code ;}-separated properties that are kept as they came. Keys are HTTP tokens;
   * values are percent-decoded as UTF-8 (invalid sequences become U+FFFD). An invalid member is
   * skipped; a repeated key keeps its last value; members beyond {@link #MAX_BAGGAGE_ENTRIES}
   * entries or {@link #MAX_BAGGAGE_BYTES} bytes are dropped.
   *
   * @param value the header value, may be {@code null}
   * @return the entries in order, possibly empty
   */
  public static List<BaggageEntry> parseBaggage(String value) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    Map<String, BaggageEntry> entries = new LinkedHashMap<>();
    int bytes = 0;
    int n = value.length();
    for (int i = 0; i <= n && entries.size() < MAX_BAGGAGE_ENTRIES; ) {
      int comma = value.indexOf(',', i);
      if (comma < 0) {
        comma = n;
      }
      BaggageEntry entry = parseBaggageMember(value.substring(i, comma));
      if (entry != null) {
        int size = encodedSize(entry) + (entries.isEmpty() ? 0 : 1);
        if (bytes + size <= MAX_BAGGAGE_BYTES) {
          bytes += size;
          entries.remove(entry.key());
          entries.put(entry.key(), entry);
        }
      }
      i = comma + 1;
    }
    return List.copyOf(entries.values());
  }

  private static BaggageEntry parseBaggageMember(String member) {
    int semicolon = member.indexOf(';');
    String pair = semicolon < 0 ? member : member.substring(0, semicolon);
    int eq = pair.indexOf('=');
    if (eq < 0) {
      return null;
    }
    String key = trimOws(pair.substring(0, eq));
    String value = trimOws(pair.substring(eq + 1));
    if (!isToken(key) || !isBaggageOctets(value)) {
      return null;
    }
    String metadata = "";
    if (semicolon >= 0) {
      StringBuilder properties = new StringBuilder();
      for (String property : member.substring(semicolon + 1).split(";", -1)) {
        int peq = property.indexOf('=');
        String pkey = trimOws(peq < 0 ? property : property.substring(0, peq));
        String pvalue = peq < 0 ? null : trimOws(property.substring(peq + 1));
        if (!isToken(pkey) || (pvalue != null && !isBaggageOctets(pvalue))) {
          return null;
        }
        if (properties.length() > 0) {
          properties.append(';');
        }
        properties.append(pkey);
        if (pvalue != null) {
          properties.append('=').append(pvalue);
        }
      }
      metadata = properties.toString();
    }
    return new BaggageEntry(key, percentDecode(value), metadata);
  }

  /**
   * Writes a {@code baggage} value: values percent-encoded as UTF-8, properties as they came.
   * Entries whose key is not an HTTP token are skipped, and so are the ones beyond {@link
   * #MAX_BAGGAGE_ENTRIES} entries or {@link #MAX_BAGGAGE_BYTES} bytes.
   *
   * @param entries the entries
   * @return the value, or {@code null} when nothing is left to write
   */
  public static String formatBaggage(Iterable<BaggageEntry> entries) {
    StringBuilder out = new StringBuilder();
    int count = 0;
    for (BaggageEntry entry : entries) {
      if (count == MAX_BAGGAGE_ENTRIES) {
        break;
      }
      if (entry == null || !isToken(entry.key()) || entry.value() == null) {
        continue;
      }
      String metadata = entry.metadata() == null ? "" : entry.metadata().trim();
      String member =
          entry.key()
              + '='
              + percentEncode(entry.value())
              + (metadata.isEmpty() || !isAscii(metadata) ? "" : ';' + metadata);
      int size = member.length() + (count == 0 ? 0 : 1);
      if (out.length() + size > MAX_BAGGAGE_BYTES) {
        continue;
      }
      if (count++ > 0) {
        out.append(',');
      }
      out.append(member);
    }
    return count == 0 ? null : out.toString();
  }

  private static int encodedSize(BaggageEntry entry) {
    return entry.key().length()
        + 1
        + percentEncode(entry.value()).length()
        + (entry.metadata().isEmpty() ? 0 : 1 + entry.metadata().length());
  }

  /**
   * Percent-encodes a baggage value: its UTF-8 bytes, each one that is not a baggage octet (and
   * {@code %} itself) as {@code %XX}.
   *
   * @param value the value
   * @return the encoded value
   */
  static String percentEncode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (isBaggageOctet(c) && c != '%') {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(HEX.charAt(c >> 4)))
            .append(Character.toUpperCase(HEX.charAt(c & 0xf)));
      }
    }
    return out.toString();
  }

  /** Decodes {@code %XX} sequences as UTF-8; a {@code %} not followed by two hex digits stays. */
  static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int hi;
      int lo;
      if (c == '%'
          && i + 2 < value.length()
          && (hi = Character.digit(value.charAt(i + 1), 16)) >= 0
          && (lo = Character.digit(value.charAt(i + 2), 16)) >= 0) {
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isTraceStateKey(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 256) {
      return false;
    }
    char first = s.charAt(from);
    if (!(first >= 'a' && first <= 'z' || first >= '0' && first <= '9')) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      if (!is(s.charAt(i), KEY)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTraceStateValue(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 256 || s.charAt(to - 1) == ' ') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  /** An HTTP token (RFC 9110 {@code tchar}s), at least one character. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBaggageOctets(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isBaggageOctet(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E}: printable ASCII but {@code " , ; \}. */
  private static boolean isBaggageOctet(int c) {
    return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!is(s.charAt(i), LOWER_HEX)) {
        return false;
      }
    }
    return true;
  }

  private static boolean is(char c, byte flag) {
    return c < 128 && (CHARS[c] & flag) != 0;
  }

  private static boolean isAllZeros(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  /** The value of a lowercase hex digit that {@link #isLowerHex} accepted. */
  private static int hexDigit(char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  private static String trimOws(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isOws(s.charAt(start))) {
      start++;
    }
    while (end > start && isOws(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }
}
