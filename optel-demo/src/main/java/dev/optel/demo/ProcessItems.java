package dev.optel.demo;

import dev.optel.LogContext;
import dev.optel.LoggingFacade;
import dev.optel.Telemetry;
import dev.optel.TracedAsync;
import dev.optel.TracingFacade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The seed's asynchronous usage example (section 5.3, {@code process_items}): items processed in
 * parallel on a thread pool, each in its own span, with log events that carry the item's id and the
 * ids of the span they were logged in.
 */
final class ProcessItems {
  private static final Telemetry TELEMETRY = Telemetry.get("dev.optel.demo.items");
  private static final TracingFacade TRACER = TELEMETRY.tracer();
  private static final LoggingFacade LOG = TELEMETRY.logger();

  /** One item to process. */
  record Item(String id) {}

  private final Executor executor;

  private ProcessItems(Executor executor) {
    this.executor = TracedAsync.wrap(executor);
  }

  /** Runs the example on four pool threads and prints what it returned. */
  static void run() {
    Demo.say("");
    Demo.say("== process_items([a, b, c, d, e]) in parallel ==");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Item> items =
          List.of(new Item("a"), new Item("b"), new Item("c"), new Item("d"), new Item("e"));
      List<Map<String, Object>> results = new ProcessItems(pool).processItems(items).join();
      Demo.say("returned " + results);
    } finally {
      pool.shutdown();
    }
  }

  CompletableFuture<List<Map<String, Object>>> processItems(List<Item> items) {
    return TracedAsync.tracedAsyncOperation(
        TRACER,
        "process_items",
        Map.of("item_count", items.size()),
        span -> {
          LOG.info("processing_items", "item_count", items.size());
          List<Supplier<CompletionStage<Map<String, Object>>>> operations = new ArrayList<>();
          for (Item item : items) {
            operations.add(() -> processItem(item));
          }
          // Each operation starts at once; the gather span is their parent.
          return TracedAsync.tracedGather(TRACER, operations, "process_items_parallel")
              .thenApply(
                  results -> {
                    // Runs in this operation's context again: the log event carries its span.
                    span.setAttribute("processed_count", results.size());
                    LOG.info("items_processed", "processed_count", results.size());
                    return results;
                  });
        });
  }

  @SuppressWarnings("try") // the scope is opened only for its effect on the log context
  CompletableFuture<Map<String, Object>> processItem(Item item) {
    // The bound field joins every event logged for this item, on whichever thread it runs.
    try (LogContext.Scope ignored = LogContext.bind("item_id", item.id())) {
      return TracedAsync.tracedAsyncOperation(
          TRACER,
          "process_item",
          Map.of("item_id", item.id()),
          span ->
              CompletableFuture.supplyAsync(
                  () -> {
                    LOG.info("processing_item");
                    simulateWork();
                    Map<String, Object> result = Map.of("id", item.id(), "processed", true);
                    span.setAttribute("result", result.toString());
                    LOG.info("item_processed", "result", result);
                    return result;
                  },
                  executor));
    }
  }

  private static void simulateWork() {
    try {
      TimeUnit.MILLISECONDS.sleep(100); // the seed's asyncio.sleep(0.1): stands for real I/O
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
