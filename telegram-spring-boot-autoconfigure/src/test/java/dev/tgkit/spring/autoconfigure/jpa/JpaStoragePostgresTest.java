package dev.tgkit.spring.autoconfigure.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tgkit.session.Sessions;
import dev.tgkit.session.StorageException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The JPA storage on a real PostgreSQL: the server {@code TGKIT_TEST_POSTGRES_URL} names (a JDBC
 * URL, such as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), else one started
 * with Testcontainers if Docker answers, else the tests are skipped saying why. Each run works in
 * a schema of its own, dropped afterwards, so runs on one server do not meet.
 */
class JpaStoragePostgresTest extends JpaStorageContract {

  static final String URL_VARIABLE = "TGKIT_TEST_POSTGRES_URL";

  private static @Nullable PostgreSQLContainer container;
  private static @Nullable String unavailable;
  private static String url;
  private static Properties credentials;
  private static String schema;
  private static DataSource dataSource;
  private static DataSource other;
  private static JpaSessionStore store;

  @BeforeAll
  static void startDatabase() throws SQLException {
    String configured = System.getenv(URL_VARIABLE);
    credentials = new Properties();
    if (configured != null && !configured.isBlank()) {
      url = configured;
    } else if (!dockerAnswers()) {
      // Each test reports itself skipped with this reason: a class aborted here would count no tests at all.
      unavailable = "no PostgreSQL to test against: set " + URL_VARIABLE
          + " to a JDBC URL (such as jdbc:postgresql://127.0.0.1:5432/test?user=postgres) or start Docker";
      return;
    } else {
      container = new PostgreSQLContainer("postgres:17-alpine");
      container.start();
      url = container.getJdbcUrl();
      credentials.setProperty("user", container.getUsername());
      credentials.setProperty("password", container.getPassword());
    }
    schema = "tgkit_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(url, credentials); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    dataSource = inSchema();
    other = inSchema();
    store = JpaSessionStore.open(dataSource);
  }

  @BeforeEach
  void needsPostgres() {
    assumeTrue(unavailable == null, unavailable);
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static DataSource inSchema() {
    DriverManagerDataSource ds = new DriverManagerDataSource(url);
    Properties properties = new Properties();
    properties.putAll(credentials);
    properties.setProperty("currentSchema", schema);
    ds.setConnectionProperties(properties);
    return ds;
  }

  @AfterAll
  static void stopDatabase() throws SQLException {
    try {
      if (store != null) {
        store.close();
      }
      if (schema != null) {
        try (Connection c = DriverManager.getConnection(url, credentials); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    } finally {
      if (container != null) {
        container.stop();
      }
    }
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }

  @Override
  JpaSessionStore store() {
    return store;
  }

  @Override
  DataSource otherDataSource() {
    return other;
  }

  @Test
  void aHolderWhoseConnectionDiedTakesTheNameAgainOnItsNextUse() throws SQLException {
    JpaStorage holder = new JpaStorage("died-" + UUID.randomUUID(), store);
    JpaStorage rival = new JpaStorage(holder.name(), store);
    try {
      holder.save(Sessions.full(1, 1));
      assertThat(terminateHoldersOf(holder.name())).isEqualTo(1);

      // The server dropped the lock with the connection; the holder notices and takes it again.
      assertThat(holder.load()).contains(Sessions.full(1, 1));
      assertThatThrownBy(rival::load).isInstanceOf(StorageException.Locked.class);
      holder.save(Sessions.full(2, 1));
      assertThat(holder.load()).contains(Sessions.full(2, 1));
    } finally {
      rival.close();
      holder.close();
    }
  }

  // Ends the server processes holding the advisory lock of session {@code name}, as a database
  // restart or a cut network would; returns how many.
  private static int terminateHoldersOf(String name) throws SQLException {
    long key = SessionLock.key(name);
    try (Connection c = DriverManager.getConnection(url, credentials);
        PreparedStatement kill = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_locks "
            + "WHERE locktype = 'advisory' AND granted AND classid = ?::bigint::oid AND objid = ?::bigint::oid "
            + "AND objsubid = 1")) {
      kill.setLong(1, key >>> 32);
      kill.setLong(2, key & 0xffffffffL);
      try (ResultSet killed = kill.executeQuery()) {
        killed.next();
        return killed.getInt(1);
      }
    }
  }
}
