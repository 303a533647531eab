package dev.tgkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.client.Client;
import dev.tgkit.test.TestMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The demo as a newcomer runs it, with no credentials: on the embedded Telegram, the scripted
 * user's conversation with the bot shows in the log.
 */
@SpringBootTest(classes = DemoApplication.class, properties = {
    "spring.datasource.url=jdbc:h2:mem:demo-test;DB_CLOSE_DELAY=-1",
    "demo.data-dir=target/demo-test-data"})
@ExtendWith(OutputCaptureExtension.class)
class DemoApplicationTest {

  @Autowired
  EmbeddedTelegramMode.EmbeddedWorld world;

  @Autowired
  Client client;

  @Test
  void theLogShowsTheScriptedUsersMessagesAndTheBotsAnswers(CapturedOutput output) throws Exception {
    assertThat(client.isAuthorized()).isTrue();
    assertThat(world.alice().awaitMessages(world.bot(), 3, Duration.ofSeconds(10)))
        .extracting(TestMessage::text)
        .startsWith("Hello, Alice! Send /help to see what I can do.", "Nice to meet you, bot.", "IT WORKS!");
    assertThat(output.getAll())
        .contains("running on the embedded Telegram at")
        .contains("Alice: /start")
        .contains("@tgkit_demo_bot: Hello, Alice! Send /help to see what I can do.")
        .contains("Alice: /shout it works")
        .contains("@tgkit_demo_bot: IT WORKS!")
        .doesNotContain(EmbeddedTelegramMode.BOT_TOKEN.substring(EmbeddedTelegramMode.BOT_TOKEN.indexOf(':') + 1));
  }

  @Test
  void helpListsTheCommands() throws Exception {
    world.alice().sendMessage(world.bot(), "/help");
    assertThat(world.alice().awaitMessages(world.bot(), 4, Duration.ofSeconds(10)).getLast().text())
        .isEqualTo(DemoBot.HELP);
  }
}
