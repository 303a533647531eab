package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.client.Client;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The clients the extension makes, on one Telegram that outlives each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedTelegramExtensionClientsTest {

  @RegisterExtension static final EmbeddedTelegramExtension telegram = new EmbeddedTelegramExtension();

  @Test
  @Order(1)
  void injectsAConnectedClientAndSignsClientsInAsTestAccounts(EmbeddedTelegram injected, Client client) {
    TestUser bot = injected.createBot("4242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "echo_bot");
    TestUser alice = injected.createUser("9996612345", "Alice");

    Client asBot = telegram.signedIn(bot);
    Client asAlice = telegram.signedIn(alice);

    assertThat(client.isConnected()).isTrue();
    assertThat(client.isAuthorized()).isFalse();
    assertThat(asBot.getMe()).hasValueSatisfying(me -> assertThat(me.id()).isEqualTo(bot.id()));
    assertThat(asAlice.getMe()).hasValueSatisfying(me -> assertThat(me.id()).isEqualTo(alice.id()));
    assertThat(injected.dataCenter(1).connections()).isEqualTo(3);
  }

  @Test
  @Order(2)
  void closesTheClientsOfATestWhenItEnds(EmbeddedTelegram injected) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    // The server sees a closed connection a moment after the client closed it.
    while (injected.dataCenter(1).connections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(injected.dataCenter(1).connections()).isZero();
  }
}
