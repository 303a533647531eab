package dev.tgkit.demo;

import dev.tgkit.test.TestDataCenter;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.TestUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without {@code telegram.api-id}, starts the embedded Telegram with the demo bot's account and a
 * user, Alice, and points the application at it: the client's properties, and an H2 database in
 * {@code ./demo-data} unless {@code spring.datasource.url} is set. The world is then a bean
 * ({@link EmbeddedWorld}), which {@link ScriptedConversation} uses to talk to the bot.
 *
 * <p>Registered in {@code META-INF/spring.factories}, so it runs before the context exists,
 * whether the application starts from {@code main} or from a test.
 */
public final class EmbeddedTelegramMode implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTelegramMode.class);

  /** The demo bot's token on the embedded Telegram; it means nothing on Telegram's. */
  static final String BOT_TOKEN = "7000001:DEMOdemoDEMOdemoDEMOdemoDEMOdemo";
  static final String ALICE_PHONE = "9996612345";

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment env = event.getEnvironment();
    if (env.containsProperty("telegram.api-id") || !env.getProperty("demo.embedded-telegram", Boolean.class, true)) {
      return;
    }
    EmbeddedTelegram telegram = EmbeddedTelegram.builder()
        .firstPort(env.getProperty("demo.embedded-telegram-port", Integer.class, 0))
        .start();
    TestUser bot = telegram.createBot(BOT_TOKEN, "tgkit_demo_bot");
    TestUser alice = telegram.createUser(ALICE_PHONE, "Alice");
    TestDataCenter dc = telegram.dataCenter(1);
    Path dataDir = Path.of(env.getProperty("demo.data-dir", "demo-data"));
    Path key = dataDir.resolve("embedded-telegram.pem");
    try {
      Files.createDirectories(dataDir);
      StringBuilder pem = new StringBuilder();
      telegram.publicKeys().forEach(k -> pem.append(k.toPem()));
      Files.writeString(key, pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      telegram.close();
      throw new UncheckedIOException("could not write the embedded Telegram's key to " + key, e);
    }

    Map<String, Object> properties = new HashMap<>();
    properties.put("telegram.api-id", 1);
    properties.put("telegram.api-hash", "00000000000000000000000000000000");
    properties.put("telegram.bot-token", BOT_TOKEN);
    properties.put("telegram.session", "demo-bot");
    properties.put("telegram.datacenter.id", dc.id());
    properties.put("telegram.datacenter.host", dc.host());
    properties.put("telegram.datacenter.port", dc.port());
    if (!env.containsProperty("spring.datasource.url")) {
      properties.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tgkit"));
    }
    env.getPropertySources().addFirst(new MapPropertySource("embeddedTelegram", properties));

    EmbeddedWorld world = new EmbeddedWorld(telegram, bot, alice);
    event.getSpringApplication().addInitializers(context -> {
      DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
      beans.registerSingleton("embeddedWorld", world);
      beans.registerDisposableBean("embeddedWorld", telegram::close); // after the client has disconnected
    });
    log.info("no telegram.api-id set: running on the embedded Telegram at {}:{} (DC {}), whose RSA key is in {}; "
        + "any MTProto client that trusts it can connect. Set telegram.api-id, telegram.api-hash and "
        + "telegram.bot-token to run on Telegram.", dc.host(), dc.port(), dc.id(), key.toAbsolutePath());
  }

  /** The embedded Telegram, the bot's account and Alice's. */
  public record EmbeddedWorld(EmbeddedTelegram telegram, TestUser bot, TestUser alice) {}
}
