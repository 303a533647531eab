package com.example.echobot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.EmbeddedTelegramExtension;
import dev.tgkit.test.TestMessage;
import dev.tgkit.test.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's own bot test, written with only the embedded Telegram's public API ({@code
 * dev.tgkit.test}) and the public Client API: what the README shows for testing bots.
 */
class EchoBotTest {

  @RegisterExtension
  static final EmbeddedTelegramExtension telegram = new EmbeddedTelegramExtension();

  @Test
  void theBotGreetsOnStartAndEchoesWhatAUserSends(EmbeddedTelegram server) throws Exception {
    TestUser bot = server.createBot("4242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "echo_bot");
    TestUser alice = server.createUser("+999 66 1 2345", "Alice");
    EchoBot.register(telegram.signedIn(bot));

    alice.sendMessage(bot, "/start");
    alice.sendMessage(bot, "ping");

    assertThat(alice.awaitMessages(bot, 2, Duration.ofSeconds(10)))
        .extracting(TestMessage::text)
        .containsExactly("Hello! Send me anything.", "ping");
  }
}
