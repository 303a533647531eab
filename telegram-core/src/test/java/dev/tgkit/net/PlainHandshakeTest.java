package dev.tgkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.mtproto.MessageIds;
import dev.tgkit.mtproto.MessageRejectedException;
import dev.tgkit.mtproto.PlainMessages;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.auth.HandshakeException;
import dev.tgkit.mtproto.auth.ServerHandshake;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.ServerDecoder;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.mtproto.transport.TransportException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The auth-key exchange over a real pipeline: the client's transport handlers and {@link
 * PlainHandshake} on one side, the sans-IO server ({@link ServerDecoder}, {@link ServerHandshake})
 * on the other, bytes ferried between them unchanged.
 */
class PlainHandshakeTest {

  static {
    NettyLeaks.install();
  }

  private static final RsaPrivateKey KEY = RsaPrivateKey.generate(new Random(20251123));
  private static final ServerHandshake SERVER = new ServerHandshake(KEY);
  private static final ClientHandshake.Options OPTIONS =
      ClientHandshake.Options.of(List.of(KEY.publicKey())).withDcId(2);
  private static final long CLIENT_NOW = 1_750_000_000_000L;
  private static final Clock CLIENT_CLOCK =
      Clock.fixed(Instant.ofEpochMilli(CLIENT_NOW), ZoneOffset.UTC);
  private static final int SERVER_AHEAD_SECONDS = 3600;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<EmbeddedChannel> channels = new ArrayList<>();

  static Stream<Transport> transports() {
    return Stream.of(
        Transport.plain(Framing.ABRIDGED),
        Transport.plain(Framing.INTERMEDIATE),
        Transport.plain(Framing.PADDED_INTERMEDIATE),
        Transport.plain(Framing.FULL),
        Transport.obfuscated(Framing.INTERMEDIATE),
        Transport.mtProxy(ProxySecret.parse("dd00112233445566778899aabbccddeeff")));
  }

  @AfterEach
  void releaseChannels() {
    for (EmbeddedChannel ch : channels) {
      ch.finishAndReleaseAll();
    }
  }

