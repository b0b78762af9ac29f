package dev.optel.internal.otel;

import dev.optel.internal.ContextToken;
import io.opentelemetry.context.Scope;

/** A {@link ContextToken} that closes an OpenTelemetry {@link Scope}. */
final class ScopeToken implements ContextToken {
  private final Scope scope;

  ScopeToken(Scope scope) {
    this.scope = scope;
  }

  @Override
  public void close() {
    OtelSpan.closeScope(scope);
  }
}
