package dev.tgkit.spring.autoconfigure.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tables of the JPA storage in one database and tgkit's own JPA persistence unit over them;
 * one per {@link DataSource}, shared by the {@link JpaStorage}s of every session name.
 *
 * <p>The persistence unit is private to tgkit (not a bean), so the application's own JPA setup,
 * entity scanning and {@code ddl-auto} neither see these tables nor are changed by them; its
 * transactions are likewise separate from the application's.
 *
 * <p>The tables are created by Flyway with their own history table, {@value #HISTORY_TABLE}, from
 * migrations outside {@code db/migration}, so they never mix with the application's migrations.
 */
public final class JpaSessionStore implements AutoCloseable {

  /** The Flyway history table of tgkit's tables, separate from the application's. */
  public static final String HISTORY_TABLE = "tgkit_schema_history";

  private final DataSource dataSource;
  private final Vendor vendor;
  private final LocalContainerEntityManagerFactoryBean factory;
  private final SessionRepository repository;
  private final TransactionTemplate transactions;
  private final TransactionTemplate readTransactions;

  private JpaSessionStore(DataSource dataSource, Vendor vendor, LocalContainerEntityManagerFactoryBean factory) {
    this.dataSource = dataSource;
    this.vendor = vendor;
    this.factory = factory;
    EntityManagerFactory emf = factory.getObject();
    if (emf == null) {
      throw new IllegalStateException("the tgkit persistence unit did not start");
    }
    this.repository = new JpaRepositoryFactory(SharedEntityManagerCreator.createSharedEntityManager(emf))
        .getRepository(SessionRepository.class);
    JpaTransactionManager manager = new JpaTransactionManager(emf);
    this.transactions = new TransactionTemplate(manager);
    this.readTransactions = new TransactionTemplate(manager);
    readTransactions.setReadOnly(true);
  }

  /**
   * Creates or upgrades tgkit's tables in {@code dataSource}'s database (its current schema) and
   * starts the persistence unit over them.
   *
   * @throws IllegalStateException if the database is neither PostgreSQL nor H2
   * @throws org.flywaydb.core.api.FlywayException if the tables could not be created
   */
  public static JpaSessionStore open(DataSource dataSource) {
    Vendor vendor;
    try {
      vendor = Vendor.of(dataSource);
    } catch (SQLException e) {
      throw new IllegalStateException("could not tell which database the DataSource connects to: " + e.getMessage(), e);
    }
    Flyway.configure(JpaSessionStore.class.getClassLoader())
        .dataSource(dataSource)
        .locations(vendor.migrations())
        .table(HISTORY_TABLE)
        // In a schema that already has the application's tables, start tgkit's history below V1.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();

    LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
    factory.setDataSource(dataSource);
    factory.setPersistenceUnitName("tgkit");
    factory.setManagedTypes(PersistenceManagedTypes.of(SessionEntity.class.getName()));
    factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
    factory.setBeanClassLoader(JpaSessionStore.class.getClassLoader());
    // The entities must match what the migrations made; a mismatch fails here, not at the first save.
    factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "validate"));
    factory.afterPropertiesSet();
    return new JpaSessionStore(dataSource, vendor, factory);
  }

  DataSource dataSource() {
    return dataSource;
  }

  Vendor vendor() {
    return vendor;
  }

  SessionRepository repository() {
    return repository;
  }

  TransactionTemplate transactions() {
    return transactions;
  }

  TransactionTemplate readTransactions() {
    return readTransactions;
  }

  /** Stops the persistence unit; the tables and what they hold stay. */
  @Override
  public void close() {
    factory.destroy();
  }

  @Override
  public String toString() {
    return "JpaSessionStore[" + vendor + "]";
  }
}
