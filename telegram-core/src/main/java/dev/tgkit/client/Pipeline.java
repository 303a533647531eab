package dev.tgkit.client;

import dev.tgkit.tl.TlFunction;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The steps every request of a {@link Client} takes, in one place and in order, outermost first;
 * each may act on the request on its way out and on the answer (or failure) on its way back, and
 * passes the call on to the rest. The client's order:
 *
 * <ol>
 *   <li>{@link ObserveStep}: one observation per caller's request, retries and redirects included;
 *   <li>{@link UpdatesStep}: answers that carry updates ({@code Updates}, {@code
 *       messages.affected*}) go to the update handling, after
 *   <li>{@link LearnPeersStep}: the peer cache learns the users and chats of every answer;
 *   <li>{@link FloodPolicy}: short flood waits are slept through and the rest sent again;
 *   <li>{@link MigrateStep}: {@code *_MIGRATE_X} moves the home or sends the call to X;
 *   <li>{@link AuthorizationStep}: a call to a data center other than home first makes the
 *       account known there;
 *   <li>the terminal: the data center pool.
 * </ol>
 *
 * <p>A step's return path runs in reverse order, so peers are learnt before the updates that
 * mention them become events. The same shape as gotd's middlewares and grammers' retry policy.
 */
final class Pipeline implements Rpc {

  /** A request on its way, and the data center it goes to: {@link #HOME}, or one named. */
  record Call<R>(TlFunction<R> request, int dcId) {

    /** The account's home data center, whichever it is when the call reaches the pool. */
    static final int HOME = 0;

    Call {
      Objects.requireNonNull(request, "request");
    }

    static <R> Call<R> home(TlFunction<R> request) {
      return new Call<>(request, HOME);
    }

    /** This call, sent to data center {@code dc} instead. */
    Call<R> to(int dc) {
      return new Call<>(request, dc);
    }
  }

  /** The rest of the pipeline after a step. */
  interface Next {
    <R> CompletableFuture<R> invoke(Call<R> call);
  }

  /** One step. */
  interface Step {
    <R> CompletableFuture<R> invoke(Call<R> call, Next next);
  }

  private final Next first;

  /** {@code steps}, outermost first, in front of {@code terminal}. */
  Pipeline(List<? extends Step> steps, Next terminal) {
    Next next = Objects.requireNonNull(terminal, "terminal");
    for (Step step : steps.reversed()) {
      next = new Linked(step, next);
    }
    this.first = next;
  }

  @Override
  public <R> CompletableFuture<R> invokeAsync(TlFunction<R> request) {
    return first.invoke(Call.home(request));
  }

  private record Linked(Step step, Next rest) implements Next {
    @Override
    public <R> CompletableFuture<R> invoke(Call<R> call) {
      try {
        return step.invoke(call, rest);
      } catch (RuntimeException e) {
        // A step that throws instead of failing its future must still fail only this call.
        return CompletableFuture.failedFuture(e);
      }
    }
  }
}
