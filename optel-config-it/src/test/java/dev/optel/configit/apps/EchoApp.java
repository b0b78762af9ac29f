package dev.optel.configit.apps;

import dev.optel.configit.harness.ChildOutput;
import java.util.concurrent.CountDownLatch;

/** Harness check: reports what the child JVM sees, or blocks forever when asked to. */
public final class EchoApp {
  private EchoApp() {}

  /**
   * Reports the variable named by {@code args[0]}, the system property named by {@code args[1]},
   * and whether optel is on the class path; with {@code args[2] == "block"} it then waits forever.
   */
  public static void main(String[] args) throws Exception {
    ChildOutput.report("env", System.getenv(args[0]));
    ChildOutput.report("prop", System.getProperty(args[1]));
    ChildOutput.report("optel", Class.forName("dev.optel.Telemetry").getName());
    System.err.println("to stderr");
    if (args.length > 2 && args[2].equals("block")) {
      new CountDownLatch(1).await();
    }
    System.exit(args.length > 2 && args[2].equals("fail") ? 3 : 0);
  }
}
