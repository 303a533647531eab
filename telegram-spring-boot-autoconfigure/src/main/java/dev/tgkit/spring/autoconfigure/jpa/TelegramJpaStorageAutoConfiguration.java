package dev.tgkit.spring.autoconfigure.jpa;

import dev.tgkit.session.Storage;
import dev.tgkit.spring.autoconfigure.TelegramProperties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Keeps the Telegram session in the application's database when it has one: a {@link JpaStorage}
 * for the session named by {@code telegram.session}, in tables tgkit creates with Flyway (see
 * {@link JpaSessionStore}).
 *
 * <p>Applies when Spring Data JPA, Hibernate and Flyway are on the class path, there is one
 * {@link DataSource} (or a primary one) and the application defined no {@link Storage} of its
 * own; {@code telegram.storage.jpa.enabled=false} turns it off. Runs after the application's own
 * database initialization (its Flyway or Liquibase migrations, {@code schema.sql}), so that an
 * application whose Flyway expects an empty schema finds one.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"
    },
    beforeName = "dev.tgkit.spring.autoconfigure.TelegramAutoConfiguration")
@ConditionalOnClass({
  LocalContainerEntityManagerFactoryBean.class,
  JpaRepositoryFactory.class,
  Flyway.class,
  DependsOnDatabaseInitialization.class,
  HibernatePersistenceProvider.class
})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnMissingBean(Storage.class)
@ConditionalOnBooleanProperty(name = "telegram.storage.jpa.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TelegramProperties.class)
public final class TelegramJpaStorageAutoConfiguration {

  /** tgkit's tables and persistence unit in the application's database. */
  @Bean(destroyMethod = "close")
  @DependsOnDatabaseInitialization
  @ConditionalOnMissingBean
  JpaSessionStore telegramJpaSessionStore(DataSource dataSource) {
    return JpaSessionStore.open(dataSource);
  }

  /** The session named {@code telegram.session}, held exclusively while the client runs. */
  @Bean(destroyMethod = "close")
  JpaStorage telegramStorage(JpaSessionStore store, TelegramProperties properties) {
    return new JpaStorage(properties.getSession(), store);
  }
}
