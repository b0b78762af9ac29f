package dev.optel.configit.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension handing test methods and lifecycle methods one {@link ZipkinServer} per test run:
 * it starts on first use and stops when the whole run ends, so that test classes share its start-up
 * time.
 */
public final class SharedZipkin implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ZipkinServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // AutoCloseable values in the root store are closed when the whole run ends.
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(SharedZipkin.class))
        .getOrComputeIfAbsent("zipkin", key -> start(), ZipkinServer.class);
  }

  private static ZipkinServer start() {
    try {
      return ZipkinServer.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
