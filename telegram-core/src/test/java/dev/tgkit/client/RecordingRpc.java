package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.TlFunction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An {@link Rpc} for testing a service alone: each call must be the next one expected (its
 * request type), and gets the answer scripted for it, computed from the request; a {@link
 * Throwable} answer fails the call. What was sent stays in {@link #requests()}.
 */
final class RecordingRpc implements Rpc {

  private record Expected(Class<?> type, Function<Object, Object> answer) {}

  private final Deque<Expected> expected = new ArrayDeque<>();
  private final List<TlFunction<?>> requests = new ArrayList<>();

  /** The next call is a {@code type}, answered with {@code answer(request)}. */
  @SuppressWarnings("unchecked")
  <F extends TlFunction<?>> RecordingRpc expect(Class<F> type, Function<? super F, ?> answer) {
    expected.add(new Expected(type, request -> answer.apply((F) request)));
    return this;
  }

  /** The next call is a {@code type}, answered with {@code answer}. */
  <F extends TlFunction<?>> RecordingRpc expect(Class<F> type, Object answer) {
    return expect(type, request -> answer);
  }

  List<TlFunction<?>> requests() {
    return requests;
  }

  /** The one request of type {@code type} sent. */
  <F extends TlFunction<?>> F sent(Class<F> type) {
    List<F> found = requests.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("requests of type %s", type.getSimpleName()).hasSize(1);
    return found.getFirst();
  }

  /** Whether every expected call came. */
  void assertDone() {
    assertThat(expected).as("expected calls that did not come").isEmpty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <R> CompletableFuture<R> invokeAsync(TlFunction<R> request) {
    requests.add(request);
    assertThat(expected).as("a call expected for %s", request.tlName()).isNotEmpty();
    Expected next = expected.removeFirst();
    assertThat(request).as("the next call").isInstanceOf(next.type());
    Object answer = next.answer().apply(request);
    return answer instanceof Throwable t ? CompletableFuture.failedFuture(t) : CompletableFuture.completedFuture((R) answer);
  }
}
