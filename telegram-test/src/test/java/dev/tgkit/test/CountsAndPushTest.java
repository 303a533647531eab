package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.InitConnection;
import dev.tgkit.tl.api.InvokeWithLayer;
import dev.tgkit.tl.api.NearestDc;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.api.UpdateConfig;
import dev.tgkit.tl.api.UpdatePtsChanged;
import dev.tgkit.tl.api.UpdateShort;
import dev.tgkit.tl.api.UpdatesTooLong;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.help.GetNearestDc;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the embedded Telegram counts and whom it pushes to, each test on its own two data centers
 * so the counts are exact.
 */
class CountsAndPushTest {

  static {
    NettyLeaks.install();
  }

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

  @Test
  void aBurstFromTheSenderArrivesInContainersAndEachRequestIsExecutedOnceUnwrapped()
      throws Exception {
    try (EmbeddedTelegram telegram = EmbeddedTelegram.builder().dataCenters(2).start();
        RealClient client = RealClient.keyed(group, telegram.dataCenter(2))) {
      TestDataCenter dc = telegram.dataCenter(2);
      // Queued before the sender has a channel, so the first flush packs them together.
      CompletableFuture<?> config =
          client.sender().invokeAsync(new InvokeWithLayer<>(TlApi.LAYER, new InitConnection<>(
              12345, "JUnit", "Linux", "0.1.0", "en", "", "en", null, null, new GetConfig())));
      List<CompletableFuture<NearestDc>> burst = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        burst.add(client.sender().invokeAsync(new GetNearestDc()));
      }
      assertThat(dc.containersReceived()).isZero();

      client.attach();

      assertThat(config.get(30, TimeUnit.SECONDS)).isInstanceOf(ConfigCtor.class);
      for (CompletableFuture<NearestDc> call : burst) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(new NearestDcCtor("NL", 2, 2));
      }
      assertThat(dc.containersReceived()).isPositive();
      assertThat(telegram.containersReceived()).isEqualTo(dc.containersReceived());
      assertThat(telegram.dataCenter(1).containersReceived()).isZero();
      assertThat(dc.executed(GetNearestDc.class)).isEqualTo(300);
      assertThat(dc.executed(GetConfig.class)).isEqualTo(1);
      assertThat(telegram.dataCenter(1).executed(GetNearestDc.class)).isZero();
    }
  }

  @Test
  void aPushToOneAuthKeyReachesOnlyItsSessionsAndAPushToAllReachesEveryDataCenter()
      throws Exception {
    try (EmbeddedTelegram telegram = EmbeddedTelegram.builder().dataCenters(2).start();
        RealClient a = RealClient.attached(group, telegram.dataCenter(1));
        RealClient b = RealClient.attached(group, telegram.dataCenter(1));
        RealClient c = RealClient.attached(group, telegram.dataCenter(2))) {
      for (RealClient client : List.of(a, b, c)) {
        client.call(new GetNearestDc()); // the server learns each session's connection
      }
      TlObject toA = new UpdateShort(new UpdateConfig(), 1);
      TlObject toB = new UpdateShort(new UpdatePtsChanged(), 2);
      TlObject toAll = new UpdatesTooLong();

      assertThat(telegram.dataCenter(1).push(a.authKeyId(), toA)).isEqualTo(1);
      assertThat(telegram.dataCenter(1).push(b.authKeyId(), toB)).isEqualTo(1);
      assertThat(telegram.dataCenter(2).push(a.authKeyId(), toA)).isZero();
      assertThat(telegram.push(toAll)).isEqualTo(3);

      // Pushes to one session leave in order, so the last one arriving means the others did.
      for (RealClient client : List.of(a, b, c)) {
        RealClient.await(() -> client.updates.contains(toAll), "the push to everyone");
      }
      assertThat(a.updates).containsExactly(toA, toAll);
      assertThat(b.updates).containsExactly(toB, toAll);
      assertThat(c.updates).containsExactly(toAll);
    }
  }
}
