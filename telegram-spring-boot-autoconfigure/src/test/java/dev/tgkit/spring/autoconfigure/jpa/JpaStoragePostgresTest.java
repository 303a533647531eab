package dev.tgkit.spring.autoconfigure.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tgkit.session.Sessions;
import dev.tgkit.session.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JPA storage on a real PostgreSQL ({@link TestPostgres}: the server {@code
 * TGKIT_TEST_POSTGRES_URL} names, else Testcontainers, else skipped saying why). Each run works in
 * a schema of its own, dropped afterwards.
 */
class JpaStoragePostgresTest extends JpaStorageContract {

  private static @Nullable TestPostgres postgres;
  private static String schema;
  private static DataSource dataSource;
  private static DataSource other;
  private static JpaSessionStore store;

  @BeforeAll
  static void startDatabase() throws SQLException {
    postgres = TestPostgres.get();
    if (postgres == null) {
      // Each test reports itself skipped: a class aborted here would count no tests at all.
      return;
    }
    schema = postgres.createSchema();
    dataSource = postgres.dataSource(schema);
    other = postgres.dataSource(schema);
    store = JpaSessionStore.open(dataSource);
  }

  @BeforeEach
  void needsPostgres() {
    assumeTrue(postgres != null, TestPostgres.unavailable());
  }

  @AfterAll
  static void stopDatabase() throws SQLException {
    if (store != null) {
      store.close();
    }
    if (postgres != null && schema != null) {
      postgres.dropSchema(schema);
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
    try (Connection c = postgres.connect();
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
