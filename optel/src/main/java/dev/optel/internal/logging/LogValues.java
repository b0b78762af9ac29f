package dev.optel.internal.logging;

import dev.optel.internal.Diagnostics;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * What a log field value becomes before optel hands it to a backend: strings, numbers, booleans and
 * characters of the JDK stay as they are; arrays (primitive or not), collections and other
 * iterables become an immutable list of such values, taken at the call; anything else becomes its
 * string form, computed safely.
 *
 * <p>Lists are bounded so that no value can make an event unbounded: a value holds at most {@value
 * #MAX_ELEMENTS} elements in all (nested elements included) and at most {@value #MAX_DEPTH} levels
 * of nested lists. What lies beyond is left out (reported once), which also ends cycles. A {@link
 * Path} is iterable over its names but means its string form, so it stays a string.
 */
public final class LogValues {
  /** The most elements one value holds, counting those of nested lists. */
  public static final int MAX_ELEMENTS = 1000;

  /** The most levels of lists one value has. */
  public static final int MAX_DEPTH = 8;

  private LogValues() {}

  /**
   * Returns the value to hand on for {@code v}, as the class description says.
   *
   * @param v any value, may be {@code null}
   * @return {@code v} itself, an immutable list, or a string
   */
  public static Object of(Object v) {
    if (isPlain(v)) {
      return v;
    }
    if (isSequence(v)) {
      return list(v);
    }
    return Diagnostics.safeToString(v);
  }

  /**
   * Tells whether {@code v} is written as it is: {@code null}, a {@link String}, {@link Boolean},
   * {@link Character}, a boxed primitive number, or a {@link BigInteger} or {@link BigDecimal}
   * (exactly these classes: a subclass may render itself as anything).
   */
  static boolean isPlain(Object v) {
    return v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Character
        || v instanceof Integer
        || v instanceof Long
        || v instanceof Double
        || v instanceof Float
        || v instanceof Short
        || v instanceof Byte
        || v.getClass() == BigDecimal.class
        || v.getClass() == BigInteger.class;
  }

  /**
   * Tells whether {@code v} is written as a list: an array, or an {@link Iterable} that is not a
   * {@link Path}.
   *
   * @param v any value
   * @return {@code true} for arrays, collections and iterables
   */
  public static boolean isSequence(Object v) {
    return v != null
        && (v.getClass().isArray() || v instanceof Iterable<?> && !(v instanceof Path));
  }

  /**
   * Returns the bounded immutable list for an array or iterable; a list made here is returned as it
   * is. When reading {@code sequence} fails, its safe string form is returned instead.
   *
   * @param sequence a value for which {@link #isSequence} is {@code true}
   * @return an immutable {@link List}, or a string
   */
  public static Object list(Object sequence) {
    if (sequence instanceof Elements done) {
      return done;
    }
    Budget budget = new Budget();
    try {
      Elements list = read(sequence, 1, budget);
      if (budget.cut) {
        Diagnostics.warnOnce(
            "logvalue.bounds",
            "a log field held more than "
                + MAX_ELEMENTS
                + " elements or lists nested deeper than "
                + MAX_DEPTH
                + "; the rest was left out",
            null);
      }
      return list;
    } catch (Throwable e) {
      Diagnostics.rethrowIfFatal(e);
      Diagnostics.warnOnce(
          "logvalue.read." + sequence.getClass().getName(),
          "reading the elements"
              + " of a "
              + sequence.getClass().getName()
              + " log field failed; its string form is used",
          e);
      return Diagnostics.safeToString(sequence);
    }
  }

  private static Elements read(Object sequence, int depth, Budget budget) {
    List<Object> out = new ArrayList<>();
    if (sequence.getClass().isArray()) {
      int n = Array.getLength(sequence);
      for (int i = 0; i < n && budget.take(); i++) {
        add(out, Array.get(sequence, i), depth, budget);
      }
    } else {
      for (Object e : (Iterable<?>) sequence) {
        if (!budget.take()) {
          break;
        }
        add(out, e, depth, budget);
      }
    }
    return new Elements(out.toArray());
  }

  private static void add(List<Object> out, Object e, int depth, Budget budget) {
    if (!isSequence(e)) {
      out.add(isPlain(e) ? e : Diagnostics.safeToString(e));
    } else if (depth < MAX_DEPTH) {
      out.add(read(e, depth + 1, budget));
    } else {
      budget.cut = true;
    }
  }

  /** How many elements a value may still take. */
  private static final class Budget {
    int left = MAX_ELEMENTS;
    boolean cut;

    boolean take() {
      if (left == 0) {
        cut = true;
        return false;
      }
      left--;
      return true;
    }
  }

  /**
   * An immutable list of log values; its {@code toString()} is the usual {@code [a, b]}, which is
   * what backends that print values as strings show.
   */
  private static final class Elements extends AbstractList<Object> implements RandomAccess {
    private final Object[] elements;

    Elements(Object[] elements) {
      this.elements = elements;
    }

    @Override
    public Object get(int index) {
      return elements[index];
    }

    @Override
    public int size() {
      return elements.length;
    }
  }
}
