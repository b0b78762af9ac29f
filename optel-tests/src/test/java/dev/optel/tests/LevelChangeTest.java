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

  @Test
  void setLevel_onTheLogger_reachesFacadesMadeBeforeAndAfter_bothWays() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    String name = BASE + ".own";
    LoggingFacade before = Telemetry.get(name).logger();
    LoggingFacade bound = before.bind("k", "v");
    before.debug("d1");

    setLevel(name, "INFO");
    LoggingFacade after = Telemetry.get(name).logger();
    assertThat(before.isEnabled(LogLevel.DEBUG)).isFalse();
    assertThat(before.isEnabled(LogLevel.INFO)).isTrue();
    before.debug("d2", "k", 1);
    bound.debug("d3");
    after.debug("d4", "k", 1, "k2", 2);
    before.atDebug().field("n", 1L).log("d5");
    before.info("i1");
    after.info("i2");

    setLevel(name, "WARN");
    before.info("i3");
    after.atInfo().log("i4");
    bound.warning("w1");

    setLevel(name, "DEBUG");
    assertThat(before.isEnabled(LogLevel.DEBUG)).isTrue();
    before.debug("d6");
    bound.debug("d7");
    after.atDebug().log("d8");

    assertThat(written()).containsExactly("d1", "i1", "i2", "w1", "d6", "d7", "d8");
  }

  @Test
  void setLevel_onAParent_reachesItsChildren_unlessTheyHaveTheirOwn() {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    String parent = BASE + ".parent";
    LoggingFacade child = Telemetry.get(parent + ".child").logger();
    LoggingFacade grandchild = Telemetry.get(parent + ".child.grandchild").logger();
    LoggingFacade own = Telemetry.get(parent + ".own").logger();
    setLevel(parent + ".own", "DEBUG");

    setLevel(parent, "ERROR");
    child.warning("w1");
    grandchild.info("i1");
    own.debug("d1");
    child.error("e1");
    LoggingFacade later = Telemetry.get(parent + ".later").logger();
    later.warning("w2");

    setLevel(parent, "DEBUG");
    child.debug("d2");
    grandchild.debug("d3");
    later.debug("d4");

    setLevel(parent, "OFF");
    child.critical("c1");
    own.critical("c2");

    setLevel(parent, null);
    grandchild.debug("d5");

    assertThat(written()).containsExactly("d1", "e1", "d2", "d3", "d4", "c2", "d5");
  }

  @Test
  void levelChangedOnAnotherThread_isSeenAfterwards() throws Exception {
    assumeTrue(capture != null, "needs a readable SLF4J provider");
    String name = BASE + ".threads";
    LoggingFacade log = Telemetry.get(name).logger();
    changed.add(name);
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
    LoggingFacade log = Telemetry.get(name).logger();
    try {
      setLevel(name, "WARN");
      log.info("i1");

      logback.reset(); // every other logger inherits again, root DEBUG
      log.debug("d1");

      logback.configure("<logger name=\"" + name + "\" level=\"ERROR\"/>");
      log.warning("w1");
      log.error("e1");
      LoggingFacade after = Telemetry.get(name).logger();
      after.warning("w2");
      after.error("e2");

      assertThat(written()).containsExactly("d1", "e1", "e2");
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
    LoggingFacade log = Telemetry.get(name).logger();
    setLevel(name, "INFO");
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
