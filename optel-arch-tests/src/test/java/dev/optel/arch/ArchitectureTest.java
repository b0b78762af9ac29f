package dev.optel.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.optel.Telemetry;
import dev.optel.internal.Backends;
import dev.optel.internal.ContextExecutors;
import dev.optel.internal.ContextSnapshot;
import dev.optel.internal.ContextToken;
import dev.optel.internal.Diagnostics;
import dev.optel.internal.LogFields;
import dev.optel.internal.MetricNames;
import dev.optel.internal.NonRecordingSpan;
import dev.optel.internal.PlainPropagation;
import dev.optel.internal.Propagator;
import dev.optel.internal.TaskThreads;
import dev.optel.internal.config.Configurator;
import dev.optel.internal.config.Request;
import dev.optel.internal.config.Settings;
import dev.optel.internal.http.HttpAttributes;
import dev.optel.internal.http.HttpMetrics;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the core jar, checked on its compiled classes (signatures and bodies):
 * optional libraries are named only by their bindings, bindings are only loaded by name, and the
 * public package reaches the internals only through a few entry points.
 *
 * <p>Why: the core jar must load and run with none of the optional libraries present. A class that
 * names one of them fails with {@code NoClassDefFoundError} when it is loaded (or verified) without
 * it, so such classes live in their binding package, and {@code Backends}, {@code StructuredOutput}
 * and {@code Configurator} load them by name only after detection found the library. Each rule is
 * shown to fail on a fixture that breaks it ({@code *_failsOnAFixture}).
 */
class ArchitectureTest {
  private static final String PUBLIC = "dev.optel";
  private static final String OTEL = "dev.optel.internal.otel..";
  private static final String SDK = "dev.optel.internal.sdk..";
  private static final String SLF4J = "dev.optel.internal.slf4j..";
  private static final String LOGBACK = "dev.optel.internal.logback..";
  private static final String LOG4J = "dev.optel.internal.log4j..";
  private static final String[] BINDINGS = {OTEL, SDK, SLF4J, LOGBACK, LOG4J};
  private static final String[] OPTIONAL_LIBRARIES = {
    "io.opentelemetry..", "org.slf4j..", "ch.qos.logback..", "org.apache.logging..", "zipkin2.."
  };

  /**
   * The internal classes (with their nested classes) that classes of the public package {@code
   * dev.optel} may use; every other internal class is an implementation detail behind them.
   *
   * <ul>
   *   <li>{@link Backends}: the detected backends, the one seam to the bindings, and {@link
   *       ContextToken}, what its {@code makeCurrent} returns.
   *   <li>{@link Diagnostics}: the one place problems are reported.
   *   <li>{@link NonRecordingSpan}: {@code Span.noop()}, shared with the OpenTelemetry binding.
   *   <li>{@link ContextSnapshot}, {@link ContextExecutors}, {@link TaskThreads}: context capture
   *       and the threads behind {@code TracedAsync} and {@code TaskGroup}.
   *   <li>{@link LogFields}: the storage behind {@code LogContext}.
   *   <li>{@link Configurator}, {@link Request}: {@code TelemetryConfig}'s way in.
   *   <li>{@link Settings}: the one table of settings, so that the builder checks its arguments by
   *       the same rules as the environment.
   *   <li>{@link HttpAttributes}: the semantic-convention names of {@code TracedHttp}'s spans, kept
   *       in one place that a test checks against the semconv jar (compile-time constants, so today
   *       no class file names it; listed so that it stays allowed if that changes).
   *   <li>{@link HttpMetrics}: {@code TracedHttp}'s request-duration histograms, kept apart from
   *       the wrappers so that the JDK's HTTP types stay in {@code TracedHttp}'s classes.
   * </ul>
   *
   * <p>Adding one is a decision: say here why the public package needs it.
   */
  static final Class<?>[] ENTRY_POINTS = {
    Backends.class,
    ContextToken.class,
    Diagnostics.class,
    NonRecordingSpan.class,
    ContextSnapshot.class,
    ContextExecutors.class,
    TaskThreads.class,
    LogFields.class,
    Configurator.class,
    Request.class,
    Settings.class,
    HttpAttributes.class,
    HttpMetrics.class,
    Propagator.class,
    PlainPropagation.class,
    MetricNames.class
  };

