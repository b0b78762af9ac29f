package dev.optel.internal.logging;

import dev.optel.LogLevel;

/**
 * What a logging-backend adapter ({@code dev.optel.internal.logback}, {@code
 * dev.optel.internal.log4j}) provides to {@link StructuredOutput}. Implementations have a public
 * no-argument static {@code create()} and are loaded by name only.
 */
public interface OutputBackend {
  /**
   * What {@link #install} did: {@link Outcome#INSTALLED}, {@link Outcome#NOT_PROVIDER} (another
   * adapter may be the one), or {@link LeftAlone} with the reason, which optel reports once.
   */
  sealed interface Installation permits Outcome, LeftAlone {}

  /** The outcomes that need no reason. */
  enum Outcome implements Installation {
    /** optel's JSON output is in place. */
    INSTALLED,
    /** This backend is not SLF4J's provider; nothing was changed. */
    NOT_PROVIDER
  }

  /**
   * This backend is SLF4J's provider, and optel left it as it was.
   *
   * @param reason why, for the application's log (for example: it was configured by the
   *     application)
   */
  record LeftAlone(String reason) implements Installation {}

  /**
   * Replaces the backend's default console output with {@code lines}, if the backend is SLF4J's
   * provider and still has its default configuration.
   *
   * @param level the lowest level to write
   * @param lines where events go
   * @return what was done
   */
  Installation install(LogLevel level, JsonLines lines);

  /**
   * Tells whether this backend's SLF4J bridge loses the types of key-value pairs, so that the SLF4J
   * binding should publish them through {@link FacadeEvent}.
   *
   * @return {@code true} to ask for typed pairs
   */
  default boolean wantsTypedPairs() {
    return false;
  }

  /**
   * Points an installation that is still in place at new lines and a new level, leaving the
   * appender attached: while other threads log, no event goes to the backend's own console output
   * or nowhere, as it would between {@link #uninstall} and {@link #install}.
   *
   * @param level the lowest level to write
   * @param lines where events go from now on
   * @return {@code false} when nothing is installed or the application reconfigured the backend
   *     since (then nothing was changed)
   */
  boolean update(LogLevel level, JsonLines lines);

  /** Restores the state {@link #install} replaced; does nothing when not installed. */
  void uninstall();
}
