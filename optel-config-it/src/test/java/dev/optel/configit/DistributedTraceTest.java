package dev.optel.configit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optel.configit.apps.ClientA;
import dev.optel.configit.apps.ServiceB;
import dev.optel.configit.apps.ServiceC;
import dev.optel.configit.harness.ChildJvm;
import dev.optel.configit.harness.ChildService;
import dev.optel.configit.harness.ReceivedSpan;
import dev.optel.configit.harness.SharedZipkin;
import dev.optel.configit.harness.ZipkinServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13's end-to-end test: three JVMs over real HTTP, A (SDK) -> B (no OpenTelemetry on its
 * class path) -> C (SDK), A and C exporting to a real Zipkin server, and A calling C directly for
 * every kind of outcome. The trace is read back from Zipkin's HTTP API: what a user of Zipkin would
 * see.
 */
@ExtendWith(SharedZipkin.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DistributedTraceTest {
  private static final String SERVICE_A = "e2e-client-a";
  private static final String SERVICE_C = "e2e-service-c";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ZipkinServer zipkin;
  private static ChildService serviceC;
  private static ChildService serviceB;

  /**
   * Every trace id A reported: C must have no span outside them (a broken trace would start a new
   * one).
   */
  private static final Set<String> tracesOfA = ConcurrentHashMap.newKeySet();

  /** The one run of A that calls C directly, shared by the cases of {@link Outcome}. */
  private static ChildJvm.Result directRun;

  /** C's contexts and what each must look like in Zipkin. */
  enum Outcome {
    OK("/ok", 200),
    MISSING("/missing", 404),
    BUSY("/busy", 503),
    BOOM("/boom", 0);

    final String path;

    /** The status C answers; 0: the handler throws, nothing is answered. */
    final int status;

    Outcome(String path, int status) {
      this.path = path;
      this.status = status;
    }

    String key() {
      return name().toLowerCase();
    }
  }

  @BeforeAll
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  static void startServices(ZipkinServer server) throws IOException {
    zipkin = server;
    serviceC =
        ChildJvm.of(ServiceC.class)
            .env("OTEL_TRACES_EXPORTER", "zipkin")
            .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint())
            .env("OTEL_SERVICE_NAME", SERVICE_C)
            // A service exports on the batch schedule; a short one keeps the test short.
            .env("OTEL_BSP_SCHEDULE_DELAY", "100")
            .start(STARTUP);
    serviceB =
        ChildJvm.of(ServiceB.class)
            .withoutOpenTelemetry()
            .args(serviceC.baseUrl() + Outcome.OK.path)
            .start(STARTUP);
  }

  @AfterAll
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  static void stopServices() {
    try {
      if (serviceB != null) {
        serviceB.close();
      }
    } finally {
      if (serviceC != null) {
        serviceC.close();
      }
    }
  }

  @Test
  void serviceWithoutOpenTelemetryInTheMiddle_keepsOneTraceFromAToC() throws Exception {
    assertThat(serviceB.reported("openTelemetry")).as(serviceB::describe).hasValue("absent");
    assertThat(serviceB.reported("configured")).as("B has no SDK").hasValue("false");

    ChildJvm.Result run = runA("viaB=" + serviceB.baseUrl() + "/forward");
    assertThat(run.required("status.viaB")).as(run.describe()).isEqualTo("200");
    String traceId = run.required("trace.viaB");

    // A: its root span and CLIENT span; C: its SERVER span. B exports nothing.
    List<ReceivedSpan> trace = awaitTrace(traceId, 3);
    assertThat(trace).hasSize(3);
    ReceivedSpan root = only(trace, SERVICE_A, "");
    ReceivedSpan client = only(trace, SERVICE_A, "CLIENT");
    ReceivedSpan server = only(trace, SERVICE_C, "SERVER");
    assertThat(client.parentSpanId()).isEqualTo(root.spanId());
    assertThat(server.parentSpanId())
        .as("C's SERVER span is the child of A's CLIENT span")
        .isEqualTo(client.spanId());
    assertThat(client.name()).isEqualTo(zipkinName("GET"));
    assertThat(client.attributes())
        .containsEntry("url.full", serviceB.baseUrl() + "/forward")
        .containsEntry("http.response.status_code", "200");
    assertThat(server.name()).isEqualTo(zipkinName("GET /ok"));
    assertThat(server.attributes())
        .containsEntry("http.route", "/ok")
        .containsEntry("http.response.status_code", "200");

    // B records nothing, but its no-op span and its JSON log lines report the context it passed on:
    // A's trace,
    // and A's CLIENT span as the span.
    String ids = traceId + "-" + client.spanId();
    assertThat(serviceB.awaitReported("b.spanIds", Duration.ofSeconds(10))).isEqualTo(ids);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(logEvents(serviceB))
                    .as(serviceB::describe)
                    .filteredOn(event -> event.path("event").asText().startsWith("b_forward"))
                    .extracting(
                        event ->
                            event.path("event").asText()
                                + " "
                                + event.path("trace_id").asText()
                                + "-"
                                + event.path("span_id").asText())
                    .containsExactly("b_forwarding " + ids, "b_forwarded " + ids));

    assertEveryTraceOfCStartedInA();
  }

  @ParameterizedTest
  @EnumSource(Outcome.class)
  void directCall_namesKindsAttributesAndStatusesFollowTheConventions(Outcome outcome)
      throws Exception {
    ChildJvm.Result run = directRun();
    String traceId = run.required("trace." + outcome.key());
    List<ReceivedSpan> trace = awaitTrace(traceId, 3);
    ReceivedSpan root = only(trace, SERVICE_A, "");
    ReceivedSpan client = only(trace, SERVICE_A, "CLIENT");
    assertThat(client.parentSpanId()).isEqualTo(root.spanId());
    // When C closes the connection without an answer (BOOM), the JDK client sends the idempotent
    // GET once more
    // before it gives up: C then handled it twice, and both SERVER spans are children of the one
    // CLIENT span.
    List<ReceivedSpan> servers = of(trace, SERVICE_C, "SERVER");
    assertThat(servers).as("%s", trace).hasSizeBetween(1, outcome == Outcome.BOOM ? 2 : 1);
    assertThat(trace).hasSize(2 + servers.size());

    assertThat(client.name()).isEqualTo(zipkinName("GET"));
    assertThat(client.attributes())
        .containsEntry("http.request.method", "GET")
        .containsEntry("url.full", serviceC.baseUrl() + outcome.path)
        .containsEntry("server.address", "127.0.0.1")
        .containsEntry("server.port", String.valueOf(serviceC.port()));
    assertThat(servers)
        .allSatisfy(
            server -> {
              assertThat(server.parentSpanId()).isEqualTo(client.spanId());
              assertThat(server.name()).isEqualTo(zipkinName("GET " + outcome.path));
              assertThat(server.attributes())
                  .containsEntry("http.request.method", "GET")
                  .containsEntry("url.path", outcome.path)
                  .containsEntry("url.scheme", "http")
                  .containsEntry("http.route", outcome.path)
                  .containsEntry("server.address", "127.0.0.1")
                  .containsEntry("server.port", String.valueOf(serviceC.port()));
            });

    if (outcome == Outcome.BOOM) {
      // The handler threw: C answered nothing and closed the connection; A's send threw, and that
      // exception
      // is what the CLIENT span names. The SERVER span names the handler's exception.
      String failure = run.required("failure.boom");
      assertThat(client.attributes())
          .doesNotContainKey("http.response.status_code")
          .containsEntry("error.type", failure);
      assertError(client, true);
      assertThat(servers)
          .allSatisfy(
              server -> {
                assertThat(server.attributes())
                    .containsEntry("error.type", IllegalStateException.class.getName());
                assertError(server, true);
              });
      assertEveryTraceOfCStartedInA();
      return;
    }
    String status = String.valueOf(outcome.status);
    assertThat(run.required("status." + outcome.key())).isEqualTo(status);
    assertThat(client.attributes()).containsEntry("http.response.status_code", status);
    ReceivedSpan server = servers.get(0);
    assertThat(server.attributes()).containsEntry("http.response.status_code", status);
    // The client fails from 400 on, the server only from 500 on (a 404 is the caller's problem).
    assertErrorType(client, outcome.status >= 400 ? status : null);
    assertError(client, outcome.status >= 400);
    assertErrorType(server, outcome.status >= 500 ? status : null);
    assertError(server, outcome.status >= 500);

    assertEveryTraceOfCStartedInA();
  }

  private static synchronized ChildJvm.Result directRun() throws Exception {
    if (directRun == null) {
      List<String> args = new ArrayList<>();
      for (Outcome outcome : Outcome.values()) {
        args.add(outcome.key() + "=" + serviceC.baseUrl() + outcome.path);
      }
      directRun = runA(args.toArray(String[]::new));
    }
    return directRun;
  }

  private static ChildJvm.Result runA(String... calls) throws Exception {
    ChildJvm.Result run =
        ChildJvm.of(ClientA.class)
            .env("OTEL_TRACES_EXPORTER", "zipkin")
            .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint())
            .env("OTEL_SERVICE_NAME", SERVICE_A)
            .args(calls)
            .run(Duration.ofSeconds(60));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.required("configured")).isEqualTo("true");
    assertThat(run.required("done")).isEqualTo("true");
    run.stdout()
        .lines()
        .filter(line -> line.contains(" trace."))
        .forEach(line -> tracesOfA.add(line.substring(line.indexOf('=') + 1)));
    return run;
  }

  /**
   * Waits until Zipkin holds at least {@code spans} spans of the trace (A has flushed when it
   * exits; C exports on its batch schedule).
   */
  private static List<ReceivedSpan> awaitTrace(String traceId, int spans) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(zipkin.trace(traceId))
                    .as(
                        () ->
                            "trace "
                                + traceId
                                + " in Zipkin; spans of C in traces A did not start: "
                                + spansOfCOutside(tracesOfA))
                    .hasSizeGreaterThanOrEqualTo(spans));
    List<ReceivedSpan> trace = zipkin.trace(traceId);
    assertThat(trace).allSatisfy(span -> assertThat(span.traceId()).isEqualTo(traceId));
    return trace;
  }

  private static List<ReceivedSpan> of(List<ReceivedSpan> trace, String service, String kind) {
    return trace.stream()
        .filter(span -> span.serviceName().equals(service) && span.kind().equals(kind))
        .toList();
  }

  private static ReceivedSpan only(List<ReceivedSpan> trace, String service, String kind) {
    List<ReceivedSpan> found = of(trace, service, kind);
    assertThat(found)
        .as("%s span of %s in %s", kind.isEmpty() ? "internal" : kind, service, trace)
        .hasSize(1);
    return found.get(0);
  }

  /** Zipkin keeps span names in lower case: its model lowercases every name it receives. */
  private static String zipkinName(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Zipkin shows an ERROR status as tags {@code otel.status_code=ERROR} and {@code error}. */
  private static void assertError(ReceivedSpan span, boolean error) {
    if (error) {
      assertThat(span.attributes())
          .as(span.name())
          .containsEntry("otel.status_code", "ERROR")
          .containsKey("error");
    } else {
      assertThat(span.attributes())
          .as(span.name())
          .doesNotContainKey("error")
          .doesNotContainEntry("otel.status_code", "ERROR");
    }
  }

  private static void assertErrorType(ReceivedSpan span, String errorType) {
    if (errorType == null) {
      assertThat(span.attributes()).as(span.name()).doesNotContainKey("error.type");
    } else {
      assertThat(span.attributes()).as(span.name()).containsEntry("error.type", errorType);
    }
  }

  /** C never started a trace of its own: every span it exported belongs to a trace A started. */
  private static void assertEveryTraceOfCStartedInA() {
    assertThat(spansOfCOutside(tracesOfA)).isEmpty();
  }

  private static List<ReceivedSpan> spansOfCOutside(Set<String> traceIds) {
    return zipkin.spansOfService(SERVICE_C).stream()
        .filter(span -> !traceIds.contains(span.traceId()))
        .toList();
  }

  private static List<JsonNode> logEvents(ChildService service) {
    List<JsonNode> events = new ArrayList<>();
    for (String line : service.stdoutLines()) {
      if (line.startsWith("{")) {
        try {
          events.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new AssertionError("not a JSON line: " + line, e);
        }
      }
    }
    return events;
  }
}
