package dev.tgkit.spring.autoconfigure.jpa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The exclusive hold of one session name, kept by a connection of its own for as long as the
 * storage is open, so that a second client (in this JVM or another) cannot use the session: the
 * database's equivalent of {@code FileStorage}'s file lock. If the JVM dies, the database drops
 * the connection and the hold with it; no stale lease to wait out.
 *
 * <ul>
 *   <li>PostgreSQL: a session-level advisory lock ({@code pg_try_advisory_lock}) keyed by a
 *       64-bit hash of the name. It holds no transaction open, so it does not keep VACUUM from
 *       cleaning up behind it however long the client runs.
 *   <li>H2: a row of {@code tgkit_session_lock} locked {@code FOR UPDATE} in a transaction left
 *       open; H2 has no advisory locks, and an open transaction costs it nothing.
 * </ul>
 *
 * <p>Not thread-safe; {@link JpaStorage} calls it under its own lock.
 */
final class SessionLock {

  /** Holds {@code name} on {@code connection}, or reports that another holder has it. */
  private interface Hold {
    boolean take(Connection connection, String name) throws SQLException;

    void release(Connection connection, String name) throws SQLException;
  }

  private static final Hold ADVISORY = new Hold() {
    @Override
    public boolean take(Connection connection, String name) throws SQLException {
      connection.setAutoCommit(true);
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        lock.setLong(1, key(name));
        try (ResultSet result = lock.executeQuery()) {
          return result.next() && result.getBoolean(1);
        }
      }
    }

    @Override
    public void release(Connection connection, String name) throws SQLException {
      try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        unlock.setLong(1, key(name));
        unlock.execute();
      }
    }
  };

  // H2's codes for "Timeout trying to lock table", which FOR UPDATE NOWAIT raises at once when
  // another transaction has the row, and for a duplicate key.
  private static final int H2_LOCK_TIMEOUT = 50200;
  private static final int H2_DUPLICATE_KEY = 23505;

  private static final Hold ROW = new Hold() {
    @Override
    public boolean take(Connection connection, String name) throws SQLException {
      // The row is made once per name and never deleted. It is looked for before it is made, since
      // writing a row another transaction has locked waits for that lock to time out.
      for (int attempt = 0; attempt < 2; attempt++) {
        connection.setAutoCommit(false);
        try (PreparedStatement lock =
            connection.prepareStatement("SELECT name FROM tgkit_session_lock WHERE name = ? FOR UPDATE NOWAIT")) {
          lock.setString(1, name);
          try (ResultSet row = lock.executeQuery()) {
            if (row.next()) {
              return true; // held until the transaction ends, in release()
            }
          }
        } catch (SQLException e) {
          connection.rollback();
          if (e.getErrorCode() == H2_LOCK_TIMEOUT) {
            return false;
          }
          throw e;
        }
        connection.rollback();
        connection.setAutoCommit(true);
        try (PreparedStatement insert =
            connection.prepareStatement("INSERT INTO tgkit_session_lock (name) VALUES (?)")) {
          insert.setString(1, name);
          insert.executeUpdate();
        } catch (SQLException e) {
          if (e.getErrorCode() != H2_DUPLICATE_KEY) {
            throw e; // else another client made it meanwhile: lock it, or find it locked
          }
        }
      }
      throw new SQLException("the lock row of the session was deleted as soon as it was made");
    }

    @Override
    public void release(Connection connection, String name) throws SQLException {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  };

  private final DataSource dataSource;
  private final Hold hold;
  private final String name;
  private @Nullable Connection connection;

  private SessionLock(DataSource dataSource, Hold hold, String name) {
    this.dataSource = dataSource;
    this.hold = hold;
    this.name = name;
  }

  /** The lock of session {@code name} in a database of {@code vendor}'s kind; nothing is taken yet. */
  static SessionLock of(DataSource dataSource, Vendor vendor, String name) {
    return new SessionLock(dataSource, vendor == Vendor.POSTGRESQL ? ADVISORY : ROW, name);
  }

  /**
   * Takes the lock unless this already holds it (on a connection still alive).
   *
   * @return false if another holder has it
   * @throws SQLException if the database could not be asked
   */
  boolean acquire() throws SQLException {
    Connection held = connection;
    if (held != null) {
      if (held.isValid(5)) {
        return true;
      }
      // The connection died (a database restart, a network cut) and the lock with it: take it again.
      release();
    }
    Connection fresh = dataSource.getConnection();
    boolean taken;
    try {
      taken = hold.take(fresh, name);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(fresh, e);
      throw e;
    }
    if (!taken) {
      fresh.close();
      return false;
    }
    connection = fresh;
    return true;
  }

  /** Lets go of the lock, if held, and returns its connection to the pool. */
  void release() {
    Connection held = connection;
    connection = null;
    if (held == null) {
      return;
    }
    try {
      hold.release(held, name);
    } catch (SQLException e) {
      // Closing the connection below ends its session, and with it every lock it had.
    }
    try {
      held.close();
    } catch (SQLException e) {
      // The connection is unusable either way; the database drops its locks with it.
    }
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  // The first 8 bytes of SHA-256 of a tgkit-specific prefix and the name: a collision with another
  // session name, or another application's advisory lock, is beyond likely.
  static long key(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("tgkit-session:" + name).getBytes(StandardCharsets.UTF_8));
      long key = 0;
      for (int i = 0; i < 8; i++) {
        key = (key << 8) | (digest[i] & 0xff);
      }
      return key;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
