package dev.optel.internal.otel;

import dev.optel.internal.PassThroughStandIn;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** TEMPORARY stand-in (s16-e2e): Propagation on the installed propagators. Replaced by s16-prop. */
public final class PropagationStandIn {
  private PropagationStandIn() {}

  private static TextMapPropagator propagator() {
    OpenTelemetry otel = GlobalOtel.installed();
    return otel == null ? null : otel.getPropagators().getTextMapPropagator();
  }

  /** Injects the current context. */
  public static void inject(BiConsumer<String, String> setter) {
    TextMapPropagator p = propagator();
    if (p == null) {
      PassThroughStandIn.inject(setter);
      return;
    }
    p.inject(Context.current(), setter, (s, k, v) -> s.accept(k, v));
  }

  /** Extracts and makes current; returns what closes the scope. */
  public static Runnable extract(Function<String, String> getter) {
    TextMapPropagator p = propagator();
    if (p == null) {
      return PassThroughStandIn.extract(getter);
    }
    Context context = p.extract(Context.current(), getter, new TextMapGetter<Function<String, String>>() {
      @Override
      public Iterable<String> keys(Function<String, String> carrier) {
        return List.of();
      }

      @Override
      public String get(Function<String, String> carrier, String key) {
        return carrier == null ? null : carrier.apply(key);
      }
    });
    Scope scope = context.makeCurrent();
    return scope::close;
  }
}
