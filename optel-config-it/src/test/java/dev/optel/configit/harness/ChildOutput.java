package dev.optel.configit.harness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the child applications use to hand results back to the test that started them. */
public final class ChildOutput {
  /** Prefix of every reported line, so that reports never mix with the application's own output. */
  public static final String PREFIX = "@@optel-it ";

  /** The key of {@link #reportLeaving()}. */
  static final String LEAVING = "leaving.at";

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

  /**
   * Reports that the application starts to leave (to shut telemetry down, or to exit through the
   * shutdown hooks): the start of {@link ChildJvm.Result#leaving()}. Wall-clock time, which the
   * parent JVM on the same machine reads too.
   */
  public static void reportLeaving() {
    report(LEAVING, System.currentTimeMillis());
  }

  /** A child application's own work, which may throw anything. */
  @FunctionalInterface
  public interface Body {
    /** Does the work. */
    void run() throws Exception;
  }

  /**
   * Runs a child application's body, then halts the JVM <em>without</em> running shutdown hooks:
   * whatever the application did not export itself is lost, which is what the tests check. What
   * escapes the body is reported as {@code escaped}, printed, and makes the exit code 1.
   */
  public static void runAndHalt(Body body) {
    int exit = 0;
    try {
      body.run();
    } catch (Throwable t) {
      report("escaped", t);
      t.printStackTrace();
      exit = 1;
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(exit);
  }

  /**
   * The {@code key=value} arguments a test passed to a child application, by key (the value is
   * everything after the first {@code =}).
   */
  public static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return options;
  }
}
