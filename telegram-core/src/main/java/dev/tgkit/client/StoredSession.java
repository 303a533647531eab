package dev.tgkit.client;

import dev.tgkit.session.Session;
import dev.tgkit.session.Storage;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's session, kept in memory and in its {@link Storage}: each change is saved before
 * anyone sees it ({@link #update}), or soon, many in one save, for the update state ({@link
 * #updateSoon}).
 */
final class StoredSession {

  private static final Logger log = LoggerFactory.getLogger(StoredSession.class);

  private final Storage storage;
  // Changed under this object's lock; read without it.
  private volatile @Nullable Session current;
  // Guarded by this object's lock: whether a coalesced save is scheduled.
  private boolean savePending;
  // Serializes saves; each writes the newest session, so a slow save never overwrites a newer one.
  private final Object saveLock = new Object();
  // Guarded by saveLock: the session last written, and whether the storage is closed.
  private @Nullable Session saved;
  private boolean closed = true;

  StoredSession(Storage storage) {
    this.storage = storage;
  }

  /** Starts keeping {@code session}, which the caller has just saved. */
  void set(Session session) {
    synchronized (saveLock) {
      current = session;
      saved = session;
      closed = false;
    }
  }

  /**
   * Writes what a coalesced save has not written yet, then closes the storage, and returns what
   * that save threw, if it failed. Saves asked for later (by a connection still winding down) are
   * dropped: a save after close would take the storage's lock again, and keep a {@link
   * dev.tgkit.session.FileStorage} locked against the next client.
   */
  @Nullable RuntimeException close() {
    synchronized (saveLock) {
      boolean wasOpen = !closed;
      closed = true;
      Session s = current;
      RuntimeException failed = null;
      try {
        if (wasOpen && s != null && s != saved) {
          storage.save(s);
          saved = s;
        }
      } catch (RuntimeException e) {
        failed = e;
      }
      try {
        storage.close(); // even after a failed save, as Storage.close promises
      } catch (RuntimeException e) {
        log.warn("closing the storage failed: {}", e.toString());
      }
      return failed;
    }
  }

  /** The signed-in account's id; 0 when none is, or before connect. */
  long selfId() {
    Session s = current;
    dev.tgkit.session.SessionUser me = s == null ? null : s.user();
    return me == null ? 0 : me.id();
  }

  @Nullable Session currentOrNull() {
    return current;
  }

  Session current() {
    Session s = current;
    if (s == null) {
      throw new IllegalStateException("the client is not connected: call connect() first");
    }
    return s;
  }

  /** Applies {@code change} and saves the result before returning; an unchanged session is not saved again. */
  Session update(UnaryOperator<Session> change) {
    Session next;
    synchronized (this) {
      next = change.apply(current());
      if (next == current) {
        return next;
      }
      current = next;
    }
    saveNewest();
    return next;
  }

  /**
   * Applies {@code change} now and saves it soon on a virtual thread, many changes in one save:
   * for the update state, which moves with every update on a network thread that must not wait
   * for a disk.
   */
  void updateSoon(UnaryOperator<Session> change) {
    synchronized (this) {
      Session next = change.apply(current());
      if (next == current) {
        return;
      }
      current = next;
      if (savePending) {
        return;
      }
      savePending = true;
    }
    Thread.ofVirtual().name("tgkit-session-save").start(() -> {
      synchronized (this) {
        savePending = false;
      }
      try {
        saveNewest();
      } catch (RuntimeException e) {
        log.warn("saving the update state failed; the next change tries again: {}", e.toString());
      }
    });
  }

  private void saveNewest() {
    synchronized (saveLock) {
      Session s = current();
      if (closed) {
        log.debug("session change after disconnect not saved");
        return;
      }
      if (s != saved) {
        storage.save(s);
        saved = s;
      }
    }
  }
}
