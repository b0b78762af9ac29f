package dev.optel.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields bound with {@code LogContext} on this thread: an immutable linked list of frames,
 * newest first, kept in the thread's context ({@link ContextStorage}), so that they travel with it.
 * Immutability makes a snapshot free to take and safe to hand to another thread.
 */
public final class LogFields {
  private LogFields() {}

  /**
   * One bound field and the frame that was current before it.
   *
   * <p>A class rather than a record on purpose: a record's generated {@code equals}, {@code
   * hashCode} and {@code toString} would recurse through {@link #parent()}, and the chain is as
   * long as the caller nests bindings (tens of thousands is possible), so any of them could throw
   * {@link StackOverflowError}. Frames are compared by identity, which is all this package needs.
   */
  public static final class Frame {
    private final String key;
    private final Object value;
    private final Frame parent;

    /**
     * Creates a frame.
     *
     * @param key the field name
     * @param value the field value
     * @param parent the older frame, or {@code null}
     */
    public Frame(String key, Object value, Frame parent) {
      this.key = key;
      this.value = value;
      this.parent = parent;
    }

    /**
     * Returns the field name.
     *
     * @return the field name
     */
    public String key() {
      return key;
    }

    /**
     * Returns the field value.
     *
     * @return the field value; may be {@code null}
     */
    public Object value() {
      return value;
    }

    /**
     * Returns the older frame.
     *
     * @return the frame that was current before this one, or {@code null}
     */
    public Frame parent() {
      return parent;
    }
  }

  /**
   * Returns the current frame.
   *
   * @return the newest frame on this thread, or {@code null} when nothing is bound
   */
  public static Frame current() {
    return Backends.contextStorage().fields();
  }

  /**
   * Makes {@code frame} the current fields of this thread until the returned token is closed.
   *
   * @param frame the newest frame; not {@code null}
   * @return the token that restores the context that was current before
   */
  public static ContextToken attach(Frame frame) {
    return Backends.contextStorage().attachFields(frame);
  }

  /**
   * Returns {@code frame} and its parents, oldest first. Iterative: the chain may be very long.
   *
   * @param frame the newest frame, may be {@code null}
   * @return a new array; empty when {@code frame} is {@code null}
   */
  public static Frame[] oldestFirst(Frame frame) {
    int n = 0;
    for (Frame f = frame; f != null; f = f.parent) {
      n++;
    }
    Frame[] frames = new Frame[n];
    for (Frame f = frame; f != null; f = f.parent) {
      frames[--n] = f;
    }
    return frames;
  }

  /**
   * Copies the fields of {@code frame} and its parents, oldest first; a newer binding of the same
   * key wins.
   *
   * @param frame the newest frame, may be {@code null}
   * @return a new mutable map
   */
  public static Map<String, Object> toMap(Frame frame) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Frame f : oldestFirst(frame)) {
      map.remove(f.key);
      map.put(f.key, f.value);
    }
    return map;
  }
}
