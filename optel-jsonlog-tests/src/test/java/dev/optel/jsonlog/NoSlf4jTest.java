package dev.optel.jsonlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.LogLevel;
import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import dev.optel.internal.logging.StructuredOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without SLF4J, Logback or Log4j the core still loads and install declines quietly. */
class NoSlf4jTest {
  @Test
  void install_declinesWithoutAnyBackend() {
    assertThatThrownBy(() -> Class.forName("org.slf4j.Logger"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("ch.qos.logback.classic.LoggerContext"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.apache.logging.log4j.core.LoggerContext"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(StructuredOutput.install(LogLevel.DEBUG, List.of())).isFalse();
    assertThat(StructuredOutput.isInstalled()).isFalse();
    StructuredOutput.uninstall();
    assertThat(Telemetry.hasStructuredLogging()).isFalse();
    assertThat(Telemetry.get("app.none").logger()).isSameAs(LoggingFacade.noop());
  }
}
