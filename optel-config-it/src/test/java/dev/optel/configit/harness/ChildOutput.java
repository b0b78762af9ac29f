package dev.optel.configit.harness;

/** What the child applications use to hand results back to the test that started them. */
public final class ChildOutput {
  /** Prefix of every reported line, so that reports never mix with the application's own output. */
  public static final String PREFIX = "@@optel-it ";

  private ChildOutput() {}

  /** Prints one {@code key=value} line the parent reads with {@link ChildJvm.Result#reported(String)}. */
  public static void report(String key, Object value) {
    System.out.println(PREFIX + key + "=" + value);
    System.out.flush();
  }
}
