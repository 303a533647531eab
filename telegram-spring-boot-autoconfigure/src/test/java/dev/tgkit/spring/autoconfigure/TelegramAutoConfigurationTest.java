package dev.tgkit.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.client.Client;
import dev.tgkit.session.FileStorage;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.Storage;
import dev.tgkit.test.EmbeddedTelegramExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which beans TelegramAutoConfiguration and TelegramHealthContributorAutoConfiguration make under
 * which properties, and what they do, against the embedded Telegram over TCP.
 */
class TelegramAutoConfigurationTest {

  private static final String TOKEN = "424242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private static final String API_HASH = TestContexts.API_HASH;

  @RegisterExtension
  final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension();

  @TempDir
  Path dir;

  private ApplicationContextRunner runner() {
    return TestContexts.runner(extension.telegram(), dir);
  }

  @Test
  void aBotTokenGivesAClientConnectedAndSignedInWhileTheContextRuns() {
    extension.telegram().createBot(TOKEN, "spring_bot");
    List<Client> seen = new ArrayList<>();
    runner().withPropertyValues("telegram.bot-token=" + TOKEN).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Client.class).hasSingleBean(TelegramClientLifecycle.class);
      assertThat(context).getBean(Storage.class).isInstanceOf(FileStorage.class);
      Client client = context.getBean(Client.class);
      seen.add(client);
      assertThat(client.isConnected()).isTrue();
      assertThat(client.getMe()).get().satisfies(me -> assertThat(me.username()).contains("spring_bot"));
    });
    assertThat(seen.getFirst().isConnected()).isFalse();
    assertThat(dir.resolve("bot.session")).exists();
  }

  @Test
  void aSecondContextOnTheSameSessionNeedsNoNewKeyAndNoSignIn() {
    extension.telegram().createBot(TOKEN, "spring_bot");
    runner().withPropertyValues("telegram.bot-token=" + TOKEN).run(context -> assertThat(context).hasNotFailed());
    int exchanges = extension.telegram().exchanges();

    runner().withPropertyValues("telegram.bot-token=" + TOKEN).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Client.class).isAuthorized()).isTrue();
    });
    assertThat(extension.telegram().exchanges()).isEqualTo(exchanges);
  }

  /** Collects the text of every incoming message. */
  static class Inbox {
    final List<String> texts = java.util.Collections.synchronizedList(new ArrayList<>());

    @dev.tgkit.spring.handler.TelegramHandler(filter = "incoming")
    void received(dev.tgkit.client.events.NewMessage message) {
      texts.add(message.text());
    }
  }

  @Test
  void withCatchUpWhatArrivedWhileTheApplicationWasStoppedIsHandledWhenItStarts() throws Exception {
    dev.tgkit.test.TestUser bot = extension.telegram().createBot(TOKEN, "spring_bot");
    dev.tgkit.test.TestUser alice = extension.telegram().createUser("9996612345", "Alice");
    ApplicationContextRunner application = runner().withBean(Inbox.class)
        .withPropertyValues("telegram.bot-token=" + TOKEN, "telegram.catch-up=true");
    application.run(context -> assertThat(context).hasNotFailed());

    alice.sendMessage(bot, "sent while you were away");
    alice.sendMessage(bot, "and this too");

    application.run(context -> {
      assertThat(context).hasNotFailed();
      List<String> texts = context.getBean(Inbox.class).texts;
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
      while (texts.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(texts).containsExactly("sent while you were away", "and this too");
    });
    // Without it, a restart skips what arrived meanwhile.
    alice.sendMessage(bot, "skipped");
    runner().withBean(Inbox.class).withPropertyValues("telegram.bot-token=" + TOKEN).run(context -> {
      assertThat(context).hasNotFailed();
      alice.sendMessage(bot, "live");
      List<String> texts = context.getBean(Inbox.class).texts;
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
      while (texts.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(texts).containsExactly("live");
    });
  }

  @Test
  void withoutCredentialsForASignInTheClientStartsConnectedButUnauthorized() {
    runner().run(context -> {
      assertThat(context).hasNotFailed();
      Client client = context.getBean(Client.class);
      assertThat(client.isConnected()).isTrue();
      assertThat(client.isAuthorized()).isFalse();
    });
  }

  @Test
  void aUserAccountSignsInWithTheCodesOfALoginCodeProvider() {
    extension.telegram().createUser("9996612345", "Alice").setPassword("correct horse");
    runner().withPropertyValues("telegram.phone=9996612345")
        .withBean(LoginCodeProvider.class, () -> new LoginCodeProvider() {
          @Override
          public String loginCode() {
            return "11111";
          }

          @Override
          public String password(java.util.Optional<String> hint) {
            return "correct horse";
          }
        })
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(Client.class).getMe()).get().satisfies(me -> assertThat(me.firstName()).isEqualTo("Alice"));
        });
  }

  @Test
  void disabledMeansNoBeans() {
    runner().withPropertyValues("telegram.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(Client.class).doesNotHaveBean(Storage.class)
          .doesNotHaveBean(TelegramClientLifecycle.class);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStorage {
    static final MemoryStorage STORAGE = new MemoryStorage();

    @Bean
    Storage myStorage() {
      return STORAGE;
    }
  }

  @Test
  void anApplicationsStorageIsUsedInsteadOfTheFile() {
    runner().withUserConfiguration(OwnStorage.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Storage.class);
      assertThat(context.getBean(Storage.class)).isSameAs(OwnStorage.STORAGE);
      assertThat(OwnStorage.STORAGE.session()).isPresent(); // the client saved its new key there
    });
    assertThat(dir.resolve("bot.session")).doesNotExist();
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean
    Client myClient() {
      return Client.builder().apiId(1).apiHash(API_HASH).storage(new MemoryStorage()).build();
    }
  }

  @Test
  void anApplicationsClientBacksOffOursAndItsLifecycle() {
    runner().withUserConfiguration(OwnClient.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Client.class).doesNotHaveBean(TelegramClientLifecycle.class);
      assertThat(context.getBean(Client.class).isConnected()).isFalse(); // connecting it is the application's job
    });
  }

  @Test
  void aMissingApiIdFailsStartupNamingTheProperty() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TelegramAutoConfiguration.class))
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
            .hasMessageContaining("telegram.api-id"));
  }

  @Test
  void badValuesFailStartupNamingThePropertyWithoutShowingACredential() {
    String badHash = "not-a-hash-but-a-secret-0123456789";
    runner().withPropertyValues("telegram.api-hash=" + badHash).run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, e -> {
          assertThat(e.getName()).isEqualTo("telegram.api-hash");
          assertThat(e.getMessage()).doesNotContain(badHash);
        }));
    runner().withPropertyValues("telegram.bot-token=" + TOKEN, "telegram.phone=9996612345").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("telegram.phone")
            .hasMessageNotContaining("9996612345").hasMessageNotContaining(TOKEN));
    runner().withPropertyValues("telegram.bot-token=oops").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("telegram.bot-token")
            .hasMessageNotContaining("oops"));
    runner().withPropertyValues("telegram.proxy.type=mtproxy", "telegram.proxy.host=h", "telegram.proxy.port=1")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("telegram.proxy.secret"));
    runner().withPropertyValues("telegram.flood-sleep-threshold=-5s").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("telegram.flood-sleep-threshold"));
    runner().withPropertyValues("telegram.datacenter.port=").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("telegram.datacenter"));
  }

  @Test
  void testServersAreAskedForByProperty() {
    // The embedded Telegram here is a production one: a client told to use test servers refuses it.
    runner().withPropertyValues("telegram.test-servers=true").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("asked for Telegram's test servers"));
    runner().withPropertyValues("telegram.test-servers=false").run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void healthIsUpWhileConnectedAndSignedInAndDownOnceTelegramIsGone() throws Exception {
    dev.tgkit.test.TestUser bot = extension.telegram().createBot(TOKEN, "spring_bot");
    dev.tgkit.test.TestUser alice = extension.telegram().createUser("9996612345", "Alice");
    runner().withPropertyValues("telegram.bot-token=" + TOKEN).run(context -> {
      assertThat(context).hasSingleBean(TelegramHealthIndicator.class);
      TelegramHealthIndicator indicator = context.getBean(TelegramHealthIndicator.class);
      Health up = indicator.health();
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).containsEntry("dc", 1).containsEntry("userId", 424242L).containsEntry("bot", true)
          .containsEntry("authorized", true);
      assertThat(up.toString()).doesNotContain(TOKEN).doesNotContain("AAHdqTcv").doesNotContain(API_HASH);
      assertThat(up.getDetails()).doesNotContainKey("secondsSinceLastUpdate"); // nothing arrived yet

      alice.sendMessage(bot, "hello");
      long arrival = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (!indicator.health().getDetails().containsKey("secondsSinceLastUpdate") && System.nanoTime() < arrival) {
        Thread.sleep(20);
      }
      assertThat(indicator.health().getDetails()).containsEntry("secondsSinceLastUpdate", 0L);

      extension.telegram().close();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (indicator.health().getStatus() != Status.DOWN && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    });
  }

  @Test
  void healthIsOutOfServiceWhileConnectedButNotSignedIn() {
    runner().run(context -> {
      Health health = context.getBean(TelegramHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
      assertThat(health.getDetails()).containsEntry("authorized", false).doesNotContainKey("userId");
    });
  }

  @Test
  void theHealthIndicatorCanBeTurnedOffAndNeedsAClient() {
    runner().withPropertyValues("management.health.telegram.enabled=false")
        .run(context -> assertThat(context).hasSingleBean(Client.class).doesNotHaveBean(TelegramHealthIndicator.class));
    runner().withPropertyValues("telegram.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TelegramHealthIndicator.class));
  }
}
