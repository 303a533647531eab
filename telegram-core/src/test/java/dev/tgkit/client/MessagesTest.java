package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.types.Button;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.OutgoingMessage;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.PeerRef;
import dev.tgkit.session.Session;
import dev.tgkit.session.SessionUser;
import dev.tgkit.session.TlValues;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.InputReplyToMessage;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageEmpty;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.messages.AffectedHistoryCtor;
import dev.tgkit.tl.api.messages.AffectedMessagesCtor;
import dev.tgkit.tl.api.messages.DeleteMessages;
import dev.tgkit.tl.api.messages.GetHistory;
import dev.tgkit.tl.api.messages.GetMessages;
import dev.tgkit.tl.api.messages.MessagesCtor;
import dev.tgkit.tl.api.messages.MessagesSlice;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.api.messages.UnpinAllMessages;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The messages service against a recording pipeline: which requests each method makes, and what it makes of the answers. */
class MessagesTest {

  private static final PeerRef.UserRef ALICE = new PeerRef.UserRef(7, 77);

  private final RecordingRpc rpc = new RecordingRpc();
  private final StoredSession sessions = new StoredSession(new MemoryStorage());
  private final Client client = Client.builder().apiId(1).apiHash("0123456789abcdef0123456789abcdef").build();
  private final Messages messages = new Messages(rpc, sessions, new PeerCache(), client, new Random(1));

  MessagesTest() {
    signedInAs(false);
  }

  private void signedInAs(boolean bot) {
    sessions.set(new Session(List.of(new DataCenter(1, "127.0.0.1", 1001, null)), 1)
        .withUser(new SessionUser(42, 1, bot, null)));
  }

  private static MessageCtor stored(int id) {
    return TlValues.of(MessageCtor.class, "id", id, "peerId", new PeerUser(7), "date", 1_700_000_000 + id,
        "message", "m" + id);
  }

  @Test
  void sendMessageSendsTheTextWithItsOptionsAndRebuildsTheShortAnswer() {
    rpc.expect(SendMessage.class, UpdateShortSentMessage.builder(10, 21, 1, 1_700_000_500).out_(true).build());

    Message sent = messages.sendMessage(ALICE, OutgoingMessage.text("hello").replyTo(5).silent(true));

    SendMessage request = rpc.sent(SendMessage.class);
    assertThat(request.peer()).isEqualTo(new InputPeerUser(7, 77));
    assertThat(request.message()).isEqualTo("hello");
    assertThat(request.silent()).isTrue();
    assertThat(request.replyTo()).isInstanceOfSatisfying(InputReplyToMessage.class,
        r -> assertThat(r.replyToMsgId()).isEqualTo(5));
    assertThat(sent.id()).isEqualTo(10);
    assertThat(sent.text()).isEqualTo("hello");
    assertThat(sent.chat().ref()).isInstanceOfSatisfying(PeerRef.UserRef.class, u -> assertThat(u.id()).isEqualTo(7));
  }

