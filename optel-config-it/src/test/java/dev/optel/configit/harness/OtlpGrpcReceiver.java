package dev.optel.configit.harness;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC receiver on a free 127.0.0.1 port: the {@code TraceService}, {@code LogsService} and
 * {@code MetricsService} of a Collector.
 */
public final class OtlpGrpcReceiver extends OtlpReceiver {
  private final Server server;

  private OtlpGrpcReceiver(int port) throws IOException {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .addService(
                new TraceServiceGrpc.TraceServiceImplBase() {
                  @Override
                  public void export(
                      ExportTraceServiceRequest request,
                      StreamObserver<ExportTraceServiceResponse> responseObserver) {
                    accept(request);
                    responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    responseObserver.onCompleted();
                  }
                })
            .addService(
                new LogsServiceGrpc.LogsServiceImplBase() {
                  @Override
                  public void export(
                      ExportLogsServiceRequest request,
                      StreamObserver<ExportLogsServiceResponse> responseObserver) {
                    accept(request);
                    responseObserver.onNext(ExportLogsServiceResponse.getDefaultInstance());
                    responseObserver.onCompleted();
                  }
                })
            .addService(
                new MetricsServiceGrpc.MetricsServiceImplBase() {
                  @Override
                  public void export(
                      ExportMetricsServiceRequest request,
                      StreamObserver<ExportMetricsServiceResponse> responseObserver) {
                    accept(request);
                    responseObserver.onNext(ExportMetricsServiceResponse.getDefaultInstance());
                    responseObserver.onCompleted();
                  }
                })
            .build()
            .start();
  }

  /** Starts a receiver; {@link #close()} stops it. */
  public static OtlpGrpcReceiver start() throws IOException {
    return new OtlpGrpcReceiver(0);
  }

  /**
   * Starts a receiver on a chosen port, such as one from {@link Ports#freePort()} that the
   * application already sends to while nothing listens there (a collector that comes up late).
   */
  public static OtlpGrpcReceiver start(int port) throws IOException {
    return new OtlpGrpcReceiver(port);
  }

  @Override
  public String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  @Override
  public String protocol() {
    return "grpc";
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
