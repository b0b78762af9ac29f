package dev.optel.internal.otel;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Everything in {@code dev.optel.internal.otel} that the OpenTelemetry API does not promise: today
 * one private field. Each use says why it is needed and what happens on a version without it. The
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
}