  /**
   * The core jar's classes and nothing else: imported from where {@link Telemetry} was loaded
   * (optel/target/classes or the jar), so that no test class is among them. Optional libraries are
   * not imported (see archunit.properties); their types are known by name, which is all the rules
   * need.
   */
  private static final JavaClasses CORE = importCore();

  @Test
  void theImport_holdsTheWholeCoreJarAndNothingElse() {
    assertThat(CORE.stream().map(JavaClass::getName).collect(Collectors.toSet()))
        .contains(
            "dev.optel.Telemetry",
            "dev.optel.internal.Backends",
            "dev.optel.internal.otel.OtelTracingBackend",
            "dev.optel.internal.otel.OtelMeterBackend",
            "dev.optel.internal.slf4j.Slf4jLoggingBackend",
            "dev.optel.internal.logback.LogbackOutput",
            "dev.optel.internal.log4j.Log4jOutput",
            "dev.optel.internal.sdk.AutoconfigureInstaller")
        .allMatch(name -> name.startsWith("dev.optel.") && !name.startsWith("dev.optel.arch."));
  }

  @Test
  void openTelemetry_isNamedOnlyByItsBindingAndTheSdkCode() {
    onlyNamedIn("io.opentelemetry..", OTEL, SDK).check(CORE);
  }

  @Test
  void slf4j_isNamedOnlyByItsBindingAndTheLoggingBackendAdapters() {
    onlyNamedIn("org.slf4j..", SLF4J, LOGBACK, LOG4J).check(CORE);
  }

  @Test
  void logback_isNamedOnlyByItsAdapter() {
    onlyNamedIn("ch.qos.logback..", LOGBACK).check(CORE);
  }

  @Test
  void log4j_isNamedOnlyByItsAdapter() {
    onlyNamedIn("org.apache.logging..", LOG4J).check(CORE);
  }

  @Test
  void zipkin_isNamedOnlyByTheSdkCode() {
    onlyNamedIn("zipkin2..", SDK).check(CORE);
  }

  @Test
  void thePublicPackage_namesNoOptionalType() {
    publicPackageNamesNoOptionalType().check(CORE);
  }

  @Test
  void theJdkHttpModules_areNamedOnlyByTheHttpHelpers() {
    jdkHttpNamedOnlyByTheHttpHelpers().check(CORE);
  }

  @Test
  void theHttpHelpers_areUsedOnlyByTracedHttp() {
    httpHelpersUsedOnlyByTracedHttp().check(CORE);
  }

  @Test
  void bindings_areOnlyLoadedByName() {
    for (String binding : BINDINGS) {
      onlyUsedFromWithin(binding).check(CORE);
    }
  }

  @Test
  void thePublicPackage_usesOnlyTheEntryPointsOfTheInternals() {
    publicPackageUsesOnlyEntryPoints().check(CORE);
  }

  @Test
  void onlyNamedIn_failsOnAFixture() {
    JavaClasses fixture =
        fixture("dev.optel.internal.logging.ArchFixtures$NamesOpenTelemetryInABody");
    assertThat(onlyNamedIn("io.opentelemetry..", OTEL, SDK).evaluate(fixture).hasViolation())
        .isTrue();
  }

  @Test
  void publicPackageNamesNoOptionalType_failsOnFixtures() {
    for (String broken :
        new String[] {
          "dev.optel.ArchFixtures$NamesOpenTelemetryInABody",
          "dev.optel.ArchFixtures$NamesSlf4jInASignature",
          "dev.optel.ArchFixtures$NamesOpenTelemetryInATypeArgument"
        }) {
      assertThat(publicPackageNamesNoOptionalType().evaluate(fixture(broken)).hasViolation())
          .as(broken)
          .isTrue();
    }
  }

  @Test
  void onlyUsedFromWithin_failsOnAFixture() {
    JavaClasses fixture = fixture("dev.optel.internal.logging.ArchFixtures$NamesABindingClass");
    assertThat(onlyUsedFromWithin(OTEL).evaluate(fixture).hasViolation()).isTrue();
  }

