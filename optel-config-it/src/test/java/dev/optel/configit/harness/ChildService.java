package dev.optel.configit.harness;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A child JVM that serves until it is closed, started by {@link ChildJvm#start(Duration)}: a
 * service the tests call over HTTP while it runs.
 *
 * <p>The child announces itself with {@link ChildOutput#report ChildOutput.report("port", port)}
 * once it listens; everything it prints is kept, line by line, for assertions and failure messages.
 * Its standard input stays open: closing it is the child's cue to stop cleanly (see {@code
 * apps.Services}), and it also closes when this JVM dies, so that no child outlives the build.
 * {@link #close()} closes it, waits for the exit and kills the child if it does not come.
 */
public final class ChildService implements AutoCloseable {
  private static final Duration STOP = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Thread killAtExit;
  private int port;

  private ChildService(String name, Process process) {
    this.name = name;
    this.process = process;
    collect(process.getInputStream(), stdout, name + "-stdout");
    collect(process.getErrorStream(), stderr, name + "-stderr");
    // Should this JVM end without close() (a killed build), take the child along.
    killAtExit = new Thread(process::destroyForcibly, name + "-kill");
    Runtime.getRuntime().addShutdownHook(killAtExit);
  }

  static ChildService start(String name, ProcessBuilder builder, Duration startup)
      throws IOException {
    ChildService service = new ChildService(name, builder.start());
    try {
      service.port = Integer.parseInt(service.awaitReported("port", startup));
      return service;
    } catch (RuntimeException | Error e) {
      service.close();
      throw e;
    }
  }

  private static void collect(InputStream stream, List<String> lines, String threadName) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("<output not readable: " + e + ">");
              }
            },
            threadName);
    reader.setDaemon(true);
    reader.start();
  }

  /** The port the child reported. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The lines the child has printed on standard output so far. */
  public List<String> stdoutLines() {
    return List.copyOf(stdout);
  }

  /** The value of the last {@code key=value} line the child has reported so far. */
  public Optional<String> reported(String key) {
    return ChildOutput.lastReported(stdout, key);
  }

  /**
   * Waits until the child has reported {@code key} and returns the value; fails with the child's
   * output when the child exits first or {@code timeout} passes.
   */
  public String awaitReported(String key, Duration timeout) {
    try {
      await(name + " reports " + key)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                if (reported(key).isPresent()) {
                  return true;
                }
                if (!process.isAlive()) {
                  throw new AssertionError(
                      name + " exited before reporting " + key + "\n" + describe());
                }
                return false;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          name + " did not report " + key + " within " + timeout + "\n" + describe(), e);
    }
    return reported(key).orElseThrow();
  }

  /** Whether the child is running. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** What the child printed so far, for assertion messages. */
  public String describe() {
    return name
        + (process.isAlive() ? " (running)" : " (exit code " + process.exitValue() + ")")
        + "\n--- stdout ---\n"
        + String.join("\n", stdout)
        + "\n--- stderr ---\n"
        + String.join("\n", stderr);
  }

  /**
   * Stops the child: closes its standard input (its cue to stop), waits up to 10 seconds for it to
   * exit, then kills it. Returns once the process is gone.
   *
   * @throws IllegalStateException if the process is still alive after that
   */
  @Override
  public void close() {
    try {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // Already closed: the child has ended or is ending; the wait below settles it.
      }
      if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killAtExit);
    } catch (IllegalStateException e) {
      // This JVM is shutting down: the hook runs anyway.
    }
    if (process.isAlive()) {
      throw new IllegalStateException(name + " did not stop\n" + describe());
    }
  }
}
