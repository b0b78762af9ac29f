package dev.optel.configit.harness;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a main class of the test sources in a child JVM: the only way to give an application its own
 * environment variables. The child starts from this JVM's environment without any {@code OTEL_*}
 * variable, so only the variables a test chooses reach it.
 *
 * <pre>{@code
 * ChildJvm.Result r = ChildJvm.of(TraceApp.class)
 *     .env("OTEL_TRACES_EXPORTER", "zipkin")
 *     .args("3")
 *     .run(Duration.ofSeconds(60));
 * }</pre>
 */
public final class ChildJvm {
  private final String mainClass;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private String classpath = System.getProperty("java.class.path");

  private ChildJvm(String mainClass) {
    this.mainClass = mainClass;
    // Same settings as the test JVM for context checks; a small, quick-starting JVM.
    jvmArgs.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dio.opentelemetry.context.enableStrictContext=true"));
  }

  /** A child JVM that will run {@code mainClass} on the test class path. */
  public static ChildJvm of(Class<?> mainClass) {
    return new ChildJvm(mainClass.getName());
  }

  /** Sets an environment variable of the child. */
  public ChildJvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Sets a system property of the child ({@code -Dname=value}). */
  public ChildJvm sysProp(String name, String value) {
    jvmArgs.add("-D" + name + "=" + value);
    return this;
  }

  /** Adds JVM options, such as {@code -javaagent:...}. */
  public ChildJvm jvmArgs(String... options) {
    jvmArgs.addAll(List.of(options));
    return this;
  }

  /** Adds program arguments. */
  public ChildJvm args(String... arguments) {
    args.addAll(List.of(arguments));
    return this;
  }

  /**
   * Replaces the class path (default: this JVM's class path, the test class path under Surefire).
   */
  public ChildJvm classpath(String path) {
    classpath = path;
    return this;
  }

  /**
   * Runs the child to its end and returns what it printed. A child still running after {@code
   * timeout} is killed and reported as an {@link AssertionError} carrying its output so far.
   */
  public Result run(Duration timeout) throws IOException, InterruptedException {
    ProcessBuilder builder = processBuilder();
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      long endedAtMillis = System.currentTimeMillis();
      Result result =
          new Result(
              finished ? process.exitValue() : -1, join(out), join(err), elapsed, endedAtMillis);
      if (!finished) {
        throw new AssertionError(
            "child JVM "
                + mainClass
                + " still running after "
                + timeout
                + "; killed\n"
                + result.describe());
      }
      return result;
    } finally {
      // Also when this thread is interrupted while waiting (the JUnit timeout): no child outlives
      // its test.
      process.destroyForcibly();
    }
  }

  /**
   * Starts the child as a long-running service and returns once it has reported {@code port=NNNN}
   * (see {@link ChildService}); a child that exits first, or reports no port within {@code
   * startup}, is stopped and reported as an {@link AssertionError} carrying its output.
   */
  public ChildService start(Duration startup) throws IOException {
    return ChildService.start(mainClass, processBuilder(), startup);
  }

  /**
   * Runs the child on this JVM's class path without any OpenTelemetry jar (group {@code
   * io.opentelemetry}): an application that has never heard of OpenTelemetry. SLF4J, Logback and
   * everything else stay.
   */
  public ChildJvm withoutOpenTelemetry() {
    String separator = File.pathSeparator;
    classpath =
        Arrays.stream(classpath.split(Pattern.quote(separator)))
            .filter(entry -> !isOpenTelemetryJar(Path.of(entry)))
            .collect(Collectors.joining(separator));
    return this;
  }

  private static boolean isOpenTelemetryJar(Path entry) {
    // Maven repository layout: .../io/opentelemetry/<artifact>/<version>/<artifact>-<version>.jar
    Path name = entry.getFileName();
    return name != null
        && name.toString().endsWith(".jar")
        && (entry.toString().replace(File.separatorChar, '/').contains("/io/opentelemetry/")
            || name.toString().startsWith("opentelemetry-"));
  }

  private ProcessBuilder processBuilder() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_"));
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    return builder;
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException | RuntimeException e) {
                text.completeExceptionally(e);
              }
            },
            "child-jvm-drain");
    reader.setDaemon(true);
    reader.start();
    return text;
  }

  private static String join(CompletableFuture<String> text) {
    try {
      return text.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return "<output not readable: " + e + ">";
    }
  }

  /** Where the build copied the executable jar named by system property {@code property}. */
  public static Path requiredJar(String property) {
    String value = System.getProperty(property);
    if (value == null || !new File(value).isFile()) {
      throw new IllegalStateException(
          "system property "
              + property
              + " must name a jar (set by the module's pom), was "
              + value);
    }
    return Path.of(value);
  }

  /**
   * The end of a child run.
   *
   * @param exitCode the process exit code ({@code -1} when killed)
   * @param stdout everything written to standard output
   * @param stderr everything written to standard error
   * @param elapsed wall time from start to exit
   * @param endedAtMillis when this JVM saw the child end ({@link System#currentTimeMillis()})
   */
  public record Result(
      int exitCode, String stdout, String stderr, Duration elapsed, long endedAtMillis) {

    /**
     * How long the child took to end after it reported {@link ChildOutput#reportLeaving()}: its
     * shutdown, its shutdown hooks and the JVM's exit, without its start, class loading and work,
     * which a loaded machine slows the most.
     */
    public Duration leaving() {
      return Duration.ofMillis(endedAtMillis - Long.parseLong(required(ChildOutput.LEAVING)));
    }

    /**
     * The largest of a measure over runs: of runs with exporter {@code none} taken before and after
     * the run under test, the one the machine's load slowed the most.
     */
    public static long slowest(ToLongFunction<Result> measure, Result... runs) {
      return Arrays.stream(runs).mapToLong(measure).max().orElseThrow();
    }

    /**
     * The value of the last line {@code key=value} the child printed with {@link
     * ChildOutput#report}.
     */
    public Optional<String> reported(String key) {
      return ChildOutput.lastReported(List.of(stdout.split("\\R")), key);
    }

    /** Like {@link #reported(String)}, failing with the child's output when the key is missing. */
    public String required(String key) {
      return reported(key)
          .orElseThrow(() -> new AssertionError("child did not report " + key + "\n" + describe()));
    }

    /** Exit code and both output streams, for assertion messages. */
    public String describe() {
      return "exit code "
          + exitCode
          + " after "
          + elapsed.toMillis()
          + " ms\n--- stdout ---\n"
          + stdout
          + "\n--- stderr ---\n"
          + stderr;
    }
  }
}
