package dev.tgkit.spring.autoconfigure.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.Sessions;
import dev.tgkit.session.Storage;
import dev.tgkit.session.StorageException;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class TelegramJpaStorageAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
          TelegramJpaStorageAutoConfiguration.class));

  private static String h2Url() {
    return "jdbc:h2:mem:tgkit_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
  }

  @Test
  void withADataSourceTheSessionIsKeptInItUnderTheConfiguredName() {
    String url = h2Url();
    runner.withPropertyValues("spring.datasource.url=" + url, "telegram.session=my-bot").run(context -> {
      assertThat(context).hasSingleBean(Storage.class).hasSingleBean(JpaSessionStore.class);
      Storage storage = context.getBean(Storage.class);
      assertThat(storage).isInstanceOfSatisfying(JpaStorage.class, jpa -> assertThat(jpa.name()).isEqualTo("my-bot"));
      storage.save(Sessions.full(1, 3));
      assertThat(storage.load()).contains(Sessions.full(1, 3));
      List<String> names = new JdbcTemplate(context.getBean(DataSource.class))
          .queryForList("SELECT name FROM tgkit_session", String.class);
      assertThat(names).containsExactly("my-bot");

      // A second application on the same database and session name is refused while this one runs.
      runner.withPropertyValues("spring.datasource.url=" + url, "telegram.session=my-bot").run(second ->
          assertThatThrownBy(() -> second.getBean(Storage.class).load()).isInstanceOf(StorageException.Locked.class));
    });
    // Closing the context closed the storage; the next run of the application finds the session.
    runner.withPropertyValues("spring.datasource.url=" + url, "telegram.session=my-bot").run(context ->
        assertThat(context.getBean(Storage.class).load()).contains(Sessions.full(1, 3)));
  }

  @Test
  void withoutADataSourceThereIsNoJpaStorage() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TelegramJpaStorageAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Storage.class)
            .doesNotHaveBean(JpaSessionStore.class));
  }

  @Test
  void theApplicationsOwnStorageWins() {
    MemoryStorage own = new MemoryStorage();
    runner.withPropertyValues("spring.datasource.url=" + h2Url())
        .withBean(Storage.class, () -> own)
        .run(context -> {
          assertThat(context).hasSingleBean(Storage.class).doesNotHaveBean(JpaSessionStore.class);
          assertThat(context.getBean(Storage.class)).isSameAs(own);
        });
  }

  @Test
  void canBeTurnedOffByProperty() {
    runner.withPropertyValues("spring.datasource.url=" + h2Url(), "telegram.storage.jpa.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Storage.class)
            .doesNotHaveBean(JpaSessionStore.class));
  }

  @Test
  void runsAfterTheApplicationsFlywayWhichFindsAnEmptySchemaAndKeepsItsOwnHistory() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            TelegramJpaStorageAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + h2Url())
        .run(context -> {
          // Had tgkit's tables come first, the application's Flyway would refuse the non-empty schema.
          assertThat(context).hasNotFailed();
          JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
          String applied = "SELECT \"description\" FROM \"%s\" WHERE \"success\" AND \"version\" IS NOT NULL";
          assertThat(jdbc.queryForList(applied.formatted("flyway_schema_history"), String.class))
              .containsExactly("app notes");
          // tgkit's found the application's tables there, so it started from a baseline below its V1.
          assertThat(jdbc.queryForList(applied.formatted(JpaSessionStore.HISTORY_TABLE), String.class))
              .containsExactly("<< Flyway Baseline >>", "tgkit session");
          assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_note", Integer.class)).isZero();

          Storage storage = context.getBean(Storage.class);
          storage.save(Sessions.full(2, 2));
          assertThat(storage.load()).contains(Sessions.full(2, 2));
        });
  }

  @Test
  void leavesTheApplicationsJpaAsItWas() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            HibernateJpaAutoConfiguration.class, TelegramJpaStorageAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + h2Url())
        .run(context -> {
          assertThat(context).hasNotFailed();
          // tgkit's persistence unit is its own, not a bean: the application's is still the only one.
          assertThat(context).hasSingleBean(EntityManagerFactory.class).hasSingleBean(Storage.class);
          assertThat(context.getBean(EntityManagerFactory.class).getMetamodel().getEntities())
              .noneMatch(entity -> entity.getJavaType() == SessionEntity.class);
          Storage storage = context.getBean(Storage.class);
          storage.save(Sessions.full(3, 2));
          assertThat(storage.load()).contains(Sessions.full(3, 2));
        });
  }
}
