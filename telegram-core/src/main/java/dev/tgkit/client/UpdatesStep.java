package dev.tgkit.client;

import dev.tgkit.mtproto.Invocations;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.api.InputChannel;
import dev.tgkit.tl.api.InputChannelCtor;
import dev.tgkit.tl.api.InputChannelEmpty;
import dev.tgkit.tl.api.InputChannelFromMessage;
import dev.tgkit.tl.api.InputPeer;
import dev.tgkit.tl.api.InputPeerChannel;
import dev.tgkit.tl.api.InputPeerChannelFromMessage;
import dev.tgkit.tl.api.InputPeerChat;
import dev.tgkit.tl.api.InputPeerEmpty;
import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.InputPeerUserFromMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.messages.AffectedFoundMessagesCtor;
import dev.tgkit.tl.api.messages.AffectedHistoryCtor;
import dev.tgkit.tl.api.messages.AffectedMessagesCtor;
import java.lang.reflect.RecordComponent;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every answer that carries updates to the update handling, whichever call asked: {@code
 * Updates} (sent, edited, forwarded, pinned messages...) and the pts that {@code
 * messages.affectedMessages}, {@code affectedHistory} and {@code affectedFoundMessages} report
 * (deletions, reads, unpins), which are not {@code Updates} but move the account's (or a
 * channel's) update sequence all the same; missing them makes the next update look like a gap (<a
 * href="https://core.telegram.org/api/updates">updates</a>). The caller gets the answer after
 * the handling took it; a failure in the handling is logged, never the caller's.
 */
record UpdatesStep(Sink sink) implements Pipeline.Step {

  private static final Logger log = LoggerFactory.getLogger(UpdatesStep.class);

  /** Where answers' updates go: the client's update loop. */
  interface Sink {

    /** {@code updates} answered {@code request} (the caller's own, unwrapped). */
    void answered(TlFunction<?> request, Updates updates);

    /**
     * A request moved an update sequence by {@code ptsCount} to {@code pts}: the account's common
     * one when {@code channelId} is 0, else that channel's.
     */
    void affected(long channelId, int pts, int ptsCount);
  }

  @Override
  public <R> CompletableFuture<R> invoke(Pipeline.Call<R> call, Pipeline.Next next) {
    return next.invoke(call).thenApply(answer -> {
      try {
        feed(Invocations.innermost(call.request()), answer);
      } catch (RuntimeException e) {
        log.warn("the updates of a {} answer could not be handled: {}", call.request().tlName(), e.toString());
      }
      return answer;
    });
  }

  private void feed(TlFunction<?> request, @Nullable Object answer) {
    switch (answer) {
      case Updates updates -> sink.answered(request, updates);
      case AffectedMessagesCtor a -> sink.affected(channelOf(request), a.pts(), a.ptsCount());
      case AffectedHistoryCtor a -> sink.affected(channelOf(request), a.pts(), a.ptsCount());
      case AffectedFoundMessagesCtor a -> sink.affected(channelOf(request), a.pts(), a.ptsCount());
      case null, default -> {}
    }
  }

  /**
   * The channel whose sequence an {@code affected*} answer to {@code request} moved, 0 for the
   * common one: {@code channels.*} requests name theirs in {@code channel}, {@code messages.*}
   * ones in {@code peer} when it is a channel. Read from the request's components, so requests of
   * later layers are read alike.
   */
  static long channelOf(TlFunction<?> request) {
    RecordComponent[] components = request.getClass().getRecordComponents();
    if (components == null) {
      return 0;
    }
    for (RecordComponent c : components) {
      Object value;
      try {
        value = c.getAccessor().invoke(request);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + request.tlName() + "." + c.getName(), e);
      }
      long id = switch (c.getName()) {
        case "channel" -> value instanceof InputChannel ch ? channelId(ch) : 0;
        case "peer" -> value instanceof InputPeer p ? channelId(p) : 0;
        default -> 0;
      };
      if (id != 0) {
        return id;
      }
    }
    return 0;
  }

  private static long channelId(InputChannel channel) {
    return switch (channel) {
      case InputChannelCtor c -> c.channelId();
      case InputChannelFromMessage c -> c.channelId();
      case InputChannelEmpty c -> 0;
    };
  }

  private static long channelId(InputPeer peer) {
    return switch (peer) {
      case InputPeerChannel c -> c.channelId();
      case InputPeerChannelFromMessage c -> c.channelId();
      case InputPeerEmpty p -> 0;
      case InputPeerSelf p -> 0;
      case InputPeerChat p -> 0;
      case InputPeerUser p -> 0;
      case InputPeerUserFromMessage p -> 0;
    };
  }
}
