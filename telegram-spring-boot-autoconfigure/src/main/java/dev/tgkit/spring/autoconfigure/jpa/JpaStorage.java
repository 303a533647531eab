package dev.tgkit.spring.autoconfigure.jpa;

import dev.tgkit.session.Session;
import dev.tgkit.session.Storage;
import dev.tgkit.session.StorageException;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A {@link Storage} that keeps one session, by name, in the application's SQL database (PostgreSQL
 * or H2) through JPA. Each {@link #save} is one transaction that replaces the whole session, so a
 * crash leaves the previous session or the new one, never a mix.
 *
 * <p>While open (from the first {@code load}, {@code save} or {@code delete} until {@link #close})
 * the storage holds the session name exclusively, on a database connection of its own: a second
 * client, in this JVM or another, gets {@link StorageException.Locked} instead of sharing the auth
 * key. The database drops the hold when that connection ends, so a crashed JVM leaves nothing
 * behind. That connection comes from the application's pool and stays out of it while open.
 *
 * <p>The rows sign in as the account: the auth keys are stored as they are. Give the database
 * user and its backups the care of a password store. Nothing here logs or prints them; do not turn
 * on Hibernate's TRACE logging of bound parameters ({@code org.hibernate.orm.jdbc.bind}) where
 * sessions are saved, since that logs every value written, the keys included.
 *
 * <p>Thread-safe.
 */
public final class JpaStorage implements Storage {

  /** The longest session name, the width of the name columns. */
  public static final int MAX_NAME_LENGTH = 255;

  private final String name;
  private final JpaSessionStore store;
  private final SessionLock lock;
  private final String description;

  /**
   * A storage for the session called {@code name} in {@code store}. Nothing is opened until first
   * use.
   *
   * @throws IllegalArgumentException if {@code name} is blank or longer than {@value #MAX_NAME_LENGTH}
   */
  public JpaStorage(String name, JpaSessionStore store) {
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("a session name is 1.." + MAX_NAME_LENGTH
          + " characters and not blank, got \"" + name + "\" (" + name.length() + " characters)");
    }
    this.name = name;
    this.store = store;
    this.lock = SessionLock.of(store.dataSource(), store.vendor(), name);
    this.description = "JPA session \"" + name + "\"";
  }

  /** The session's name, its key in the tables. */
  public String name() {
    return name;
  }

  /**
   * Reads the saved session.
   *
   * @return empty if none was saved under this name (or it was deleted)
   * @throws StorageException.Locked if another client holds this session
   * @throws StorageException.UnsupportedVersion if a newer tgkit saved it
   * @throws StorageException.Corrupt if the rows do not form a session
   * @throws StorageException if the database could not be read
   */
  @Override
  public synchronized Optional<Session> load() {
    acquire();
    Optional<SessionEntity> found;
    try {
      found = store.readTransactions().execute(status -> store.repository().findById(name));
    } catch (RuntimeException e) {
      throw failed("could not load", e);
    }
    if (found == null || found.isEmpty()) {
      return Optional.empty();
    }
    SessionEntity entity = found.get();
    if (entity.formatVersion() != Session.VERSION) {
      throw new StorageException.UnsupportedVersion(description, entity.formatVersion(), description
          + " was saved in format version " + entity.formatVersion() + "; this tgkit reads version "
          + Session.VERSION + " (was it saved by another tgkit version?)");
    }
    try {
      return Optional.of(entity.toSession());
    } catch (IllegalArgumentException e) {
      throw new StorageException.Corrupt(description,
          description + " is corrupt: its rows do not form a session: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the saved session in one transaction: when this returns it is committed; if it
   * throws (or the process dies meanwhile), the previous session stays.
   *
   * @throws StorageException.Locked if another client holds this session
   * @throws StorageException if it could not be saved
   */
  @Override
  public synchronized void save(Session session) {
    acquire();
    try {
      store.transactions().executeWithoutResult(status -> {
        SessionEntity entity = store.repository().findById(name).orElseGet(() -> new SessionEntity(name));
        entity.set(session);
        store.repository().save(entity);
      });
    } catch (OptimisticLockingFailureException e) {
      throw new StorageException.Locked(description, description
          + " was changed by another client while this one saved it; give each client its own session name");
    } catch (RuntimeException e) {
      throw failed("could not save", e);
    }
  }

  /**
   * Deletes the saved session; nothing saved is fine.
   *
   * @throws StorageException.Locked if another client holds this session
   * @throws StorageException if it could not be deleted
   */
  @Override
  public synchronized void delete() {
    acquire();
    try {
      store.transactions().executeWithoutResult(status -> store.repository().deleteById(name));
    } catch (RuntimeException e) {
      throw failed("could not delete", e);
    }
  }

  /** Lets go of the session name; a later call to any other method takes it again. */
  @Override
  public synchronized void close() {
    lock.release();
  }

  @Override
  public String toString() {
    return "JpaStorage[" + name + "]";
  }

  private void acquire() {
    boolean taken;
    try {
      taken = lock.acquire();
    } catch (SQLException | RuntimeException e) {
      throw failed("could not lock", e);
    }
    if (!taken) {
      throw new StorageException.Locked(description, description + " is in use by another client (in this JVM or "
          + "another); give each client its own session name (telegram.session), or close the other one first");
    }
  }

  // The cause's own message says what the database refused; no value of the session is put in it.
  private StorageException failed(String what, Exception e) {
    return new StorageException(description, what + " " + description + ": " + e.getClass().getSimpleName()
        + ": " + e.getMessage(), e);
  }
}