  /** Once per class: making the detector look needs garbage collections, too slow per test. */
  @AfterAll
  static void noBufferLeaked() throws InterruptedException {
    assertThat(NettyLeaks.collect()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void agreesOnAKeyWithTheServerOverEveryTransport(Transport transport) throws Exception {
    EmbeddedChannel ch = channel(transport);
    CompletableFuture<ClientHandshake.Done> done = start(ch, TIMEOUT);
    Server server = new Server(transport, id -> false);

    server.answer(ch); // resPQ
    server.answer(ch); // server_DH_params_ok
    server.answer(ch); // dh_gen_ok

    ClientHandshake.Done result = done.get(0, TimeUnit.SECONDS);
    assertThat(result.authKey()).isEqualTo(server.accepted.authKey());
    assertThat(result.firstSalt()).isEqualTo(server.accepted.firstSalt());
    assertThat(result.timeOffset()).isEqualTo(SERVER_AHEAD_SECONDS);
    assertThat(server.accepted.dcId()).isEqualTo(2);
    assertThat(ch.pipeline().get(PlainHandshake.NAME)).as("one-shot handler removed").isNull();
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void clientMessageIdsFollowTheServerClockOnceItAnswers() {
    EmbeddedChannel ch = channel(Transport.plain(Framing.INTERMEDIATE));
    start(ch, TIMEOUT);
    Server server = new Server(Transport.plain(Framing.INTERMEDIATE), id -> false);

    server.answer(ch);
    server.answer(ch);

    assertThat(server.clientMsgIds).hasSize(2);
    assertThat(MessageIds.seconds(server.clientMsgIds.get(0))).isEqualTo(CLIENT_NOW / 1000);
    assertThat(MessageIds.seconds(server.clientMsgIds.get(1)))
        .isEqualTo(CLIENT_NOW / 1000 + SERVER_AHEAD_SECONDS);
    assertThat(server.clientMsgIds).allMatch(id -> id % 4 == 0);
  }

  @Test
  void picksANewSecretWhenTheServerAlreadyHasTheKeyId() throws Exception {
    Transport transport = Transport.obfuscated(Framing.ABRIDGED);
    EmbeddedChannel ch = channel(transport);
    CompletableFuture<ClientHandshake.Done> done = start(ch, TIMEOUT);
    int[] asked = {0};
    Server server = new Server(transport, id -> asked[0]++ == 0);

    server.answer(ch);
    server.answer(ch);
    server.answer(ch); // dh_gen_retry
    assertThat(done).isNotDone();
    server.answer(ch); // dh_gen_ok for the second g_b

    assertThat(asked[0]).isEqualTo(2);
    assertThat(done.get(0, TimeUnit.SECONDS).authKey()).isEqualTo(server.accepted.authKey());
  }

  @Test
  void timesOutAndClosesTheChannelWhenTheServerIsSilent() {
    EmbeddedChannel ch = channel(Transport.plain(Framing.INTERMEDIATE));
    ch.freezeTime();
    CompletableFuture<ClientHandshake.Done> done = start(ch, Duration.ofSeconds(5));

    ch.advanceTimeBy(4, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(done).isNotDone();
    ch.advanceTimeBy(1, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    assertThatThrownBy(done::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ConnectionException.TimedOut.class,
            e -> assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(5)));
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void failsWithTheCodeOfATransportError() {
    Transport transport = Transport.plain(Framing.ABRIDGED);
    EmbeddedChannel ch = channel(transport);
    CompletableFuture<ClientHandshake.Done> done = start(ch, TIMEOUT);
    ServerDecoder decoder = Transport.detect(new SplittableRandom(1));
    decoder.decode(drain(ch));

    ch.writeInbound(direct(decoder.encoder().transportError(-429)));

    assertThatThrownBy(done::get)
        .cause()
        .isInstanceOfSatisfying(
            ConnectionException.TransportError.class, e -> assertThat(e.code()).isEqualTo(-429));
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void failsOnAnAnswerToAnotherExchange() {
    Transport transport = Transport.plain(Framing.INTERMEDIATE);
    EmbeddedChannel ch = channel(transport);
    CompletableFuture<ClientHandshake.Done> done = start(ch, TIMEOUT);
    ServerDecoder decoder = Transport.detect(new SplittableRandom(2));
    decoder.decode(drain(ch));
    byte[] otherRequest = ClientHandshake.step1(OPTIONS, new SplittableRandom(3)).request();
    byte[] foreign = SERVER.answerReqPq(otherRequest, new SplittableRandom(4)).response();

    ch.writeInbound(
        direct(
            decoder.encoder().encode(PlainMessages.pack(MessageIds.fromMillis(0) | 1, foreign))));

    assertThatThrownBy(done::get).cause().isInstanceOf(HandshakeException.class);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void failsWithTheTransportFaultThatClosedTheChannel() {
    EmbeddedChannel ch = channel(Transport.plain(Framing.INTERMEDIATE));
    CompletableFuture<ClientHandshake.Done> done = start(ch, TIMEOUT);

    ch.writeInbound(direct(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}));

    assertThatThrownBy(done::get).cause().isInstanceOf(TransportException.FrameTooLarge.class);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void failsOnAFrameThatIsNoPlainMessage() {
    Transport transport = Transport.plain(Framing.INTERMEDIATE);
    EmbeddedChannel ch = channel(transport);
    CompletableFuture<ClientHandshake.Done> done = start(ch, TIMEOUT);
    ServerDecoder decoder = Transport.detect(new SplittableRandom(6));
    decoder.decode(drain(ch));
    byte[] encryptedLooking = new byte[64];
    encryptedLooking[0] = 1; // a non-zero auth_key_id: an encrypted message, not a plain one

    ch.writeInbound(direct(decoder.encoder().encode(encryptedLooking)));

    assertThatThrownBy(done::get)
        .cause()
        .isInstanceOf(MessageRejectedException.BadPlainMessage.class)
        .hasMessageContaining("auth_key_id");
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void failsWhenTheConnectionCloses() {
    EmbeddedChannel ch = channel(Transport.plain(Framing.INTERMEDIATE));
    CompletableFuture<ClientHandshake.Done> done = start(ch, TIMEOUT);

    ch.close();

    assertThatThrownBy(done::get)
        .cause()
        .isInstanceOf(ConnectionException.Closed.class)
        .hasMessageContaining("auth-key exchange");
  }

  @Test
  void failsAtOnceOnAChannelAlreadyClosed() {
    EmbeddedChannel ch = channel(Transport.plain(Framing.INTERMEDIATE));
    ch.close();

    CompletableFuture<ClientHandshake.Done> done = start(ch, TIMEOUT);

    assertThat(done).isCompletedExceptionally();
    assertThatThrownBy(done::get).cause().isInstanceOf(ConnectionException.Closed.class);
  }

  @Test
  void cancellingTheFutureClosesTheChannel() {
    EmbeddedChannel ch = channel(Transport.plain(Framing.INTERMEDIATE));
    CompletableFuture<ClientHandshake.Done> done = start(ch, TIMEOUT);

    done.cancel(false);
    ch.runPendingTasks();

    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void rejectsATimeoutThatIsNotPositive() {
    EmbeddedChannel ch = channel(Transport.plain(Framing.INTERMEDIATE));
    assertThatThrownBy(() -> start(ch, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  // --- helpers

  /** The server's side, sans-IO, answering one step each time it is asked. */
  private static final class Server {
    private final ServerDecoder decoder;
    private final LongPredicate authKeyIdTaken;
    private final SplittableRandom random = new SplittableRandom(77);
    private final MessageIds ids = new MessageIds(SERVER_AHEAD_SECONDS * 1000L);
    private final List<Long> clientMsgIds = new ArrayList<>();
    private ServerHandshake.@Nullable PqSent pqSent;
    private ServerHandshake.@Nullable DhParamsSent dhSent;
    private ServerHandshake.@Nullable Accepted accepted;

    Server(Transport transport, LongPredicate authKeyIdTaken) {
      ProxySecret secret = transport instanceof Transport.Obfuscated o ? o.secret() : null;
      this.decoder = Transport.detect(new SplittableRandom(5), secret, 1 << 20);
      this.authKeyIdTaken = authKeyIdTaken;
    }

    /** Reads the client's one pending request and writes the answer back into the channel. */
    void answer(EmbeddedChannel ch) {
      List<Inbound.Frame> frames = decoder.decode(drain(ch));
      assertThat(frames).hasSize(1);
      PlainMessages.Plain request =
          PlainMessages.unpack(trim(frames.get(0).payload().toByteArray()));
      clientMsgIds.add(request.msgId());
      int nowSeconds = (int) (CLIENT_NOW / 1000) + SERVER_AHEAD_SECONDS;
      byte[] response;
      if (pqSent == null) {
        var reply = SERVER.answerReqPq(request.body(), random);
        pqSent = reply.next();
        response = reply.response();
      } else if (dhSent == null) {
        var reply = pqSent.answerReqDhParams(request.body(), random, nowSeconds);
        dhSent = reply.next();
        response = reply.response();
      } else {
        response =
            switch (dhSent.answerSetClientDhParams(request.body(), authKeyIdTaken)) {
              case ServerHandshake.Accepted a -> {
                accepted = a;
                yield a.response();
              }
              case ServerHandshake.Retry r -> {
                dhSent = r.next();
                yield r.response();
              }
            };
      }
      long msgId = ids.nextServerAnswerId(CLIENT_NOW);
      ch.writeInbound(direct(decoder.encoder().encode(PlainMessages.pack(msgId, response))));
    }
  }

  private EmbeddedChannel channel(Transport transport) {
    EmbeddedChannel ch = new EmbeddedChannel();
    channels.add(ch);
    ClientTransportHandlers.install(
        ch.pipeline(), transport, new SplittableRandom(9), 0, Transport.DEFAULT_MAX_FRAME_LENGTH);
    return ch;
  }

  private static CompletableFuture<ClientHandshake.Done> start(
      EmbeddedChannel ch, Duration timeout) {
    return PlainHandshake.start(ch, OPTIONS, new SplittableRandom(10), CLIENT_CLOCK, timeout);
  }

  private static byte[] drain(EmbeddedChannel ch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf buf; (buf = ch.readOutbound()) != null; ) {
      out.writeBytes(ByteBufUtil.getBytes(buf));
      buf.release();
    }
    return out.toByteArray();
  }

  /** Cuts padded intermediate's padding off a plain message by its own length field. */
  private static byte[] trim(byte[] packet) {
    int length =
        (packet[16] & 0xff)
            | (packet[17] & 0xff) << 8
            | (packet[18] & 0xff) << 16
            | (packet[19] & 0xff) << 24;
    return Arrays.copyOf(packet, PlainMessages.HEADER + length);
  }

  private static ByteBuf direct(byte[] bytes) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
    buf.writeBytes(bytes);
    return buf;
  }
}
