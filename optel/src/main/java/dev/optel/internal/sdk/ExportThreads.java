package dev.optel.internal.sdk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The threads on which optel's OTLP exporters send, and the log filter that keeps the SDK's own
 * lines about those exports out of the application's log.
 *
 * <p>Why a filter: the OTLP exporter logs each failed export itself (SEVERE with a stack trace, up
 * to five times a minute, on the {@code java.util.logging} logger of its internal {@code
 * GrpcExporter} or {@code HttpExporter} class) and offers no switch for it; since 1.68 it only
 * lowers those lines to FINE once the exporter is shut down, which is after the final flush. That
 * logger is shared by every OTLP exporter in the JVM, the application's own ones too, so optel
 * neither changes its level nor replaces the application's filter: it adds a filter that drops only
 * the records logged on optel's export threads (the exporter's HTTP client runs each response
 * callback, where those lines are logged, on the executor optel hands it) and asks the filter that
 * was there before about all others. optel reports its exporters' failures itself ({@link
 * ExportHealth}). An application that later sets its own filter on those loggers sees the SDK's
 * lines again.
 */
final class ExportThreads {
  /** Held so that the loggers, and with them the filters, are never collected. */
  private static final List<Logger> FILTERED = new CopyOnWriteArrayList<>();

  private static final AtomicInteger THREADS = new AtomicInteger();

  private ExportThreads() {}

  /**
   * An executor like the one the exporter's HTTP client makes for itself (daemon threads, created
   * as needed, idle ones ending after a minute), on optel's export threads.
   */
  static ExecutorService newExecutor() {
    quietSdkLinesAboutOurExports();
    return Executors.newCachedThreadPool(
        task -> {
          Thread thread = new ExportThread(task, "optel-export-" + THREADS.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  private static synchronized void quietSdkLinesAboutOurExports() {
    if (!FILTERED.isEmpty()) {
      return;
    }
    for (String name : SdkCompat.OTLP_EXPORTER_LOGGERS) {
      try {
        Logger logger = Logger.getLogger(name);
        Filter previous = logger.getFilter();
        logger.setFilter(new QuietOnOurThreads(previous));
        FILTERED.add(logger);
      } catch (RuntimeException | LinkageError e) {
        // A security manager, or no java.logging: the SDK's lines stay, nothing else changes.
      }
    }
  }

  /** A thread of optel's exporters; only its type matters, to the filter. */
  private static final class ExportThread extends Thread {
    ExportThread(Runnable task, String name) {
      super(task, name);
    }
  }

  /** Drops records logged on optel's export threads; others go to the previous filter. */
  private static final class QuietOnOurThreads implements Filter {
    private final Filter previous;

    QuietOnOurThreads(Filter previous) {
      this.previous = previous;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
      if (Thread.currentThread() instanceof ExportThread) {
        return false;
      }
      return previous == null || previous.isLoggable(record);
    }
  }
}
