package dev.tgkit.client;

import dev.tgkit.net.DcPool;
import dev.tgkit.net.EventLoops;
import dev.tgkit.tl.TlFunction;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * How a service calls Telegram: through the client's {@link Pipeline}, so every request is
 * observed, waits out short floods, follows migrations and feeds the peers and updates it carries
 * back, whichever service sent it. Tests give a service a recording one instead.
 */
interface Rpc {

  /**
   * Sends {@code request}; the future fails with {@code RpcError}, {@code ConnectionException} or
   * {@link IllegalStateException} (not connected), and completes on a network thread.
   */
  <R> CompletableFuture<R> invokeAsync(TlFunction<R> request);

  /**
   * Sends {@code request} and waits for its answer, rethrowing what failed it.
   *
   * @throws CancellationException if the calling thread was interrupted; Telegram may still
   *     execute the request
   * @throws IllegalStateException if called on a Netty event-loop thread, which must not block
   */
  default <R> R invoke(TlFunction<R> request) {
    if (EventLoops.isEventLoopThread()) {
      // Blocking a network thread can stall the very connection the answer must arrive on.
      throw new IllegalStateException("invoke() blocks and this is a Netty event-loop thread; use invokeAsync here, or"
          + " continue with an *Async stage on another executor");
    }
    CompletableFuture<R> answer = invokeAsync(request);
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(false);
      throw new CancellationException("interrupted while waiting for " + request.tlName());
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  /** {@code cause} as a caller should see it: unwrapped, and unchecked. */
  static RuntimeException rethrowable(Throwable cause) {
    Throwable c = DcPool.unwrap(cause);
    return c instanceof RuntimeException r ? r : new IllegalStateException(c);
  }
}
