package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.ExportAuthorization;
import dev.tgkit.tl.api.auth.ExportedAuthorizationCtor;
import dev.tgkit.tl.api.auth.ImportAuthorization;
import dev.tgkit.tl.api.contacts.GetContacts;
import dev.tgkit.tl.api.updates.GetState;
import dev.tgkit.tl.api.updates.StateCtor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * <a href="https://core.telegram.org/api/datacenter#authorization-transfer">Authorization
 * transfer</a> between two data centers of the embedded Telegram, by real clients over TCP.
 */
class AuthorizationTransferTest {

  static {
    NettyLeaks.install();
  }

  private static final StateCtor STATE = new StateCtor(1, 0, 1_700_000_000, 1, 0);

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

  private static EmbeddedTelegram twoDataCenters() {
    EmbeddedTelegram telegram = EmbeddedTelegram.builder().dataCenters(2).start();
    telegram.services().register(GetState.class, (request, context) -> STATE);
    return telegram;
  }

  private static void assertError(RealClient client, TlFunction<?> request, int code, String name) {
    assertThatThrownBy(() -> client.call(request))
        .cause()
        .isInstanceOfSatisfying(RpcError.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.name()).isEqualTo(name);
        });
  }

  @Test
  void anAuthorizationExportedOnOneDataCenterSignsInAKeyOnAnotherOnce() throws Exception {
    try (EmbeddedTelegram telegram = twoDataCenters();
        RealClient home = RealClient.attached(group, telegram.dataCenter(1));
        RealClient other = RealClient.attached(group, telegram.dataCenter(2))) {
      TestDataCenter dc1 = telegram.dataCenter(1);
      TestDataCenter dc2 = telegram.dataCenter(2);
      dc1.authorize(home.authKeyId(), 4242);
      assertThat(home.call(new GetState())).isEqualTo(STATE);
      assertError(other, new GetState(), 401, EmbeddedTelegram.AUTH_KEY_UNREGISTERED);

      ExportedAuthorizationCtor exported =
          (ExportedAuthorizationCtor) home.call(new ExportAuthorization(2));
      assertThat(exported.id()).isEqualTo(4242);
      assertThat(exported.bytes().length()).isEqualTo(32);

      assertError(other, new ImportAuthorization(4243, exported.bytes()), 400,
          EmbeddedTelegram.AUTH_BYTES_INVALID);
      assertError(other, new ImportAuthorization(4242, Bytes.wrap(new byte[32])), 400,
          EmbeddedTelegram.AUTH_BYTES_INVALID);
      AuthorizationCtor imported =
          (AuthorizationCtor) other.call(new ImportAuthorization(4242, exported.bytes()));

      assertThat(imported.user()).isInstanceOfSatisfying(UserCtor.class, user -> {
        assertThat(user.self()).isTrue();
        assertThat(user.id()).isEqualTo(4242);
        assertThat(user.firstName()).isNotBlank();
      });
      assertThat(dc2.userOf(other.authKeyId())).isEqualTo(OptionalLong.of(4242));
      assertThat(other.call(new GetState())).isEqualTo(STATE);
      assertError(other, new GetContacts(0), 400,
          EmbeddedTelegram.METHOD_NOT_IMPLEMENTED);
      assertError(other, new ImportAuthorization(4242, exported.bytes()), 400,
          EmbeddedTelegram.AUTH_BYTES_INVALID);
      assertThat(dc1.exportedAuthorizations()).isEqualTo(1);
      assertThat(dc1.importedAuthorizations()).isZero();
      assertThat(dc2.exportedAuthorizations()).isZero();
      assertThat(dc2.importedAuthorizations()).isEqualTo(1);
    }
  }

  @Test
  void exportingNeedsASignedInKeyAndAnotherExistingDataCenter() throws Exception {
    try (EmbeddedTelegram telegram = twoDataCenters();
        RealClient client = RealClient.attached(group, telegram.dataCenter(1))) {
      TestDataCenter dc1 = telegram.dataCenter(1);
      assertError(client, new ExportAuthorization(2), 401, EmbeddedTelegram.AUTH_KEY_UNREGISTERED);

      dc1.authorize(client.authKeyId(), 7);

      assertError(client, new ExportAuthorization(1), 400, EmbeddedTelegram.DC_ID_INVALID);
      assertError(client, new ExportAuthorization(3), 400, EmbeddedTelegram.DC_ID_INVALID);
      assertError(client, new ExportAuthorization(0), 400, EmbeddedTelegram.DC_ID_INVALID);
      assertThat(dc1.exportedAuthorizations()).isZero();
      assertThat(client.call(new ExportAuthorization(2))).isInstanceOf(ExportedAuthorizationCtor.class);
      assertThat(dc1.exportedAuthorizations()).isEqualTo(1);
    }
  }

  @Test
  void authorizeRejectsUnknownKeysAndUserIdsThatAreNotPositive() throws Exception {
    try (EmbeddedTelegram telegram = twoDataCenters();
        RealClient client = RealClient.attached(group, telegram.dataCenter(1))) {
      TestDataCenter dc2 = telegram.dataCenter(2);
      assertThatThrownBy(() -> dc2.authorize(client.authKeyId(), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DC 2 has no auth key");
      assertThatThrownBy(() -> telegram.dataCenter(1).authorize(client.authKeyId(), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("positive");
      assertThat(telegram.dataCenter(1).userOf(client.authKeyId())).isEmpty();
    }
  }
}