  @Test
  void publicPackageUsesOnlyEntryPoints_failsOnAFixture() {
    JavaClasses fixture = fixture("dev.optel.ArchFixtures$UsesAnInternalClassThatIsNoEntryPoint");
    assertThat(publicPackageUsesOnlyEntryPoints().evaluate(fixture).hasViolation()).isTrue();
  }

  @Test
  void jdkHttpNamedOnlyByTheHttpHelpers_failsOnAFixture() {
    JavaClasses fixture = fixture("dev.optel.ArchFixtures$NamesTheJdkHttpClientInABody");
    assertThat(jdkHttpNamedOnlyByTheHttpHelpers().evaluate(fixture).hasViolation()).isTrue();
  }

  @Test
  void httpHelpersUsedOnlyByTracedHttp_failsOnAFixture() {
    JavaClasses fixture = fixture("dev.optel.ArchFixtures$UsesAnHttpHelper");
    assertThat(httpHelpersUsedOnlyByTracedHttp().evaluate(fixture).hasViolation()).isTrue();
  }

  /**
   * {@code java.net.http} and {@code jdk.httpserver} are optional modules of {@code dev.optel}
   * ({@code requires static}): only {@code TracedHttp} and its helpers ({@code TracedHttpClient},
   * {@code TracedHttpHandler}) name them, so a module graph without them loads everything else.
   */
  static ArchRule jdkHttpNamedOnlyByTheHttpHelpers() {
    return noClasses()
        .that(not(HTTP_HELPERS))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net.http..", "com.sun.net.httpserver..")
        .because(
            "the JDK's HTTP modules are optional for dev.optel; only TracedHttp's classes"
                + " may name them");
  }

  /** The helpers are reached only through {@code TracedHttp}, so they load only when it is used. */
  static ArchRule httpHelpersUsedOnlyByTracedHttp() {
    return noClasses()
        .that(not(HTTP_HELPERS))
        .should()
        .dependOnClassesThat(HTTP_HELPERS)
        .because(
            "TracedHttp's classes name the JDK's optional HTTP modules and must load only"
                + " when an application uses TracedHttp");
  }

  /** {@code dev.optel.TracedHttp} and the package-private classes behind it. */
  private static final DescribedPredicate<JavaClass> HTTP_HELPERS =
      DescribedPredicate.describe(
          "TracedHttp's classes", c -> c.getName().startsWith("dev.optel.TracedHttp"));

  /** Only classes in {@code allowed} may name a type of {@code library}. */
  static ArchRule onlyNamedIn(String library, String... allowed) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(allowed)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(library)
        .because(
            "the core jar must load without "
                + library
                + "; only classes that are loaded"
                + " by name after detection may name it");
  }

  static ArchRule publicPackageNamesNoOptionalType() {
    return noClasses()
        .that()
        .resideInAPackage(PUBLIC)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(OPTIONAL_LIBRARIES)
        .because(
            "the public API is used by every library on every class path; it reaches the"
                + " optional libraries only through the bindings");
  }

  /**
   * Nothing outside a binding package uses its classes: they name optional types, so they must be
   * loaded by name (Class.forName) once detection found the library, never linked to directly.
   */
  static ArchRule onlyUsedFromWithin(String binding) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(binding)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(binding)
        .because("binding classes name optional types and are loaded by name after detection");
  }

  static ArchRule publicPackageUsesOnlyEntryPoints() {
    return classes()
        .that()
        .resideInAPackage(PUBLIC)
        .should()
        .onlyDependOnClassesThat(
            not(resideInAPackage("dev.optel.internal..")).or(belongToAnyOf(ENTRY_POINTS)))
        .because(
            "the public package reaches the internals only through the entry points listed"
                + " in ArchitectureTest.ENTRY_POINTS");
  }

  /** Imports one of the package-private fixture classes of the test sources (see ArchFixtures). */
  private static JavaClasses fixture(String binaryName) {
    try {
      return new ClassFileImporter()
          .importClasses(Class.forName(binaryName, false, ArchitectureTest.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** In a reactor build the core is its jar after {@code package}, its classes folder before. */
  private static JavaClasses importCore() {
    try {
      Path core =
          Path.of(Telemetry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(core)) {
        return new ClassFileImporter().importPath(core);
      }
      try (JarFile jar = new JarFile(core.toFile())) {
        return new ClassFileImporter().importJar(jar);
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the core's classes", e);
    }
  }
}
