package dev.tgkit.client;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.net.DcPool;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.CompletableFuture;

/**
 * Observes each request as {@value Client#OBSERVATION}, from the caller's call to its final answer
 * (flood waits and redirects included): tags {@code method}, {@code outcome} ({@code success},
 * {@code flood}, {@code rpc_error} or {@code failure}) and {@code rpc.error}.
 */
record ObserveStep(ObservationRegistry observations) implements Pipeline.Step {

  @Override
  public <R> CompletableFuture<R> invoke(Pipeline.Call<R> call, Pipeline.Next next) {
    String method = call.request().tlName();
    Observation observation = Observation.createNotStarted(Client.OBSERVATION, observations)
        .contextualName(method)
        .lowCardinalityKeyValue("method", method)
        .start();
    return next.invoke(call).whenComplete((value, failure) -> {
      Throwable cause = failure == null ? null : DcPool.unwrap(failure);
      observation.lowCardinalityKeyValue("outcome", cause == null ? "success" : outcome(cause));
      observation.lowCardinalityKeyValue("rpc.error",
          cause instanceof RpcError e ? e.name() : cause == null ? "none" : cause.getClass().getSimpleName());
      if (cause != null) {
        observation.error(cause);
      }
      observation.stop();
    });
  }

  private static String outcome(Throwable cause) {
    return switch (cause) {
      case RpcError.Flood f -> "flood";
      case RpcError e -> "rpc_error";
      default -> "failure";
    };
  }
}
