package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Levels changed in the backend at run time reach every facade, made before or after the change, in
 * both directions, through a parent logger too, and Logback's turbo filters are honoured exactly.
 * With Logback optel follows its level changes instead of asking the logger on every call, so these
 * are the tests that keep that honest; with Log4j they hold as well.
 */
@Timeout(60)
class LevelChangeTest {
  private static final String BASE = "dev.optel.tests.level";

  private static LogCapture capture;

  /** Loggers whose level a test set, put back to inheriting after it. */
  private final List<String> changed = new ArrayList<>();

  @BeforeAll
  static void setUp() {
    capture = LogCapture.forClasspath();
  }

  @BeforeEach
  void clear() {
    if (capture != null) {
      capture.clear();
    }
  }

  @AfterEach
  void restoreLevels() {
    for (String name : changed) {
      capture.setLevel(name, null);
    }
  }

  private void setLevel(String logger, String level) {
    changed.add(logger);
    capture.setLevel(logger, level);
  }

  private static List<String> written() {
    return capture.events().stream().map(LogEvent::message).toList();
  }

  // Each test makes its facades while the level is high and then lowers it: a facade that missed
  // a raised level would still ask the backend and answer right, one that missed a lowered level
  // would drop events.

  @Test
  void setLevel_onTheLogger_reachesFacadesMadeBeforeAndAfter_bothWays() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    String name = BASE + ".own";
    setLevel(name, "WARN");
    LoggingFacade before = Telemetry.get(name).logger();
    LoggingFacade bound = before.bind("k", "v");
    before.info("i0");
    before.warning("w0");

    setLevel(name, "DEBUG");
    LoggingFacade after = Telemetry.get(name).logger();
    assertThat(before.isEnabled(LogLevel.DEBUG)).isTrue();
    before.debug("d1", "k", 1);
    bound.debug("d2");
    after.debug("d3", "k", 1, "k2", 2);
    before.atDebug().field("n", 1L).log("d4");

    setLevel(name, "INFO");
    assertThat(before.isEnabled(LogLevel.DEBUG)).isFalse();
    assertThat(before.isEnabled(LogLevel.INFO)).isTrue();
    before.debug("d5");
    bound.debug("d6");
    after.atDebug().log("d7");
    before.info("i1");
    after.info("i2");

    setLevel(name, "OFF");
    before.critical("c1");
    bound.error("e1");

    setLevel(name, "DEBUG");
    before.debug("d8");
    bound.debug("d9");
    after.atDebug().log("d10");

