package dev.tgkit.spring.autoconfigure.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tgkit.client.Client;
import dev.tgkit.session.Storage;
import dev.tgkit.spring.autoconfigure.TestContexts;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.EmbeddedTelegramExtension;
import dev.tgkit.tl.api.auth.ImportBotAuthorization;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The session survives a restart of the application: a context with the starter's
 * auto-configurations and a database signs the bot in and stops; a new context with the same
 * session name connects with no new auth key and no new sign-in. Once on PostgreSQL, once on an
 * H2 file database (which closes with the first context, as it would when the process ends).
 */
class SessionRestartTest {

  private static final String TOKEN = "515151:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  @RegisterExtension
  final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension();

  @TempDir
  Path dir;

  @Test
  void onPostgresql() throws SQLException {
    TestPostgres postgres = TestPostgres.get();
    assumeTrue(postgres != null, TestPostgres.unavailable());
    String schema = postgres.createSchema();
    try {
      restartKeepsTheSession(postgres.springProperties(schema));
    } finally {
      postgres.dropSchema(schema);
    }
  }

  @Test
  void onH2() {
    restartKeepsTheSession("spring.datasource.url=jdbc:h2:file:" + dir.resolve("app-db").toAbsolutePath());
  }

  private void restartKeepsTheSession(String... database) {
    EmbeddedTelegram telegram = extension.telegram();
    telegram.createBot(TOKEN, "restart_bot");
    ApplicationContextRunner application = TestContexts.runner(telegram, dir)
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            TelegramJpaStorageAutoConfiguration.class))
        .withPropertyValues(database)
        .withPropertyValues("telegram.session=restart-bot", "telegram.bot-token=" + TOKEN);

    application.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Storage.class)).isInstanceOf(JpaStorage.class);
      assertThat(context.getBean(Client.class).isAuthorized()).isTrue();
    });
    int exchanges = telegram.exchanges();
    int signIns = telegram.dataCenter(1).executed(ImportBotAuthorization.class);
    assertThat(exchanges).isEqualTo(1);
    assertThat(signIns).isEqualTo(1);

    application.run(context -> {
      assertThat(context).hasNotFailed();
      Client client = context.getBean(Client.class);
      assertThat(client.isAuthorized()).isTrue();
      assertThat(client.getMe()).get().satisfies(me -> assertThat(me.username()).contains("restart_bot"));
      assertThat(new JdbcTemplate(context.getBean(DataSource.class))
          .queryForList("SELECT name FROM tgkit_session", String.class)).containsExactly("restart-bot");
    });
    assertThat(telegram.exchanges()).isEqualTo(exchanges);
    assertThat(telegram.dataCenter(1).executed(ImportBotAuthorization.class)).isEqualTo(signIns);
  }
}
