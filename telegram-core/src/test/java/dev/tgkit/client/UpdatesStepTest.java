package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.api.InputChannelCtor;
import dev.tgkit.tl.api.InputPeerChannel;
import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.InvokeWithoutUpdates;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.help.GetNearestDc;
import dev.tgkit.tl.api.messages.AffectedHistoryCtor;
import dev.tgkit.tl.api.messages.AffectedMessagesCtor;
import dev.tgkit.tl.api.messages.DeleteMessages;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.api.messages.UnpinAllMessages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdatesStepTest {

  private static final UpdateShortSentMessage SENT = UpdateShortSentMessage.builder(10, 21, 1, 1_700_000_000).out_(true).build();

  private final List<String> fed = new ArrayList<>();
  private final ScriptedNext end = new ScriptedNext();
  private boolean failing;

  private final UpdatesStep step = new UpdatesStep(new UpdatesStep.Sink() {
    @Override
    public void answered(TlFunction<?> request, Updates updates) {
      fed.add(request.tlName() + " -> " + updates.getClass().getSimpleName());
      if (failing) {
        throw new IllegalStateException("handling failed");
      }
    }

    @Override
    public void affected(long channelId, int pts, int ptsCount) {
      fed.add("channel " + channelId + " pts " + pts + " count " + ptsCount);
    }
  });

  private <R> R send(TlFunction<R> request) {
    return step.invoke(Pipeline.Call.home(request), end).join();
  }

  /** A sendMessage wrapped as a caller may wrap it: the handling must see the request inside. */
  private static InvokeWithoutUpdates<Updates> wrappedSend() {
    return new InvokeWithoutUpdates<>(SendMessage.builder(new InputPeerSelf(), "hi", 1L).build());
  }

  @Test
  void updatesAnsweringAnyCallReachTheUpdateHandlingWithTheCallersOwnRequest() {
    end.then(SENT);

    assertThat(send(wrappedSend())).isEqualTo(SENT);

    assertThat(fed).containsExactly("messages.sendMessage -> UpdateShortSentMessage");
  }

  @Test
  void affectedAnswersMoveTheCommonSequenceOrTheirChannels() {
    end.then(new AffectedMessagesCtor(30, 2)).then(new AffectedMessagesCtor(8, 1)).then(new AffectedHistoryCtor(9, 1, 0));

    send(new DeleteMessages(true, List.of(1, 2)));
    send(new dev.tgkit.tl.api.channels.DeleteMessages(new InputChannelCtor(555, 1), List.of(4)));
    send(new UnpinAllMessages(new InputPeerChannel(777, 1), null, null));

    assertThat(fed).containsExactly("channel 0 pts 30 count 2", "channel 555 pts 8 count 1", "channel 777 pts 9 count 1");
  }

  @Test
  void otherAnswersAreLeftAlone() {
    end.then(new NearestDcCtor("NL", 2, 2));

    send(new GetNearestDc());

    assertThat(fed).isEmpty();
  }

  @Test
  void aFailedCallFailsAsItDidAndFeedsNothing() {
    end.then(RpcError.of(400, RpcErrors.PEER_ID_INVALID, new GetNearestDc()));

    assertThatThrownBy(() -> send(new GetNearestDc())).cause().isInstanceOf(RpcError.BadRequest.class);
    assertThat(fed).isEmpty();
  }

  @Test
  void aFailureToHandleTheUpdatesNeverFailsTheCall() {
    failing = true;
    end.then(SENT);

    assertThat(send(wrappedSend())).isEqualTo(SENT);
    assertThat(fed).hasSize(1);
  }
}
