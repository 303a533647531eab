package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.TlFunction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The rest of a pipeline, for testing one step: it records each call that reaches it (request and
 * data center) and answers from a script, in order; a scripted {@link Throwable} fails the call.
 */
final class ScriptedNext implements Pipeline.Next {

  /** A call that reached the end. */
  record Sent(TlFunction<?> request, int dcId) {}

  private final Deque<Object> answers = new ArrayDeque<>();
  private final List<Sent> sent = new ArrayList<>();

  /** Answers the next call with {@code answer}, or fails it if it is a {@link Throwable}. */
  ScriptedNext then(Object answer) {
    answers.add(answer);
    return this;
  }

  List<Sent> sent() {
    return sent;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <R> CompletableFuture<R> invoke(Pipeline.Call<R> call) {
    sent.add(new Sent(call.request(), call.dcId()));
    assertThat(answers).as("an answer scripted for %s", call.request().tlName()).isNotEmpty();
    Object answer = answers.removeFirst();
    return answer instanceof Throwable t ? CompletableFuture.failedFuture(t) : CompletableFuture.completedFuture((R) answer);
  }
}
