package dev.tgkit.mtproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.Direction;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.GzipPacked;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.TlWriter;
import dev.tgkit.tl.api.UpdatesTooLong;
import dev.tgkit.tl.api.messages.DhConfigNotModified;
import dev.tgkit.tl.api.messages.GetDhConfig;
import dev.tgkit.tl.mtproto.BadMsgNotificationCtor;
import dev.tgkit.tl.mtproto.FutureSaltCtor;
import dev.tgkit.tl.mtproto.FutureSaltsCtor;
import dev.tgkit.tl.mtproto.GetFutureSalts;
import dev.tgkit.tl.mtproto.MsgDetailedInfoCtor;
import dev.tgkit.tl.mtproto.MsgResendReqCtor;
import dev.tgkit.tl.mtproto.Ping;
import dev.tgkit.tl.mtproto.PongCtor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the client session absorbs, answers or reports each service message of the server. */
class ServiceMessagesTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final long SALT = 0x0102030405060708L;

  private AuthKey key;
  private ClientSession client;
  private ServerSession server;

  @BeforeEach
  void connect() {
    byte[] k = new byte[256];
    new Random(11).nextBytes(k);
    key = AuthKey.of(k);
    client = new ClientSession(key, SALT, 0, false, ClientSession.Limits.DEFAULT, new SplittableRandom(5));
    server = new ServerSession(key, client.sessionId(), new SplittableRandom(6));
  }

  private List<ServerSession.ClientMessage> serverReceives(long now) {
    EncryptedMessages.Decrypted m =
        EncryptedMessages.unpack(key, Direction.CLIENT_TO_SERVER, client.pack(now));
    return server.unpack(m, m.salt() == SALT, SALT, now);
  }

  private List<Incoming> clientReceives(long now) {
    return client.unpack(server.pack(SALT, now), now);
  }

  private static <T extends Incoming> List<T> only(List<Incoming> incoming, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Incoming i : incoming) {
      if (type.isInstance(i)) out.add(type.cast(i));
    }
    return out;
  }

  @Test
  void aSeqNoComplaintStartsANewSessionAndSendsEverythingAgain() {
    long a = client.enqueue(new GetDhConfig(1, 0));
    long b = client.enqueue(new GetDhConfig(2, 0));
    EncryptedMessages.Decrypted sent =
        EncryptedMessages.unpack(key, Direction.CLIENT_TO_SERVER, client.pack(NOW));
    server.unpack(sent, true, SALT, NOW);
    long oldSession = client.sessionId();
    server.push(new BadMsgNotificationCtor(sent.msgId(), sent.seqNo(), 32));

    List<Incoming> incoming = clientReceives(NOW);

    assertThat(only(incoming, Incoming.Requeued.class))
        .extracting(Incoming.Requeued::requestId)
        .containsExactlyInAnyOrder(a, b);
    assertThat(client.sessionId()).isNotEqualTo(oldSession);
    server = new ServerSession(key, client.sessionId(), new SplittableRandom(7));
    List<ServerSession.ClientMessage> again = serverReceives(NOW + 1);
    assertThat(again).hasSize(2);
    assertThat(again.getFirst().seqNo()).isEqualTo(1); // the new session counts from zero
  }

  @Test
  void futureSaltsAreTakenUpAsTheCurrentOneExpires() {
    long request = client.enqueue(new GetFutureSalts(2));
    ServerSession.ClientMessage asked = serverReceives(NOW).getFirst();
    int now = (int) (NOW / 1000);
    FutureSaltsCtor salts = new FutureSaltsCtor(asked.msgId(), now, List.of(
        new FutureSaltCtor(now - 10, now + 100, 0xAAL),
        new FutureSaltCtor(now + 100, now + 200, 0xBBL)));
    server.push(salts);

    assertThat(only(clientReceives(NOW), Incoming.Answer.class))
        .containsExactly(new Incoming.Answer(request, salts));

    client.enqueue(new GetDhConfig(1, 0));
    assertThat(saltOfNextPacket(NOW + 50_000)).isEqualTo(0xAAL);
    client.enqueue(new GetDhConfig(1, 0));
    assertThat(saltOfNextPacket(NOW + 150_000)).isEqualTo(0xBBL);
    assertThat(client.needsFutureSalts(NOW + 150_000, 30)).isFalse();
    assertThat(client.needsFutureSalts(NOW + 150_000, 60)).isTrue();
  }

  private long saltOfNextPacket(long now) {
    return EncryptedMessages.unpack(key, Direction.CLIENT_TO_SERVER, client.pack(now)).salt();
  }

  @Test
  void theServerCanAskForARequestAgain() {
    long request = client.enqueue(new GetDhConfig(3, 0));
    ServerSession.ClientMessage first = serverReceives(NOW).getFirst();
    server.push(new MsgResendReqCtor(List.of(first.msgId())));

    assertThat(only(clientReceives(NOW), Incoming.Requeued.class))
        .containsExactly(new Incoming.Requeued(request, "server asked to resend"));
    List<ServerSession.ClientMessage> again = serverReceives(NOW + 1);
    assertThat(again).hasSize(1);
    assertThat(again.getFirst().body()).isEqualTo(first.body());
  }

  @Test
  void asksForAnAnswerTheServerSaysItSentButThatNeverArrived() {
    client.enqueue(new GetDhConfig(3, 0));
    ServerSession.ClientMessage request = serverReceives(NOW).getFirst();
    long lostAnswer = MessageIds.fromMillis(NOW - 5_000) | 1;
    server.push(new MsgDetailedInfoCtor(request.msgId(), lostAnswer, 100, 0));
    clientReceives(NOW);

    List<ServerSession.ClientMessage> asked = serverReceives(NOW + 1);

    assertThat(asked).hasSize(1);
    TlReader r = asked.getFirst().reader();
    assertThat(r.readInt()).isEqualTo(MsgResendReqCtor.CONSTRUCTOR_ID);
    assertThat(MsgResendReqCtor.readBare(r).msgIds()).containsExactly(lostAnswer);
  }

  @Test
  void aPingIsAnsweredByItsPong() {
    long ping = client.enqueue(new Ping(77));
    assertThat(serverReceives(NOW)).isEmpty(); // the server session answers pings itself

    List<Incoming.Answer> answers = only(clientReceives(NOW), Incoming.Answer.class);

    assertThat(answers).hasSize(1);
    assertThat(answers.getFirst().requestId()).isEqualTo(ping);
    assertThat(((PongCtor) answers.getFirst().result()).pingId()).isEqualTo(77);
  }

  @Test
  void aGzipPackedAnswerIsUnpacked() {
    long request = client.enqueue(new GetDhConfig(3, 0));
    ServerSession.ClientMessage m = serverReceives(NOW).getFirst();
    DhConfigNotModified answer = new DhConfigNotModified(Bytes.of(new byte[4000]));
    server.answer(m.msgId(), GzipPacked.pack(answer.toByteArray()));

    assertThat(only(clientReceives(NOW), Incoming.Answer.class))
        .containsExactly(new Incoming.Answer(request, answer));
  }

  @Test
  void anAnswerOfTheWrongTypeFailsOnlyItsRequest() {
    long request = client.enqueue(new GetDhConfig(3, 0));
    ServerSession.ClientMessage m = serverReceives(NOW).getFirst();
    server.answer(m.msgId(), new UpdatesTooLong());

    List<Incoming.Undecodable> failed = only(clientReceives(NOW), Incoming.Undecodable.class);

    assertThat(failed).hasSize(1);
    assertThat(failed.getFirst().requestId()).isEqualTo(request);
    assertThat(failed.getFirst().cause()).hasMessageContaining("messages.DhConfig");
  }

  @Test
  void pushedUpdatesAreReportedAndUnknownBodiesDoNotStopTheRest() {
    server.push(unknownObject());
    server.push(new UpdatesTooLong());

    List<Incoming> incoming = clientReceives(NOW);

    assertThat(only(incoming, Incoming.Update.class))
        .containsExactly(new Incoming.Update(new UpdatesTooLong()));
    assertThat(only(incoming, Incoming.Unknown.class)).hasSize(1);
  }

  @Test
  void acknowledgementsOfTheServerNameTheRequests() {
    long a = client.enqueue(new GetDhConfig(1, 0));
    long b = client.enqueue(new GetDhConfig(2, 0));
    serverReceives(NOW); // the server acks both, answering neither yet

    List<Incoming> incoming = clientReceives(NOW);

    assertThat(only(incoming, Incoming.Acknowledged.class))
        .singleElement()
        .satisfies(ack -> assertThat(ack.requestIds()).containsExactlyInAnyOrder(a, b));
    assertThat(client.inFlight()).isEqualTo(2);
  }

  @Test
  void anInvalidContainerFailsItsRequests() {
    long a = client.enqueue(new GetDhConfig(1, 0));
    EncryptedMessages.Decrypted sent =
        EncryptedMessages.unpack(key, Direction.CLIENT_TO_SERVER, client.pack(NOW));
    server.unpack(sent, true, SALT, NOW);
    server.push(new BadMsgNotificationCtor(sent.msgId(), sent.seqNo(), 64));

    assertThat(only(clientReceives(NOW), Incoming.Failed.class))
        .containsExactly(new Incoming.Failed(a, "bad_msg_notification 64"));
  }

  @Test
  void aFullQueueRefusesMoreRequestsWithAClearMessage() {
    ClientSession small = new ClientSession(key, SALT, 0, false,
        new ClientSession.Limits(2, 16, 16, 16, 4096, 512, 5, 64), new SplittableRandom(1));
    small.enqueue(new GetDhConfig(1, 0));
    small.enqueue(new GetDhConfig(2, 0));

    assertThatThrownBy(() -> small.enqueue(new GetDhConfig(3, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("queue full");
  }

  @Test
  void requestsThatKeepFailingToBeAcceptedGiveUpAfterMaxSends() {
    ClientSession impatient = new ClientSession(key, SALT, 0, false,
        new ClientSession.Limits(16, 16, 16, 16, 4096, 512, 2, 64), new SplittableRandom(1));
    ServerSession strict = new ServerSession(key, impatient.sessionId(), new SplittableRandom(2));
    long request = impatient.enqueue(new GetDhConfig(1, 0));
    List<Incoming> last = List.of();
    for (int i = 0; i < 2; i++) {
      EncryptedMessages.Decrypted m =
          EncryptedMessages.unpack(key, Direction.CLIENT_TO_SERVER, impatient.pack(NOW + i));
      strict.unpack(m, false, SALT + 1, NOW + i); // never accepts the salt
      last = impatient.unpack(strict.pack(SALT, NOW + i), NOW + i);
    }
    assertThat(only(last, Incoming.Failed.class))
        .containsExactly(new Incoming.Failed(request, "bad_server_salt after 2 sends"));
  }

  private static TlObject unknownObject() {
    return new TlObject() {
      @Override
      public int constructorId() {
        return 0x0badf00d;
      }

      @Override
      public void serializeBare(TlWriter out) {
        out.writeInt(1);
      }
    };
  }
}
