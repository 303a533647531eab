package dev.tgkit.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * tgkit's demo bot. With {@code telegram.api-id}, {@code telegram.api-hash} and {@code
 * telegram.bot-token} set it runs on Telegram; without them it starts an embedded Telegram and an
 * embedded H2 database, and a scripted user greets the bot, so the log shows a conversation
 * ({@link EmbeddedTelegramMode}).
 */
@SpringBootApplication
public class DemoApplication {

  public static void main(String[] args) {
    SpringApplication.run(DemoApplication.class, args);
  }
}
