package dev.optel.internal.otel;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Everything in {@code dev.optel.internal.otel} that the OpenTelemetry API does not promise: today
 * two private fields. Each use says why it is needed and what happens on a version without it. The
 * SDK binding ({@code internal.sdk}) has its own {@code SdkCompat}: this class must load with the
 * API alone.
 */
final class OtelCompat {
  private OtelCompat() {}

  /**
   * A handle on the private static field {@code GlobalOpenTelemetry.globalOpenTelemetry}.
   *
   * <p>Why: optel must look at the installed OpenTelemetry at every span start without installing
   * one. {@code GlobalOpenTelemetry.get()} installs the no-op when nothing is set (the
   * application's own {@code set} then fails); {@code isSet()} and {@code getOrNoop()} are new in
   * 1.57 and take a lock on every call. Reading the field is a plain volatile read, on every API
   * version so far.
   *
   * <p>The field's declared type is not the same on every version: 1.0.0 up to about 1.2x declare
   * it as the private nested class {@code GlobalOpenTelemetry.ObfuscatedOpenTelemetry} (which
   * implements {@link OpenTelemetry}), later versions as {@link OpenTelemetry}. A VarHandle lookup
   * must name the exact declared type, so it is taken from the field itself, and only accepted when
   * it is a static field holding some {@link OpenTelemetry}.
   *
   * @return the handle
   * @throws ReflectiveOperationException when a version renamed or retyped the field, or the module
   *     system denies access; {@code GlobalOtel} then uses {@code isSet()} or {@code get()}
   */
  static VarHandle globalField() throws ReflectiveOperationException {
    Field declared = GlobalOpenTelemetry.class.getDeclaredField("globalOpenTelemetry");
    Class<?> type = declared.getType();
    if (!Modifier.isStatic(declared.getModifiers())
        || !OpenTelemetry.class.isAssignableFrom(type)) {
      throw new NoSuchFieldException(
          "globalOpenTelemetry is not a static OpenTelemetry field: " + declared);
    }
    try {
      return MethodHandles.privateLookupIn(GlobalOpenTelemetry.class, MethodHandles.lookup())
          .findStaticVarHandle(GlobalOpenTelemetry.class, "globalOpenTelemetry", type);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalAccessException("cannot read GlobalOpenTelemetry.globalOpenTelemetry: " + e);
    }
  }

  /** The class {@code TextMapPropagator.composite} returns for two or more propagators. */
  private static final String COMPOSITE =
      "io.opentelemetry.context.propagation.MultiTextMapPropagator";

  /**
   * The propagators a composite one calls in turn, read from the private field {@code
   * MultiTextMapPropagator.textMapPropagators}.
   *
   * <p>Why: when the installed propagators are OpenTelemetry's own W3C ones (the default, {@code
   * OTEL_PROPAGATORS=tracecontext,baggage}, arrives as such a composite), {@code OtelPropagation}
   * builds the span context from its own parse of the headers instead of having them parsed twice.
   * The API offers no way to see inside a composite.
   *
   * @param propagator the installed propagator
   * @return its parts in calling order, or {@code null} when it is no composite, or a version
   *     renamed or retyped the field, or the module system denies access: then {@code
   *     OtelPropagation} calls the installed propagator as it is, which is only slower
   */
  static TextMapPropagator[] compositeParts(TextMapPropagator propagator) {
    Class<?> type = propagator.getClass();
    if (!type.getName().equals(COMPOSITE)) {
      return null;
    }
    try {
      Object parts =
          MethodHandles.privateLookupIn(type, MethodHandles.lookup())
              .findVarHandle(type, "textMapPropagators", TextMapPropagator[].class)
              .get(propagator);
      return ((TextMapPropagator[]) parts).clone();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
