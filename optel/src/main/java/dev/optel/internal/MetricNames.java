package dev.optel.internal;

/**
 * OpenTelemetry's rules for instrument names and units, checked by optel at creation so that a
 * mistake gets one warning naming the instrument, with or without an SDK (the SDK would otherwise
 * log its own warning, or nothing without one).
 */
public final class MetricNames {
  /** The longest name the specification allows. */
  static final int MAX_NAME = 255;

  /** The longest unit the specification allows. */
  static final int MAX_UNIT = 63;

  private MetricNames() {}

  /**
   * Tells whether {@code name} is a valid instrument name: an ASCII letter, then at most 254 ASCII
   * letters, digits, {@code _ . / -}. Reports an invalid one once.
   *
   * @param name the name
   * @param kind the instrument kind, for the warning
   * @return {@code true} when valid
   */
  public static boolean valid(String name, String kind) {
    if (validName(name)) {
      return true;
    }
    String shown = name == null ? "null" : "\"" + shorten(name) + "\"";
    Diagnostics.warnOnce(
        "metric.name." + shown,
        "invalid "
            + kind
            + " name "
            + shown
            + " (OpenTelemetry instrument names are an ASCII letter, then up to 254 letters, digits,"
            + " '_', '.', '/' or '-'); the instrument records nothing",
        null);
    return false;
  }

  /**
   * Returns the unit to use: {@code unit} when valid, {@code ""} for {@code null} and for an
   * invalid unit (longer than 63 characters, or not printable ASCII), which is reported once.
   *
   * @param name the instrument name, for the warning
   * @param unit the unit
   * @return the unit; never {@code null}
   */
  public static String unit(String name, String unit) {
    if (unit == null) {
      return "";
    }
    boolean ok = unit.length() <= MAX_UNIT;
    for (int i = 0; ok && i < unit.length(); i++) {
      char c = unit.charAt(i);
      ok = c >= 0x20 && c < 0x7f;
    }
    if (!ok) {
      Diagnostics.warnOnce(
          "metric.unit." + name,
          "instrument \""
              + name
              + "\" was given an invalid"
              + " unit \""
              + shorten(unit)
              + "\" (at most 63 printable ASCII characters); it is left"
              + " out",
          null);
      return "";
    }
    return unit;
  }

  static boolean validName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME || !letter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!letter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '/' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String shorten(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }
}
