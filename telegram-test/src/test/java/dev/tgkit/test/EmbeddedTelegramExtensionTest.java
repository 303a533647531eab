package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Transport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension registered on an instance field: a fresh Telegram per test, stopped after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedTelegramExtensionTest {

  private static final List<Integer> PORTS_SEEN = new ArrayList<>();

  @RegisterExtension final EmbeddedTelegramExtension telegram = new EmbeddedTelegramExtension();

  @Test
  @Order(1)
  void injectsTheRunningTelegram(EmbeddedTelegram injected) throws IOException {
    assertThat(injected).isSameAs(telegram.telegram());
    PORTS_SEEN.add(injected.dataCenter(1).port());
    try (LoopbackClient client =
        new LoopbackClient(injected.dataCenter(1), Transport.plain(Framing.INTERMEDIATE), 99)) {
      client.createAuthKey(injected.publicKeys());
    }
    assertThat(injected.exchanges()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void eachTestGetsAFreshTelegramWithNoKeys(EmbeddedTelegram injected) {
    PORTS_SEEN.add(injected.dataCenter(1).port());
    assertThat(injected.exchanges()).isZero();
    assertThat(injected.dataCenter(1).authKeys()).isZero();
  }

  @AfterAll
  static void everyTelegramWasStopped() {
    assertThat(PORTS_SEEN).hasSize(2);
    for (int port : PORTS_SEEN) {
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .isInstanceOf(ConnectException.class);
    }
  }
}
