package dev.optel.jsonlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Replaces {@link System#out} while open; restores it on close. */
final class StdoutCapture implements AutoCloseable {
  /** Strict JSON, but without Jackson's default limits on name length: tests log 1 MB keys. */
  static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNameLength(Integer.MAX_VALUE)
                      .maxStringLength(Integer.MAX_VALUE)
                      .build())
              .build());

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream previous = System.out;

  StdoutCapture() {
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  /** Everything written so far, decoded as UTF-8. */
  String text() {
    System.out.flush();
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  /** Every line written so far, each parsed as one JSON object. */
  List<JsonNode> lines() {
    List<JsonNode> out = new ArrayList<>();
    for (String line : text().split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
          throw new AssertionError("not a JSON object: " + line);
        }
        out.add(node);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException("not a JSON line: " + line, e);
      }
    }
    return out;
  }

  /** The only line written so far. */
  JsonNode single() {
    List<JsonNode> lines = lines();
    if (lines.size() != 1) {
      throw new AssertionError("expected one line, got " + lines.size() + ":\n" + text());
    }
    return lines.get(0);
  }

  @Override
  public void close() {
    System.setOut(previous);
  }
}
