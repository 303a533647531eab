package dev.tgkit.mtproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.Direction;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.api.account.UpdateProfile;
import dev.tgkit.tl.api.messages.DhConfigNotModified;
import dev.tgkit.tl.api.messages.GetDhConfig;
import dev.tgkit.tl.mtproto.BadMsgNotificationCtor;
import dev.tgkit.tl.mtproto.MsgsStateInfoCtor;
import dev.tgkit.tl.mtproto.MsgsStateReqCtor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client and server sessions talking to each other: every packet really encrypted. */
class SessionsTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final long SERVER_SALT = 0x1122334455667788L;

  private AuthKey key;
  private ClientSession client;
  private ServerSession server;
  private long serverSalt;

  @BeforeEach
  void connect() {
    byte[] k = new byte[256];
    new Random(7).nextBytes(k);
    key = AuthKey.of(k);
    client = new ClientSession(key, SERVER_SALT, 0, false, ClientSession.Limits.DEFAULT, new SplittableRandom(1));
    server = new ServerSession(key, client.sessionId(), new SplittableRandom(2));
    serverSalt = SERVER_SALT;
  }

  /** The server decrypts a client packet, as the embedded Telegram will. */
  private List<ServerSession.ClientMessage> serverReceives(byte[] packet, long now) {
    EncryptedMessages.Decrypted m = EncryptedMessages.unpack(key, Direction.CLIENT_TO_SERVER, packet);
    return server.unpack(m, m.salt() == serverSalt, serverSalt, now);
  }

  /** Answers every GetDhConfig with DhConfigNotModified carrying its version as the random bytes. */
  private void serverAnswers(List<ServerSession.ClientMessage> messages) {
    for (ServerSession.ClientMessage m : messages) {
      TlReader r = m.reader();
      assertThat(r.readInt()).isEqualTo(GetDhConfig.CONSTRUCTOR_ID);
      GetDhConfig request = GetDhConfig.readBare(r);
      server.answer(m.msgId(), new DhConfigNotModified(Bytes.of((byte) request.version())));
    }
  }

  private Map<Long, Integer> enqueueRequests(int n) {
    Map<Long, Integer> versions = new HashMap<>();
    for (int i = 0; i < n; i++) {
      versions.put(client.enqueue(new GetDhConfig(i, 0)), i);
    }
    return versions;
  }

  private static <T extends Incoming> List<T> only(List<Incoming> incoming, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Incoming i : incoming) {
      if (type.isInstance(i)) out.add(type.cast(i));
    }
    return out;
  }

  private static void assertEachAnsweredOnceWithItsOwnAnswer(List<Incoming> incoming, Map<Long, Integer> versions) {
    List<Incoming.Answer> answers = only(incoming, Incoming.Answer.class);
    assertThat(answers).hasSize(versions.size());
    Map<Long, Integer> seen = new HashMap<>();
    for (Incoming.Answer a : answers) {
      DhConfigNotModified result = (DhConfigNotModified) a.result();
      assertThat(seen.put(a.requestId(), (int) result.random().get(0))).isNull();
    }
    assertThat(seen).isEqualTo(versions);
  }

  @Test
  void answersEveryRequestOfAContainerWithItsOwnAnswer() {
    Map<Long, Integer> versions = enqueueRequests(50);

    byte[] packet = client.pack(NOW);
    List<ServerSession.ClientMessage> received = serverReceives(packet, NOW);
    assertThat(received).hasSize(50);
    serverAnswers(received);
    List<Incoming> incoming = client.unpack(server.pack(serverSalt, NOW), NOW);

    assertEachAnsweredOnceWithItsOwnAnswer(incoming, versions);
    assertThat(only(incoming, Incoming.NewSession.class)).hasSize(1);
    assertThat(client.inFlight()).isZero();
  }

  @Test
  void aWrongSaltIsReplacedAndTheRequestsAreSentAgain() {
    serverSalt = 0x0BADC0FFEEL;
    Map<Long, Integer> versions = enqueueRequests(3);

    assertThat(serverReceives(client.pack(NOW), NOW)).isEmpty();
    List<Incoming> first = client.unpack(server.pack(serverSalt, NOW), NOW);
    assertThat(only(first, Incoming.SaltChanged.class)).isNotEmpty();
    assertThat(only(first, Incoming.Requeued.class)).hasSize(3);
    assertThat(client.salt()).isEqualTo(serverSalt);

    List<ServerSession.ClientMessage> received = serverReceives(client.pack(NOW + 10), NOW + 10);
    serverAnswers(received);
    assertEachAnsweredOnceWithItsOwnAnswer(client.unpack(server.pack(serverSalt, NOW + 10), NOW + 10), versions);
  }

  @Test
  void aClientClockAnHourAheadIsCorrectedByTheServersComplaint() {
    absorbsClockSkewOf(3_600_000, 17);
  }

  @Test
  void aClientClockAnHourBehindIsCorrectedByTheServersComplaint() {
    absorbsClockSkewOf(-3_600_000, 16);
  }

  private void absorbsClockSkewOf(long skewMillis, int expectedCode) {
    long clientNow = NOW + skewMillis;
    Map<Long, Integer> versions = enqueueRequests(2);

    assertThat(serverReceives(client.pack(clientNow), NOW)).isEmpty();
    byte[] complaint = server.pack(serverSalt, NOW);
    List<Incoming> first = client.unpack(complaint, clientNow);
    assertThat(only(first, Incoming.ClockSynchronized.class)).isNotEmpty();
    assertThat(only(first, Incoming.Requeued.class))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.reason()).contains(expectedCode == 16 ? "too low" : "too high"));
    assertThat(Math.abs(client.offsetMillis() + skewMillis)).isLessThan(1_000);

    List<ServerSession.ClientMessage> received = serverReceives(client.pack(clientNow + 5), NOW + 5);
    assertThat(received).hasSize(2);
    serverAnswers(received);
    assertEachAnsweredOnceWithItsOwnAnswer(client.unpack(server.pack(serverSalt, NOW + 5), clientNow + 5), versions);
  }

  @Test
  void rpcErrorsReachTheirRequest() {
    long request = client.enqueue(new GetDhConfig(1, 0));
    ServerSession.ClientMessage m = serverReceives(client.pack(NOW), NOW).getFirst();
    server.answerError(m.msgId(), 420, "FLOOD_WAIT_31");

    List<Incoming> incoming = client.unpack(server.pack(serverSalt, NOW), NOW);

    assertThat(only(incoming, Incoming.RpcErrorAnswer.class))
        .containsExactly(new Incoming.RpcErrorAnswer(request, 420, "FLOOD_WAIT_31"));
  }

  @Test
  void acknowledgesWhatTheServerSentAndTheServerTakesTheAck() {
    enqueueRequests(1);
    serverAnswers(serverReceives(client.pack(NOW), NOW));
    client.unpack(server.pack(serverSalt, NOW), NOW);
    assertThat(client.hasPending()).isTrue();

    byte[] acks = client.pack(NOW + 1);

    assertThat(serverReceives(acks, NOW + 1)).isEmpty();
    assertThat(client.hasPending()).isFalse();
  }

  @Test
  void largeCompressibleRequestsTravelGzipped() {
    String about = "tgkit ".repeat(2_000);
    UpdateProfile request = new UpdateProfile(null, null, about);
    byte[] plain = request.toByteArray();
    client.enqueue(request);

    byte[] packet = client.pack(NOW);
    List<ServerSession.ClientMessage> received = serverReceives(packet, NOW);

    assertThat(packet.length).isLessThan(plain.length / 10);
    assertThat(received).hasSize(1);
    assertThat(received.getFirst().body().toByteArray()).isEqualTo(plain);
  }

  @Test
  void requestsSentBeforeAReconnectAreSentAgainAndAnsweredOnce() {
    Map<Long, Integer> versions = enqueueRequests(20);
    client.pack(NOW); // lost with the connection

    client.requeueUnanswered();
    List<ServerSession.ClientMessage> received = serverReceives(client.pack(NOW + 100), NOW + 100);
    serverAnswers(received);

    assertEachAnsweredOnceWithItsOwnAnswer(client.unpack(server.pack(serverSalt, NOW + 100), NOW + 100), versions);
  }

  @Test
  void answersTheServersQuestionAboutWhatItReceived() {
    enqueueRequests(1);
    serverAnswers(serverReceives(client.pack(NOW), NOW));
    byte[] answer = server.pack(serverSalt, NOW);
    client.unpack(answer, NOW);
    client.pack(NOW); // acks
    long receivedId = MessageIds.fromMillis(NOW) | 1; // the server's first message
    long unknownId = MessageIds.fromMillis(NOW - 1_000) | 1;
    server.push(new MsgsStateReqCtor(List.of(receivedId, unknownId)));

    client.unpack(server.pack(serverSalt, NOW + 1), NOW + 1);
    List<ServerSession.ClientMessage> received = serverReceives(client.pack(NOW + 2), NOW + 2);

    assertThat(received).hasSize(1);
    TlReader r = received.getFirst().reader();
    assertThat(r.readInt()).isEqualTo(MsgsStateInfoCtor.CONSTRUCTOR_ID);
    MsgsStateInfoCtor info = MsgsStateInfoCtor.readBare(r);
    assertThat(info.info().toByteArray()).containsExactly(4, 1); // received, unknown
  }

  @Test
  void rejectsAReplayedPacket() {
    enqueueRequests(1);
    serverAnswers(serverReceives(client.pack(NOW), NOW));
    byte[] packet = server.pack(serverSalt, NOW);
    byte[] replay = packet.clone();
    client.unpack(packet, NOW);

    assertThatThrownBy(() -> client.unpack(replay, NOW))
        .isInstanceOf(MessageRejectedException.DuplicateMsgId.class);
  }

  @Test
  void rejectsAMessageOfAnotherSession() {
    byte[] packet = EncryptedMessages.pack(key, Direction.SERVER_TO_CLIENT, serverSalt, client.sessionId() + 1,
        MessageIds.fromMillis(NOW) | 1, 1, new GetDhConfig(1, 0).toByteArray(), new SplittableRandom(3));
    assertThatThrownBy(() -> client.unpack(packet, NOW))
        .isInstanceOf(MessageRejectedException.SessionIdMismatch.class);
  }

  @Test
  void rejectsAServerMessageWithAClientMsgId() {
    byte[] packet = EncryptedMessages.pack(key, Direction.SERVER_TO_CLIENT, serverSalt, client.sessionId(),
        MessageIds.fromMillis(NOW), 1, new GetDhConfig(1, 0).toByteArray(), new SplittableRandom(3));
    assertThatThrownBy(() -> client.unpack(packet, NOW))
        .isInstanceOf(MessageRejectedException.BadMsgIdParity.class);
  }

  @Test
  void onceTheClockIsKnownRejectsMessagesFromTooFarInThePastOrFuture() {
    enqueueRequests(1);
    serverAnswers(serverReceives(client.pack(NOW), NOW));
    client.unpack(server.pack(serverSalt, NOW), NOW);

    for (long skew : new long[] {-301_000, 31_000}) {
      byte[] packet = EncryptedMessages.pack(key, Direction.SERVER_TO_CLIENT, serverSalt, client.sessionId(),
          MessageIds.fromMillis(NOW + skew) | 1, 0, new GetDhConfig(1, 0).toByteArray(), new SplittableRandom(3));
      assertThatThrownBy(() -> client.unpack(packet, NOW))
          .as("skew %d ms", skew)
          .isInstanceOf(MessageRejectedException.MsgIdOutOfWindow.class);
    }
  }

  @Test
  void randomBytesAreRejectedWithAProtocolExceptionOnly() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] packet = new byte[random.nextInt(200)];
      random.nextBytes(packet);
      if (random.nextBoolean() && packet.length >= 8) {
        // Most garbage fails at the key id; give half of it the right id to reach msg_key.
        java.nio.ByteBuffer.wrap(packet).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, key.id());
      }
      assertThatThrownBy(() -> client.unpack(packet, NOW)).isInstanceOf(MessageRejectedException.class);
    }
  }

  @Test
  void serverComplainsAboutAClientMsgIdNotDivisibleByFour() {
    byte[] packet = EncryptedMessages.pack(key, Direction.CLIENT_TO_SERVER, serverSalt, client.sessionId(),
        MessageIds.fromMillis(NOW) | 2, 1, new GetDhConfig(1, 0).toByteArray(), new SplittableRandom(3));

    assertThat(serverReceives(packet, NOW)).isEmpty();

    EncryptedMessages.Decrypted reply =
        EncryptedMessages.unpack(key, Direction.SERVER_TO_CLIENT, server.pack(serverSalt, NOW));
    TlReader body = reply.body();
    assertThat(body.readInt()).isEqualTo(BadMsgNotificationCtor.CONSTRUCTOR_ID);
    BadMsgNotificationCtor notification = BadMsgNotificationCtor.readBare(body);
    assertThat(notification.errorCode()).isEqualTo(18);
    assertThat(notification.badMsgId()).isEqualTo(MessageIds.fromMillis(NOW) | 2);
  }
}
