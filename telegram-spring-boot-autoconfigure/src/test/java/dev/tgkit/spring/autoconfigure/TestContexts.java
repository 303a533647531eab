package dev.tgkit.spring.autoconfigure;

import dev.tgkit.test.TestDataCenter;
import dev.tgkit.test.EmbeddedTelegram;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Application contexts whose Telegram client talks to an embedded Telegram. */
public final class TestContexts {

  public static final String API_HASH = "0123456789abcdef0123456789abcdef";

  private TestContexts() {}

  /** A runner with the auto-configurations, pointed at {@code telegram}'s DC 1, keeping its session in {@code dir}. */
  public static ApplicationContextRunner runner(EmbeddedTelegram telegram, Path dir) {
    TestDataCenter dc = telegram.dataCenter(1);
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TelegramAutoConfiguration.class,
            TelegramHealthContributorAutoConfiguration.class))
        .withBean(TelegramClientCustomizer.class, () -> builder -> builder.publicKeys(telegram.publicKeys()))
        .withPropertyValues("telegram.api-id=12345", "telegram.api-hash=" + API_HASH,
            "telegram.session=" + dir.resolve("bot"), "telegram.datacenter.id=1",
            "telegram.datacenter.host=" + dc.host(), "telegram.datacenter.port=" + dc.port());
  }
}
