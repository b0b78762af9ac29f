package dev.optel.internal.otel;

import dev.optel.internal.Diagnostics;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Finds the {@link OpenTelemetry} the application installed, without installing one.
 *
 * <p>{@link GlobalOpenTelemetry#get()} installs the no-op as the global when nothing is set yet,
 * after which the application's own {@code GlobalOpenTelemetry.set} fails. So optel never calls it
 * unless something is known to be installed. In order of preference:
 *
 * <ol>
 *   <li>Under the OpenTelemetry Java agent the agent has installed the global and instruments
 *       {@code get()}; calling it is safe, and the result never changes.
 *   <li>Otherwise the API's private {@code globalOpenTelemetry} field is read through a {@link
 *       VarHandle} ({@link OtelCompat#globalField()} says why): a plain volatile read, no lock, on
 *       every API version so far.
 *   <li>If the field cannot be read (a future API that renames it), {@code isSet()} guards {@code
 *       get()} when the API has it; on older APIs optel falls back to {@code get()} and says so.
 * </ol>
 */
final class GlobalOtel {
  private static final int AGENT = 0;
  private static final int FIELD = 1;
  private static final int IS_SET = 2;
  private static final int GET = 3;

  private static final int STRATEGY;
  private static final VarHandle FIELD_HANDLE;
  private static final MethodHandle IS_SET_HANDLE;
  private static volatile OpenTelemetry agentOrFallback;

  static {
    int strategy;
    VarHandle field = null;
    MethodHandle isSet = null;
    if (agentPresent()) {
      strategy = AGENT;
    } else {
      try {
        field = OtelCompat.globalField();
        strategy = FIELD;
      } catch (ReflectiveOperationException | RuntimeException e) {
        try {
          isSet =
              MethodHandles.publicLookup()
                  .findStatic(
                      GlobalOpenTelemetry.class, "isSet", MethodType.methodType(boolean.class));
          strategy = IS_SET;
        } catch (ReflectiveOperationException | RuntimeException e2) {
          strategy = GET;
          Diagnostics.warnOnce(
              "global.get",
              "this OpenTelemetry API offers no way to look at GlobalOpenTelemetry without setting"
                  + " it; optel calls GlobalOpenTelemetry.get(), so install your SDK before the"
                  + " first span",
              e2);
        }
      }
    }
    STRATEGY = strategy;
    FIELD_HANDLE = field;
    IS_SET_HANDLE = isSet;
  }

  private GlobalOtel() {}

  /**
   * Returns the installed OpenTelemetry.
   *
   * @return the global instance, or {@code null} while none is installed
   */
  static OpenTelemetry installed() {
    switch (STRATEGY) {
      case FIELD:
        // Read as Object: the field's declared type differs between API versions (see OtelCompat).
        Object value = FIELD_HANDLE.getVolatile();
        return (OpenTelemetry) value;
      case IS_SET:
        try {
          return (boolean) IS_SET_HANDLE.invokeExact() ? GlobalOpenTelemetry.get() : null;
        } catch (Throwable e) {
          return null;
        }
      default:
        OpenTelemetry otel = agentOrFallback;
        if (otel == null) {
          otel = GlobalOpenTelemetry.get();
          agentOrFallback = otel;
        }
        return otel;
    }
  }

  /**
   * The agent puts its bootstrap classes on the boot class path and its entry class on the system
   * one.
   */
  private static boolean agentPresent() {
    for (String name :
        new String[] {
          "io.opentelemetry.javaagent.bootstrap.AgentInitializer",
          "io.opentelemetry.javaagent.OpenTelemetryAgent"
        }) {
      try {
        Class.forName(name, false, ClassLoader.getSystemClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError | SecurityException ignored) {
        // not this one
      }
    }
    return false;
  }
}
