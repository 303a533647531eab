package dev.tgkit.demo;

import dev.tgkit.test.TestMessage;
import dev.tgkit.test.TestUser;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Once the application has started (the bot signed in), Alice, a user of the embedded Telegram,
 * says a few things to the bot and the log shows both sides.
 */
final class ScriptedConversation implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ScriptedConversation.class);
  static final List<String> SCRIPT = List.of("/start", "Nice to meet you, bot.", "/shout it works");

  private final EmbeddedTelegramMode.EmbeddedWorld world;

  ScriptedConversation(EmbeddedTelegramMode.EmbeddedWorld world) {
    this.world = world;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    TestUser alice = world.alice();
    TestUser bot = world.bot();
    int answered = 0;
    for (String line : SCRIPT) {
      log.info("Alice: {}", line);
      alice.sendMessage(bot, line);
      List<TestMessage> replies = alice.awaitMessages(bot, ++answered, Duration.ofSeconds(10));
      log.info("@{}: {}", bot.username(), replies.getLast().text());
    }
    log.info("the demo bot is running; stop it with Ctrl-C");
  }
}
