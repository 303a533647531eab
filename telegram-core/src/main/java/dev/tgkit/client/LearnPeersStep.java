package dev.tgkit.client;

import dev.tgkit.session.PeerCache;
import dev.tgkit.tl.TlObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every answer teaches the peer cache the access hashes of the users and chats in it, before the
 * steps outside see it. A failure to learn is logged and never fails the call: the answer is
 * still the caller's.
 */
record LearnPeersStep(PeerCache peers) implements Pipeline.Step {

  private static final Logger log = LoggerFactory.getLogger(LearnPeersStep.class);

  @Override
  public <R> CompletableFuture<R> invoke(Pipeline.Call<R> call, Pipeline.Next next) {
    return next.invoke(call).thenApply(answer -> {
      learn(answer);
      return answer;
    });
  }

  private void learn(@Nullable Object answer) {
    try {
      if (answer instanceof TlObject object) {
        peers.learn(object);
      } else if (answer instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof TlObject object) {
            peers.learn(object);
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("could not learn the peers of an answer: {}", e.toString());
    }
  }
}
