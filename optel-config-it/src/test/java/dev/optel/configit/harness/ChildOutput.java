package dev.optel.configit.harness;

import java.util.List;
import java.util.Optional;

/** What the child applications use to hand results back to the test that started them. */
public final class ChildOutput {
  /** Prefix of every reported line, so that reports never mix with the application's own output. */
  public static final String PREFIX = "@@optel-it ";

  private ChildOutput() {}

  /**
   * The value of the last line {@code key=value} among {@code lines}, as {@link #report} printed
   * it.
   */
  static Optional<String> lastReported(List<String> lines, String key) {
    String prefix = PREFIX + key + "=";
    String found = null;
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        found = line.substring(prefix.length());
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Prints one {@code key=value} line the parent reads with {@link
   * ChildJvm.Result#reported(String)}.
   */
  public static void report(String key, Object value) {
    System.out.println(PREFIX + key + "=" + value);
    System.out.flush();
  }
}