    assertThat(written())
        .containsExactly("w0", "d1", "d2", "d3", "d4", "i1", "i2", "d8", "d9", "d10");
  }

  @Test
  void setLevel_onAParent_reachesItsChildren_unlessTheyHaveTheirOwn() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    String parent = BASE + ".parent";
    setLevel(parent, "ERROR");
    LoggingFacade child = Telemetry.get(parent + ".child").logger();
    LoggingFacade grandchild = Telemetry.get(parent + ".child.grandchild").logger();
    LoggingFacade own = Telemetry.get(parent + ".own").logger();
    setLevel(parent + ".own", "WARN");
    child.warning("w1");
    grandchild.info("i1");
    own.warning("w2");
    child.error("e1");

    setLevel(parent, "DEBUG");
    LoggingFacade later = Telemetry.get(parent + ".later").logger();
    child.debug("d1");
    grandchild.debug("d2");
    own.info("i2");
    later.debug("d3");

    setLevel(parent, "OFF");
    child.critical("c1");
    later.error("e2");
    own.error("e3");

    setLevel(parent, null); // inherits the root's DEBUG again
    grandchild.debug("d4");
    later.debug("d5");

    assertThat(written()).containsExactly("w2", "e1", "d1", "d2", "d3", "e3", "d4", "d5");
  }

  @Test
  void levelChangedOnAnotherThread_isSeenAfterwards() throws Exception {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    String name = BASE + ".threads";
    setLevel(name, "OFF");
    LoggingFacade log = Telemetry.get(name).logger();
    // This thread asks for a level, the other sets it and answers; only then is the level read.
    SynchronousQueue<String> wanted = new SynchronousQueue<>();
    SynchronousQueue<String> set = new SynchronousQueue<>();
    Thread changer =
        new Thread(
            () -> {
              try {
                while (true) {
                  String level = wanted.take();
                  capture.setLevel(name, level);
                  set.put(level);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the end of the test
              }
            },
            "level-changer");
    changer.start();
    try {
      String[] levels = {"INFO", "DEBUG", "ERROR", "WARN", "DEBUG", "OFF", "INFO"};
      for (int round = 0; round < 20; round++) {
        for (String level : levels) {
          assertThat(wanted.offer(level, 10, TimeUnit.SECONDS)).isTrue();
          assertThat(set.poll(10, TimeUnit.SECONDS)).isEqualTo(level);
          assertThat(log.isEnabled(LogLevel.DEBUG)).as(level).isEqualTo(level.equals("DEBUG"));
          assertThat(log.isEnabled(LogLevel.INFO))
              .as(level)
              .isEqualTo(level.equals("DEBUG") || level.equals("INFO"));
          assertThat(log.isEnabled(LogLevel.ERROR)).as(level).isEqualTo(!level.equals("OFF"));
        }
      }
    } finally {
      changer.interrupt();
      changer.join(10_000);
    }
  }

  @Test
  void logbackReset_andReconfiguration_areSeen() throws Exception {
    assumeTrue(Cp.LOGBACK, "resets and reconfigures Logback");
    LogbackCapture logback = LogbackCapture.INSTANCE;
    String name = BASE + ".reset";
    setLevel(name, "ERROR");
    LoggingFacade log = Telemetry.get(name).logger();
    try {
      log.warning("w1");

      logback.reset(); // every logger but the root inherits again: DEBUG
      log.debug("d1");

      logback.configure("<logger name=\"" + name + "\" level=\"ERROR\"/>");
      log.warning("w2");
      LoggingFacade after = Telemetry.get(name).logger();
      after.warning("w3");
      after.error("e1");

      logback.configure("<logger name=\"" + name + "\" level=\"INFO\"/>"); // no reset
      log.info("i1");
      after.info("i2");
      log.debug("d2");

      assertThat(written()).containsExactly("d1", "e1", "i1", "i2");
    } finally {
      logback.reset();
      logback.configure("");
    }
  }

  @Test
  void logbackStoppedAndStartedAgain_levelsAreStillSeen() throws Exception {
    assumeTrue(Cp.LOGBACK, "stops and starts Logback");
    LogbackCapture logback = LogbackCapture.INSTANCE;
    String name = BASE + ".stop";
    setLevel(name, "ERROR");
    LoggingFacade before = Telemetry.get(name).logger();
    try {
      logback.stopAndStart(); // stop() drops every listener of the context
      setLevel(name, "ERROR");
      LoggingFacade after = Telemetry.get(name).logger();
      before.info("i1");
      after.info("i2");

      setLevel(name, "INFO");
      before.info("i3");
      after.info("i4");
      before.debug("d1");

      assertThat(written()).containsExactly("i3", "i4");
    } finally {
      logback.reset();
      logback.configure("");
    }
  }

  @Test
  void logbackTurboFilter_thatAccepts_letsAnEventBelowTheLevelThrough_andOneThatDenies_blocks() {
    assumeTrue(Cp.LOGBACK, "Logback's turbo filters");
    LogbackCapture logback = LogbackCapture.INSTANCE;
    String name = BASE + ".turbo";
    setLevel(name, "INFO");
    LoggingFacade log = Telemetry.get(name).logger();
    log.debug("d1");

    logback.withTurboFilter(
        name,
        "DEBUG",
        true,
        () -> {
          assertThat(log.isEnabled(LogLevel.DEBUG)).isTrue();
          log.debug("d2");
          log.atDebug().log("d3");
        });
    log.debug("d4");

    logback.withTurboFilter(
        name,
        "INFO",
        false,
        () -> {
          assertThat(log.isEnabled(LogLevel.INFO)).isFalse();
          log.info("i1");
          log.warning("w1");
        });
    log.info("i2");

    assertThat(written()).containsExactly("d2", "d3", "w1", "i2");
  }
}