  @Test
  void whatTelegramWouldRefuseIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> messages.sendMessage(ALICE, OutgoingMessage.text(" ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs text");
    assertThatThrownBy(() -> messages.sendMessage(ALICE,
        OutgoingMessage.text("pick").buttons(List.of(List.of(Button.callback("a", new byte[] {1}))))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("only bots");
    assertThatThrownBy(() -> messages.deleteMessages(ALICE, List.of(), true)).hasMessageContaining("no message ids");
    assertThatThrownBy(() -> messages.getMessagesWithIds(ALICE, List.of(3, 0))).hasMessageContaining("positive");
    assertThat(rpc.requests()).isEmpty();
  }

  @Test
  void deletingInAChannelAsksTheChannelAndReturnsHowManyWent() {
    rpc.expect(dev.tgkit.tl.api.channels.DeleteMessages.class, new AffectedMessagesCtor(30, 2))
        .expect(DeleteMessages.class, new AffectedMessagesCtor(31, 1));

    assertThat(messages.deleteMessages(new PeerRef.ChannelRef(9, 99), List.of(1, 2), true)).isEqualTo(2);
    assertThat(messages.deleteMessages(ALICE, List.of(3), true)).isEqualTo(1);

    assertThat(rpc.sent(DeleteMessages.class).revoke()).isTrue();
    rpc.assertDone();
  }

  @Test
  void theHistoryIsAskedForAPageAtATimeFromTheLastIdSeen() {
    List<Integer> ids = IntStream.rangeClosed(1, 250).boxed().toList().reversed();
    for (int page = 0; page < 4; page++) {
      rpc.expect(GetHistory.class, request -> TlValues.of(MessagesSlice.class, "count", 250,
          "messages", ids.stream().filter(id -> request.offsetId() == 0 || id < request.offsetId())
              .limit(request.limit()).map(id -> (dev.tgkit.tl.api.Message) stored(id)).toList()));
    }

    assertThat(messages.getMessages(ALICE).stream().map(Message::id).toList()).isEqualTo(ids);

    assertThat(rpc.requests()).map(r -> ((GetHistory) r).offsetId()).containsExactly(0, 151, 51, 1);
    assertThat(rpc.requests()).map(r -> ((GetHistory) r).limit()).containsOnly(100);
  }

  @Test
  void oldestFirstAsksForThePageJustNewerThanTheOffsetId() {
    rpc.expect(GetHistory.class, TlValues.of(MessagesSlice.class, "count", 0, "messages", List.<dev.tgkit.tl.api.Message>of()));

    assertThat(messages.getMessages(ALICE).reversed().offsetId(50).limit(10).toList()).isEmpty();

    GetHistory request = rpc.sent(GetHistory.class);
    assertThat(List.of(request.offsetId(), request.offsetDate(), request.addOffset(), request.limit(), request.maxId(),
        request.minId())).containsExactly(51, 0, -10, 10, 0, 50);
  }

  @Test
  void aHistoryTelegramSendsWholeIsNotAskedForAgain() {
    rpc.expect(GetHistory.class, TlValues.of(MessagesCtor.class, "messages",
        List.<dev.tgkit.tl.api.Message>of(stored(2), stored(1))));

    assertThat(messages.getMessages(ALICE).toList()).extracting(Message::id).containsExactly(2, 1);
    assertThat(rpc.requests()).hasSize(1);
  }

  @Test
  void theTotalCountIsTelegramsCount() {
    rpc.expect(GetHistory.class, TlValues.of(MessagesSlice.class, "count", 9_999, "messages",
        List.<dev.tgkit.tl.api.Message>of(stored(9_999))));

    assertThat(messages.getMessages(ALICE).totalCount()).isEqualTo(9_999);
    assertThat(rpc.sent(GetHistory.class).limit()).isEqualTo(1);
  }

  @Test
  void idsThatNameNoMessageAreLeftOut() {
    rpc.expect(GetMessages.class, TlValues.of(MessagesCtor.class, "messages",
        List.<dev.tgkit.tl.api.Message>of(stored(3), new MessageEmpty(4, null))));

    assertThat(messages.getMessagesWithIds(ALICE, List.of(3, 4))).extracting(Message::id).containsExactly(3);
  }

  @Test
  void unpinningAllRepeatsWhileTelegramAsksAndStopsIfItsOffsetDoesNotShrink() {
    rpc.expect(UnpinAllMessages.class, new AffectedHistoryCtor(5, 1, 40))
        .expect(UnpinAllMessages.class, new AffectedHistoryCtor(6, 1, 0));
    messages.unpinAllMessages(ALICE);
    rpc.assertDone();

    rpc.expect(UnpinAllMessages.class, new AffectedHistoryCtor(7, 1, 40))
        .expect(UnpinAllMessages.class, new AffectedHistoryCtor(8, 1, 40));
    assertThatThrownBy(() -> messages.unpinAllMessages(ALICE)).hasMessageContaining("did not shrink");
  }
}
