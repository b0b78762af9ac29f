package dev.optel.internal.otel;

import dev.optel.Propagation;
import dev.optel.internal.ContextToken;
import io.opentelemetry.context.Scope;

/**
 * A {@link ContextToken} that closes an OpenTelemetry {@link Scope}; also the {@link
 * Propagation.Scope} that {@code Propagation} hands out, so that it need not wrap this one.
 */
final class ScopeToken implements ContextToken, Propagation.Scope {
  private final Scope scope;

  ScopeToken(Scope scope) {
    this.scope = scope;
  }

  @Override
  public void close() {
    OtelSpan.closeScope(scope);
  }
}
