package dev.optel.internal.logging;

import dev.optel.LogLevel;

/**
 * What a logging-backend adapter ({@code dev.optel.internal.logback}, {@code
 * dev.optel.internal.log4j}) provides to {@link StructuredOutput}. Implementations have a public
 * no-argument static {@code create()} and are loaded by name only.
 */
public interface OutputBackend {
  /** Returned by {@link #install} when this backend is not SLF4J's provider. */
  String NOT_PROVIDER = "not the SLF4J provider";

  /**
   * Replaces the backend's default console output with {@code lines}, if the backend is SLF4J's
   * provider and still has its default configuration.
   *
   * @param level the lowest level to write
   * @param lines where events go
   * @return {@code null} when installed; {@link #NOT_PROVIDER}; or why the backend was left alone
   */
  String install(LogLevel level, JsonLines lines);

  /**
   * Tells whether this backend's SLF4J bridge loses the types of key-value pairs, so that the
   * SLF4J binding should publish them through {@link FacadeEvent}.
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
