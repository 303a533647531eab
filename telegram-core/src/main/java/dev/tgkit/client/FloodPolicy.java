package dev.tgkit.client;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.net.DcPool;
import dev.tgkit.tl.TlFunction;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What {@code invoke} does with {@code FLOOD_WAIT_N}, {@code FLOOD_PREMIUM_WAIT_N} and {@code
 * SLOWMODE_WAIT_N} (<a href="https://core.telegram.org/api/errors#420-flood">420 FLOOD</a>): a
 * wait of at most {@code threshold} is waited out and the request sent again, up to {@code
 * maxRetries} times; a longer wait is the caller's to handle, so the {@link RpcError.Flood}
 * reaches them with its {@link RpcError.Flood#seconds()}. Waiting never blocks a thread.
 *
 * @param threshold the longest wait slept through; zero never sleeps
 * @param maxRetries how often one request is sent again after a flood wait
 * @param observations where each wait is observed ({@link Client#FLOOD_WAIT_OBSERVATION})
 */
record FloodPolicy(Duration threshold, int maxRetries, ObservationRegistry observations) implements Pipeline.Step {

  FloodPolicy(Duration threshold, int maxRetries) {
    this(threshold, maxRetries, ObservationRegistry.NOOP);
  }

  FloodPolicy {
    if (threshold.isNegative()) {
      throw new IllegalArgumentException("the flood-sleep threshold cannot be negative, got " + threshold);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("max retries cannot be negative, got " + maxRetries);
    }
  }

  @Override
  public <R> CompletableFuture<R> invoke(Pipeline.Call<R> call, Pipeline.Next next) {
    return invoke(call.request(), request -> next.invoke(call));
  }

  /** Sends {@code request} through {@code send}, waiting out flood errors as this policy says. */
  <R> CompletableFuture<R> invoke(TlFunction<R> request, Function<TlFunction<R>, CompletableFuture<R>> send) {
    return attempt(request, send, 0);
  }

  private <R> CompletableFuture<R> attempt(
      TlFunction<R> request, Function<TlFunction<R>, CompletableFuture<R>> send, int retries) {
    return send.apply(request)
        .handle((value, failure) -> {
          Throwable cause = failure == null ? null : DcPool.unwrap(failure);
          if (cause == null) {
            return CompletableFuture.completedFuture(value);
          }
          if (cause instanceof RpcError.Flood flood
              && retries < maxRetries
              && flood.seconds() <= threshold.toSeconds()) {
            Executor later = CompletableFuture.delayedExecutor(flood.seconds(), TimeUnit.SECONDS);
            Observation wait = Observation.createNotStarted(Client.FLOOD_WAIT_OBSERVATION, observations)
                .lowCardinalityKeyValue("method", request.tlName())
                .lowCardinalityKeyValue("rpc.error", flood.name())
                .start();
            return CompletableFuture.supplyAsync(() -> null, later)
                .thenCompose(ignored -> {
                  wait.stop();
                  return attempt(request, send, retries + 1);
                });
          }
          return CompletableFuture.<R>failedFuture(cause);
        })
        .thenCompose(Function.identity());
  }
}
