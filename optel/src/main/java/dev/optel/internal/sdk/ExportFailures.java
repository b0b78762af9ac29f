package dev.optel.internal.sdk;

import dev.optel.internal.Diagnostics;
import java.io.FileNotFoundException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short causes of failed exports for optel's lines: what a person needs, not a stack trace. */
final class ExportFailures {
  /**
   * How {@code HttpURLConnection} reports a status of 400 or more other than 404 and 410 (for those
   * it throws {@link FileNotFoundException}); Zipkin's URLConnection sender passes it on.
   */
  private static final Pattern URL_CONNECTION_STATUS =
      Pattern.compile("Server returned HTTP response code: (\\d{3})");

  /** Causes are followed this far, so that a cycle of causes ends. */
  private static final int MAX_CAUSES = 20;

  private ExportFailures() {}

  /**
   * Describes why an export failed: {@code connection refused}, {@code timed out}, {@code unknown
   * host collector}, {@code HTTP 503}, else the innermost exception as {@code Class: message}.
   *
   * @param failure the exception, or {@code null} when the exporter gave none
   * @return the cause; never throws
   */
  static String describe(Throwable failure) {
    if (failure == null) {
      return "the exporter reported a failure";
    }
    try {
      Throwable innermost = failure;
      String cannotConnect = null;
      int depth = 0;
      for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
        if (t instanceof ConnectException) {
          // OkHttp wraps the JDK's "Connection refused" in "Failed to connect to host/ip:port".
          if (message(t).toLowerCase(Locale.ROOT).contains("connection refused")) {
            return "connection refused";
          }
          if (cannotConnect == null) {
            cannotConnect = "cannot connect (" + message(t) + ")";
          }
        }
        String known = known(t);
        if (known != null) {
          return known;
        }
        innermost = t;
      }
      return cannotConnect != null ? cannotConnect : Diagnostics.describe(innermost);
    } catch (RuntimeException e) {
      return Diagnostics.describe(failure);
    }
  }

  private static String message(Throwable t) {
    String message = t.getMessage();
    return message == null ? "" : message;
  }

  /** A short cause for one exception of the chain, or {@code null}. */
  private static String known(Throwable t) {
    String message = message(t);
    if (t instanceof UnknownHostException) {
      return "unknown host " + message;
    }
    if (t instanceof SocketTimeoutException
        || t instanceof InterruptedIOException && message.contains("timeout")) {
      return "timed out";
    }
    if (t instanceof HttpRetryException retry) {
      int code = retry.responseCode();
      return "HTTP "
          + code
          + (code / 100 == 3
              ? " (a redirect to "
                  + retry.getLocation()
                  + "; is the endpoint the full URL that accepts spans?)"
              : "");
    }
    if (t instanceof FileNotFoundException && message.startsWith("http")) {
      return "HTTP 404 (not found)";
    }
    Matcher status = URL_CONNECTION_STATUS.matcher(message);
    return status.find() ? "HTTP " + status.group(1) : null;
  }
}
