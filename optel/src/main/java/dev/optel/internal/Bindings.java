package dev.optel.internal;

import java.lang.reflect.InvocationTargetException;

/**
 * The one way optel loads code that names an optional library: probe the library's classes, load
 * the binding by name, and turn a failure into one warning.
 *
 * <p>Probing only asks the class loader whether the classes exist, without initialising them. The
 * binding classes (the only ones naming the library's types) are loaded afterwards, by name, so
 * that nothing links against a library that is absent. Anything that goes wrong after the probes
 * succeeded (a {@link LinkageError} for a missing transitive class or an incompatible version, an
 * exception of the binding's {@code create()}) is reported once through {@link Diagnostics} and the
 * binding is left out; fatal errors are rethrown as {@link Diagnostics#rethrowIfFatal} says.
 */
public final class Bindings {
  private Bindings() {}

  /**
   * Tells whether every class exists, without initialising any. A class that exists but cannot be
   * linked counts as absent.
   *
   * @param classNames fully qualified class names
   * @return {@code true} when all of them can be loaded
   */
  public static boolean present(String... classNames) {
    ClassLoader loader = Bindings.class.getClassLoader();
    for (String name : classNames) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError | SecurityException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Lets optel read the modules of these classes. On the module path, {@code dev.optel} reads the
   * optional modules it {@code requires static} only if something else in the module graph required
   * them; when the library sits elsewhere (for example on the class path) the read edge is added
   * here, at run time. On the class path this does nothing.
   *
   * @param classNames classes of the modules to read
   * @return {@code false} when one of the classes does not exist
   */
  public static boolean readModulesOf(String... classNames) {
    Module self = Bindings.class.getModule();
    if (!self.isNamed()) {
      return present(classNames);
    }
    ClassLoader loader = Bindings.class.getClassLoader();
    for (String name : classNames) {
      try {
        Module module = Class.forName(name, false, loader).getModule();
        if (!self.canRead(module)) {
          self.addReads(module);
        }
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Loads a binding when every probe class exists: reads the probes' modules, loads {@code binding}
   * by name and calls its public static {@code create()}, which may return {@code null} to decline.
   *
   * @param type what the binding is
   * @param binding the binding's class name
   * @param probes classes of the library the binding needs
   * @param kind the kind of the warning when loading fails (see {@link Diagnostics#warnOnce})
   * @param problem the warning when loading fails; the cause is added to it
   * @param <T> the binding's type
   * @return the binding, or {@code null} when a probe is missing, the binding declined, or loading
   *     failed (reported)
   */
  public static <T> T load(
      Class<T> type, String binding, String[] probes, String kind, String problem) {
    if (!present(probes)) {
      return null;
    }
    try {
      readModulesOf(probes);
      return type.cast(
          Class.forName(binding, true, Bindings.class.getClassLoader())
              .getMethod("create")
              .invoke(null));
    } catch (Throwable e) {
      Throwable cause =
          e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
      Diagnostics.rethrowIfFatal(cause);
      Diagnostics.warnOnce(kind, problem, cause);
      return null;
    }
  }
}
