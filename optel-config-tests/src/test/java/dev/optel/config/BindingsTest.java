package dev.optel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.internal.Bindings;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * optel's one loader of optional bindings ({@code Bindings}): probe, load by name, and a failure
 * after the probes succeeded is one warning; fatal errors are rethrown.
 */
class BindingsTest extends ConfigTestSupport {
  private static final String[] PRESENT = {"java.lang.String"};
  private static final String PREFIX = BindingsTest.class.getName() + "$";

  private static Supplier<?> load(String binding, String... probes) {
    return Bindings.load(
        Supplier.class,
        PREFIX + binding,
        probes,
        "test." + UUID.randomUUID(),
        "the test binding cannot be used");
  }

  @Test
  void probesPresent_bindingIsCreated() {
    assertThat(load("Working", PRESENT).get()).isEqualTo("working");
    assertThat(records).isEmpty();
  }

  @Test
  void probeMissing_noBindingAndNothingSaid() {
    assertThat(Bindings.present("java.lang.String", "no.such.Library")).isFalse();
    assertThat(load("Working", "java.lang.String", "no.such.Library")).isNull();
    assertThat(records).isEmpty();
  }

  @Test
  void bindingDeclines_noBindingAndNothingSaid() {
    assertThat(load("Declining", PRESENT)).isNull();
    assertThat(records).isEmpty();
  }

  @Test
  void bindingThatCannotLink_isOneWarningNamingTheCause() {
    assertThat(load("Unlinkable", PRESENT)).isNull();
    assertThat(recordsAt(Level.WARNING))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getMessage())
                  .contains("the test binding cannot be used")
                  .contains("NoClassDefFoundError")
                  .contains("some/Missing");
              assertThat(r.getThrown()).isInstanceOf(NoClassDefFoundError.class);
            });
  }

  @Test
  void bindingThatThrows_isOneWarning() {
    assertThat(load("Throwing", PRESENT)).isNull();
    assertThat(load("NoSuchBinding", PRESENT)).isNull();
    assertThat(warnings())
        .hasSize(2)
        .allSatisfy(w -> assertThat(w).contains("the test binding cannot be used"));
  }

  @Test
  void fatalErrorOfTheBinding_isRethrown() {
    assertThatThrownBy(() -> load("OutOfMemory", PRESENT))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessage("test");
  }

  /** A binding. */
  public static final class Working {
    /** Called by name. */
    public static Supplier<String> create() {
      return () -> "working";
    }
  }

  /** A binding that declines. */
  public static final class Declining {
    /** Called by name. */
    public static Supplier<String> create() {
      return null;
    }
  }

  /** A binding whose library is incomplete. */
  public static final class Unlinkable {
    /** Called by name. */
    public static Supplier<String> create() {
      throw new NoClassDefFoundError("some/Missing");
    }
  }

  /** A binding that fails. */
  public static final class Throwing {
    /** Called by name. */
    public static Supplier<String> create() {
      throw new IllegalStateException("cannot start");
    }
  }

  /** A binding that meets a fatal error. */
  public static final class OutOfMemory {
    /** Called by name. */
    public static Supplier<String> create() {
      throw new OutOfMemoryError("test");
    }
  }
}
