package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optel.configit.harness.ReceivedSpan;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The traces {@link dev.optel.configit.apps.TraceApp} creates, and the check that a backend got all
 * of them.
 */
final class TraceShape {
  private final int traces;
  private final int children;

  TraceShape(int traces, int children) {
    this.traces = traces;
    this.children = children;
  }

  /** The app arguments that create these traces. */
  String[] args(String... more) {
    String[] args = new String[2 + more.length];
    args[0] = "traces=" + traces;
    args[1] = "children=" + children;
    System.arraycopy(more, 0, args, 2, more.length);
    return args;
  }

  int spansPerTrace() {
    return 1 + children + (children + 2) / 3;
  }

  int totalSpans() {
    return traces * spansPerTrace();
  }

  /**
   * Asserts that {@code received} holds exactly the spans of {@code traceIds}: every span once,
   * each trace a root with its children and grandchildren linked to the right parents, all of
   * {@code service}.
   */
  void assertComplete(List<ReceivedSpan> received, List<String> traceIds, String service) {
    assertThat(traceIds).hasSize(traces).doesNotHaveDuplicates();
    assertThat(received).extracting(ReceivedSpan::traceId).isSubsetOf(traceIds);
    assertThat(received).extracting(ReceivedSpan::spanId).doesNotHaveDuplicates();
    assertThat(received).hasSize(totalSpans());
    assertThat(received).allSatisfy(s -> assertThat(s.serviceName()).isEqualTo(service));
    for (String traceId : traceIds) {
      List<ReceivedSpan> trace =
          received.stream().filter(s -> s.traceId().equals(traceId)).toList();
      List<ReceivedSpan> roots = trace.stream().filter(ReceivedSpan::isRoot).toList();
      assertThat(roots)
          .as("roots of " + traceId)
          .singleElement()
          .satisfies(root -> assertThat(root.name()).isEqualTo("root"));
      String rootId = roots.get(0).spanId();
      List<ReceivedSpan> childSpans = trace.stream().filter(s -> s.name().equals("child")).toList();
      assertThat(childSpans)
          .hasSize(children)
          .allSatisfy(c -> assertThat(c.parentSpanId()).isEqualTo(rootId));
      assertThat(childSpans)
          .extracting(c -> Long.parseLong(c.attributes().get("child.index")))
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, children).boxed().toList());
      Set<String> childIds =
          childSpans.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
      assertThat(trace)
          .filteredOn(s -> s.name().equals("grandchild"))
          .hasSize((children + 2) / 3)
          .allSatisfy(g -> assertThat(childIds).contains(g.parentSpanId()));
    }
  }
}
