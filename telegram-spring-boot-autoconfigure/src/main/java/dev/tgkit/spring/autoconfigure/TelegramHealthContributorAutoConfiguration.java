package dev.tgkit.spring.autoconfigure;

import dev.tgkit.client.Client;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code telegram} health indicator ({@link TelegramHealthIndicator}) when the application
 * has Spring Boot's health support; {@code management.health.telegram.enabled=false} turns it off.
 */
@AutoConfiguration(after = TelegramAutoConfiguration.class)
@ConditionalOnClass({Client.class, HealthIndicator.class})
@ConditionalOnBean(Client.class)
@ConditionalOnEnabledHealthIndicator("telegram")
public final class TelegramHealthContributorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "telegramHealthIndicator")
  TelegramHealthIndicator telegramHealthIndicator(Client client) {
    return new TelegramHealthIndicator(client);
  }
}
