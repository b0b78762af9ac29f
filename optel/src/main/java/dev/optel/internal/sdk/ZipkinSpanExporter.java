package dev.optel.internal.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.SpanBytesEncoder;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * The {@code zipkin} exporter, built on Zipkin's own maintained reporter library: spans are mapped
 * to {@code zipkin2.Span} ({@link ZipkinSpans}), encoded as JSON v2 and posted by {@link
 * URLConnectionSender}. Loaded by name only when those classes are on the class path.
 */
public final class ZipkinSpanExporter implements SpanExporter {
  private final BytesMessageSender sender;
  private final String endpoint;
  private final BytesEncoder<zipkin2.Span> encoder = SpanBytesEncoder.JSON_V2;
  private final AtomicBoolean shutdown = new AtomicBoolean();

  private ZipkinSpanExporter(BytesMessageSender sender, String endpoint) {
    this.sender = sender;
    this.endpoint = endpoint;
  }

  /**
   * Returns the factory of this exporter; called by name, once the Zipkin classes were found.
   *
   * @return the factory
   */
  public static Providers.ExporterFactory create() {
    return ZipkinSpanExporter::create;
  }

  /**
   * Creates the exporter.
   *
   * @param endpoint the Zipkin v2 spans URL, for example {@code http://localhost:9411/api/v2/spans}
   *     (a base URL was completed by the plan)
   * @param timeout the connect and read timeout of one request
   * @return the exporter
   */
  static SpanExporter create(String endpoint, Duration timeout) {
    long ms;
    try {
      ms = timeout.toMillis();
    } catch (ArithmeticException e) {
      ms = Integer.MAX_VALUE;
    }
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    URLConnectionSender sender =
        URLConnectionSender.newBuilder()
            .endpoint(endpoint)
            .connectTimeout(millis)
            .readTimeout(millis)
            .build();
    return new ZipkinSpanExporter(sender, endpoint);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown.get()) {
      return CompletableResultCode.ofFailure();
    }
    try {
      int max = sender.messageMaxBytes();
      List<byte[]> chunk = new ArrayList<>();
      for (SpanData span : spans) {
        byte[] encoded = encoder.encode(ZipkinSpans.toZipkin(span));
        chunk.add(encoded);
        if (chunk.size() > 1 && sender.messageSizeInBytes(chunk) > max) {
          chunk.remove(chunk.size() - 1);
          sender.send(chunk);
          chunk = new ArrayList<>();
          chunk.add(encoded);
        }
      }
      if (!chunk.isEmpty()) {
        sender.send(chunk);
      }
      return CompletableResultCode.ofSuccess();
    } catch (IOException | RuntimeException e) {
      // Reported by optel's ReportingExporter around this one, with the endpoint's other failures.
      return SdkCompat.failed(e);
    }
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    if (shutdown.compareAndSet(false, true)) {
      try {
        sender.close();
      } catch (IOException | RuntimeException e) {
        return CompletableResultCode.ofFailure();
      }
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "ZipkinSpanExporter{" + endpoint + "}";
  }
}
