package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.net.ClientTransportHandlers;
import dev.tgkit.net.PlainHandshake;
import dev.tgkit.net.Sender;
import dev.tgkit.tl.api.Config;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.DcOptionCtor;
import dev.tgkit.tl.api.InitConnection;
import dev.tgkit.tl.api.InvokeWithLayer;
import dev.tgkit.tl.api.NearestDc;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.help.GetNearestDc;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's network pieces as the coming {@code Client} will combine them, against the
 * embedded Telegram over real TCP: a key made on the channel, then the sender on the same one.
 */
class ClientPiecesEndToEndTest {

  @RegisterExtension
  static final EmbeddedTelegramExtension TELEGRAM =
      new EmbeddedTelegramExtension(() -> EmbeddedTelegram.builder().dataCenters(2));

  private static EventLoopGroup group;

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static Sender connectFresh(TestDataCenter dc, Framing framing) throws Exception {
    SecureRandom random = new SecureRandom();
    Channel ch = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .handler(ClientTransportHandlers.initializer(Transport.obfuscated(framing), random, 0, Transport.DEFAULT_MAX_FRAME_LENGTH))
        .connect(dc.host(), dc.port()).sync().channel();
    ClientHandshake.Done key = PlainHandshake.start(ch,
        ClientHandshake.Options.of(List.of(dc.publicKey())).withDcId(dc.id()),
        random, Clock.systemUTC(), Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
    ClientSession session = new ClientSession(key.authKey(), key.firstSalt(),
        key.timeOffset() * 1000L, true, ClientSession.Limits.DEFAULT, random);
    Sender sender = new Sender(session, Clock.systemUTC(), update -> { });
    sender.attach(ch);
    return sender;
  }

  @Test
  void aFreshKeyThenInitConnectionGetsTheConfigListingEveryDataCenter() throws Exception {
    EmbeddedTelegram telegram = TELEGRAM.telegram();
    int exchangesBefore = telegram.exchanges();
    Sender sender = connectFresh(telegram.dataCenter(1), Framing.INTERMEDIATE);

    Config config = sender.invokeAsync(new InvokeWithLayer<>(TlApi.LAYER, new InitConnection<>(
        12345, "test device", "test os", "0.1", "en", "", "en", null, null, new GetConfig())))
        .get(30, TimeUnit.SECONDS);

    assertThat(telegram.exchanges()).isEqualTo(exchangesBefore + 1);
    assertThat(((ConfigCtor) config).dcOptions())
        .map(o -> ((DcOptionCtor) o).port())
        .contains(telegram.dataCenter(1).port(), telegram.dataCenter(2).port());
    sender.close();
  }

  @Test
  void injectedErrorsReachTheCallerAsTheirRpcErrorClassThenTheServerAnswersAgain() throws Exception {
    EmbeddedTelegram telegram = TELEGRAM.telegram();
    telegram.faults().answerError(GetNearestDc.class, 420, "FLOOD_WAIT_2", 2);
    telegram.faults().answerErrorOnDc(1, GetConfig.class, 303, "NETWORK_MIGRATE_2", Integer.MAX_VALUE);
    try {
      Sender dc1 = connectFresh(telegram.dataCenter(1), Framing.ABRIDGED);
      Sender dc2 = connectFresh(telegram.dataCenter(2), Framing.ABRIDGED);

      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> dc1.invokeAsync(new GetNearestDc()).get(30, TimeUnit.SECONDS))
            .cause()
            .isInstanceOfSatisfying(RpcError.Flood.class, e -> assertThat(e.seconds()).isEqualTo(2));
      }
      assertThat(dc1.invokeAsync(new GetNearestDc()).get(30, TimeUnit.SECONDS)).isNotNull();
      assertThatThrownBy(() -> dc1.invokeAsync(new GetConfig()).get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(RpcError.SeeOther.class, e -> assertThat(e.dc()).isEqualTo(2));
      assertThat(dc2.invokeAsync(new GetConfig()).get(30, TimeUnit.SECONDS)).isInstanceOf(ConfigCtor.class);
      dc1.close();
      dc2.close();
    } finally {
      telegram.faults().clear();
    }
  }

  @Test
  void tenThousandConcurrentCallsFromAHundredThreadsAllComplete() throws Exception {
    Sender sender = connectFresh(TELEGRAM.telegram().dataCenter(2), Framing.PADDED_INTERMEDIATE);
    List<CompletableFuture<NearestDc>> calls = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(100);
    for (int t = 0; t < 100; t++) {
      Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 100; i++) {
          calls.add(sender.invokeAsync(new GetNearestDc()));
        }
        started.countDown();
      });
    }
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    assertThat(calls).hasSize(10_000).allMatch(c -> !c.isCompletedExceptionally());
    assertThat(sender.pendingRequests()).isZero();
    sender.close();
  }
}
