package dev.tgkit.demo;

import dev.tgkit.spring.autoconfigure.TelegramClientCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the demo runs on the embedded Telegram: trust its key, and have Alice talk to the bot. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(EmbeddedTelegramMode.EmbeddedWorld.class)
class EmbeddedTelegramConfiguration {

  @Bean
  TelegramClientCustomizer embeddedTelegramKeys(EmbeddedTelegramMode.EmbeddedWorld world) {
    return builder -> builder.publicKeys(world.telegram().publicKeys());
  }

  @Bean
  ScriptedConversation scriptedConversation(EmbeddedTelegramMode.EmbeddedWorld world) {
    return new ScriptedConversation(world);
  }
}
