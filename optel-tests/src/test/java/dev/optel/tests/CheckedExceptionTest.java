package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optel.Span;
import dev.optel.Telemetry;
import dev.optel.TracingFacade;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inSpan} passes the body's own checked exception type through. The methods below compile
 * only while that holds; the compiler checks in the second half prove that a method which does not
 * declare the body's exception is rejected (so the signature is not simply {@code throws Exception}
 * or sneaky).
 */
class CheckedExceptionTest {
  private final TracingFacade tracer = Telemetry.get(CheckedExceptionTest.class).tracer();

  /** Declares only {@code IOException}: would not compile if {@code inSpan} threw Exception. */
  private String readValue(boolean fail) throws IOException {
    return tracer.inSpan(
        "read",
        (Span span) -> {
          if (fail) {
            throw new IOException("disk");
          }
          return "value";
        });
  }

  /** Declares only {@code IOException}, void form. */
  private void writeValue(boolean fail) throws IOException {
    tracer.inSpan(
        "write",
        span -> {
          if (fail) {
            throw new IOException("disk full");
          }
        });
  }

  /** Declares nothing: a body without checked exceptions needs no try. */
  private int computeValue() {
    return tracer.inSpan("compute", (Span span) -> 42);
  }

  @Test
  void inSpan_bodyThrowingIoException_throwsIoExceptionUnchanged() throws IOException {
    assertThat(readValue(false)).isEqualTo("value");
    writeValue(false);
    assertThat(computeValue()).isEqualTo(42);
    assertThatThrownBy(() -> readValue(true))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("disk");
    assertThatThrownBy(() -> writeValue(true))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("disk full");
  }

  @Test
  void inSpan_callerThatDoesNotDeclareTheBodysException_doesNotCompile(@TempDir Path dir)
      throws IOException {
    String undeclared =
        "class Undeclared {\n"
            + "  String read(dev.optel.TracingFacade t) {\n"
            + "    return t.inSpan(\"read\", (dev.optel.Span s) -> {\n"
            + "      if (s == null) { throw new java.io.IOException(\"x\"); }\n"
            + "      return \"v\";\n"
            + "    });\n"
            + "  }\n"
            + "}\n";
    assertThat(compile(dir, "Undeclared", undeclared))
        .contains("unreported exception java.io.IOException");

    String declared =
        "class Declared {\n"
            + "  String read(dev.optel.TracingFacade t) throws java.io.IOException {\n"
            + "    return t.inSpan(\"read\", (dev.optel.Span s) -> {\n"
            + "      if (s == null) { throw new java.io.IOException(\"x\"); }\n"
            + "      return \"v\";\n"
            + "    });\n"
            + "  }\n"
            + "  void run(dev.optel.TracingFacade t) {\n"
            + "    t.inSpan(\"run\", s -> { s.setAttribute(\"k\", 1); });\n"
            + "  }\n"
            + "}\n";
    assertThat(compile(dir, "Declared", declared)).isEmpty();
  }

  /** Compiles one source against the core jar and returns the error messages. */
  private static String compile(Path dir, String className, String source) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("tests run on a JDK").isNotNull();
    String optel =
        Path.of(
                URI.create(
                    TracingFacade.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toString()))
            .toString();
    Path out = Files.createDirectories(dir.resolve(className));
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      List<String> options =
          List.of("-classpath", optel, "-d", out.toString(), "-proc:none", "-implicit:none");
      StringWriter log = new StringWriter();
      boolean ok = compiler.getTask(log, files, diagnostics, options, null, List.of(file)).call();
      StringBuilder errors = new StringBuilder();
      diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
          .forEach(d -> errors.append(d.getMessage(null)).append(File.separatorChar));
      assertThat(ok).as(errors.toString()).isEqualTo(errors.length() == 0);
      return errors.toString();
    }
  }
}
