package dev.optel.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optel.internal.http.HttpAttributes;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * optel's HTTP attribute names are those of OpenTelemetry's stable semantic conventions: each is
 * compared with the constant of {@code io.opentelemetry.semconv} (a test dependency only; read by
 * reflection, since its keys are OpenTelemetry API types that not every class path of the suite
 * has).
 */
class HttpAttributesTest {

  @Test
  void everyName_isTheStableSemanticConvention() throws Exception {
    assumeTrue(Cp.OTEL_API, "the semconv constants are OpenTelemetry AttributeKeys");
    assertThat(HttpAttributes.HTTP_REQUEST_METHOD)
        .isEqualTo(key("HttpAttributes", "HTTP_REQUEST_METHOD"));
    assertThat(HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL)
        .isEqualTo(key("HttpAttributes", "HTTP_REQUEST_METHOD_ORIGINAL"));
    assertThat(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)
        .isEqualTo(key("HttpAttributes", "HTTP_RESPONSE_STATUS_CODE"));
    assertThat(HttpAttributes.HTTP_ROUTE).isEqualTo(key("HttpAttributes", "HTTP_ROUTE"));
    assertThat(HttpAttributes.URL_FULL).isEqualTo(key("UrlAttributes", "URL_FULL"));
    assertThat(HttpAttributes.URL_PATH).isEqualTo(key("UrlAttributes", "URL_PATH"));
    assertThat(HttpAttributes.URL_QUERY).isEqualTo(key("UrlAttributes", "URL_QUERY"));
    assertThat(HttpAttributes.URL_SCHEME).isEqualTo(key("UrlAttributes", "URL_SCHEME"));
    assertThat(HttpAttributes.SERVER_ADDRESS).isEqualTo(key("ServerAttributes", "SERVER_ADDRESS"));
    assertThat(HttpAttributes.SERVER_PORT).isEqualTo(key("ServerAttributes", "SERVER_PORT"));
    assertThat(HttpAttributes.CLIENT_ADDRESS).isEqualTo(key("ClientAttributes", "CLIENT_ADDRESS"));
    assertThat(HttpAttributes.USER_AGENT_ORIGINAL)
        .isEqualTo(key("UserAgentAttributes", "USER_AGENT_ORIGINAL"));
    assertThat(HttpAttributes.NETWORK_PROTOCOL_VERSION)
        .isEqualTo(key("NetworkAttributes", "NETWORK_PROTOCOL_VERSION"));
    assertThat(HttpAttributes.ERROR_TYPE).isEqualTo(key("ErrorAttributes", "ERROR_TYPE"));
    assertThat(HttpAttributes.OTHER_METHOD)
        .isEqualTo(constant("HttpAttributes$HttpRequestMethodValues", "OTHER"));
  }

  /** The methods TracedHttp keeps as they are (any other is {@code _OTHER}; see HttpTest). */
  @Test
  void theKnownMethods_areTheConventionsList() throws Exception {
    assumeTrue(Cp.OTEL_API, "the semconv constants are OpenTelemetry AttributeKeys");
    List<Object> methods = new ArrayList<>();
    for (Field f :
        Class.forName("io.opentelemetry.semconv.HttpAttributes$HttpRequestMethodValues")
            .getFields()) {
      methods.add(f.get(null));
    }
    assertThat(methods)
        .containsExactlyInAnyOrder(
            "CONNECT",
            "DELETE",
            "GET",
            "HEAD",
            "OPTIONS",
            "PATCH",
            "POST",
            "PUT",
            "TRACE",
            HttpAttributes.OTHER_METHOD);
  }

  /** The name of an {@code AttributeKey} constant of a semconv class. */
  private static String key(String type, String field) throws Exception {
    Object key = constant(type, field);
    return (String)
        Class.forName("io.opentelemetry.api.common.AttributeKey").getMethod("getKey").invoke(key);
  }

  private static <T> T constant(String type, String field) throws Exception {
    @SuppressWarnings("unchecked")
    T value = (T) Class.forName("io.opentelemetry.semconv." + type).getField(field).get(null);
    return value;
  }
}
