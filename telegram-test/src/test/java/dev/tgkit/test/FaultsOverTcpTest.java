package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.Incoming;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.NearestDc;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.help.GetNearestDc;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delayed answers and dropped connections, seen by real clients over loopback TCP. */
class FaultsOverTcpTest {

  static {
    NettyLeaks.install();
  }

  @RegisterExtension
  static final EmbeddedTelegramExtension TELEGRAM =
      new EmbeddedTelegramExtension(() -> EmbeddedTelegram.builder().dataCenters(2));

  private static EventLoopGroup group;

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThat(NettyLeaks.collect()).isEmpty();
  }

  @AfterEach
  void clearFaults() {
    TELEGRAM.telegram().faults().clear();
  }

  @Test
  void aDelayedAnswerComesAfterTheDelayWhileLaterRequestsAreAnsweredAtOnce() throws Exception {
    EmbeddedTelegram telegram = TELEGRAM.telegram();
    TestDataCenter dc = telegram.dataCenter(1);
    telegram.faults().delayAnswersOnDc(1, GetNearestDc.class, Duration.ofSeconds(2), 1);
    try (RealClient client = RealClient.attached(group, dc)) {
      int executed = dc.executed(GetNearestDc.class);
      long start = System.nanoTime();

      CompletableFuture<NearestDc> slow = client.sender().invokeAsync(new GetNearestDc());
      assertThat(client.call(new GetConfig())).isInstanceOf(ConfigCtor.class);

      assertThat(slow).isNotDone();
      assertThat(dc.executed(GetNearestDc.class)).isEqualTo(executed + 1);
      assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo(new NearestDcCtor("NL", 1, 1));
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(1_900).toNanos());
      assertThat(dc.executed(GetNearestDc.class)).isEqualTo(executed + 1);
    }
  }

  @Test
  void aDelayedAnswerFollowsItsSessionToTheConnectionItUsesWhenTheAnswerIsDue() throws Exception {
    EmbeddedTelegram telegram = TELEGRAM.telegram();
    TestDataCenter dc = telegram.dataCenter(2);
    telegram.faults().delayAnswers(GetNearestDc.class, Duration.ofSeconds(1), 1);
    int executed = dc.executed(GetNearestDc.class);
    ClientSession session;
    long slow;
    try (LoopbackClient first = new LoopbackClient(dc, Transport.plain(Framing.INTERMEDIATE), 5)) {
      session = first.session(first.createAuthKey(telegram.publicKeys()));
      slow = session.enqueue(new GetNearestDc());
      first.send(session.pack(System.currentTimeMillis()));
      RealClient.await(
          () -> dc.executed(GetNearestDc.class) == executed + 1, "the server to take the request");
    }

    try (LoopbackClient second = new LoopbackClient(dc, Transport.plain(Framing.ABRIDGED), 6)) {
      assertThat(second.invoke(session, new GetConfig())).isInstanceOf(Incoming.Answer.class);

      Incoming late = null;
      while (late == null) {
        Inbound.Frame frame = (Inbound.Frame) second.read();
        for (Incoming in : session.unpack(frame.payload().toByteArray(), System.currentTimeMillis())) {
          if (in instanceof Incoming.Answer a && a.requestId() == slow) {
            late = a;
          }
        }
      }
      assertThat(((Incoming.Answer) late).result()).isEqualTo(new NearestDcCtor("NL", 2, 2));
    }
  }

  @Test
  void droppingBeforeAnsweringExecutesNothingAndTheSenderGetsItsAnswerOnTheNextConnection()
      throws Exception {
    EmbeddedTelegram telegram = TELEGRAM.telegram();
    TestDataCenter dc = telegram.dataCenter(2);
    telegram.faults().dropBeforeAnsweringOnDc(2, GetNearestDc.class, 1);
    try (RealClient client = RealClient.attached(group, dc)) {
      client.call(new GetConfig());
      int executed = dc.executed(GetNearestDc.class);

      CompletableFuture<NearestDc> call = client.sender().invokeAsync(new GetNearestDc());

      assertThat(client.channel().closeFuture().await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(call).isNotDone();
      assertThat(dc.executed(GetNearestDc.class)).isEqualTo(executed);

      client.reconnect();

      assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(new NearestDcCtor("NL", 2, 2));
      assertThat(dc.executed(GetNearestDc.class)).isEqualTo(executed + 1);
    }
  }

  @Test
  void droppingAfterAnsweringSendsTheAnswerThenClosesTheConnection() throws Exception {
    EmbeddedTelegram telegram = TELEGRAM.telegram();
    TestDataCenter dc = telegram.dataCenter(1);
    telegram.faults().dropAfterAnswering(GetNearestDc.class, 1);
    int executed = dc.executed(GetNearestDc.class);
    try (LoopbackClient client = new LoopbackClient(dc, Transport.obfuscated(Framing.ABRIDGED), 7)) {
      ClientSession session = client.session(client.createAuthKey(telegram.publicKeys()));

      Incoming answer = client.invoke(session, new GetNearestDc());

      assertThat(((Incoming.Answer) answer).result()).isEqualTo(new NearestDcCtor("NL", 1, 1));
      assertThat(client.closedByServer()).isTrue();
      assertThat(dc.executed(GetNearestDc.class)).isEqualTo(executed + 1);
    }
  }
}
