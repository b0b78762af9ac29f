package dev.optel.bench;

/** Checks that a benchmark runs on the class path its scenario needs. */
final class Scenario {
  private Scenario() {}

  static void require(String scenario, boolean holds) {
    if (!holds) {
      throw new IllegalStateException(
          "this benchmark belongs to class path \""
              + scenario
              + "\" (see optel-benchmarks/run.sh); it was started with another one");
    }
  }
}
