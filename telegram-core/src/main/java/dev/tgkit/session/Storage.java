package dev.tgkit.session;

import java.util.Optional;

/**
 * Where a client keeps its {@link Session} between runs. The client loads it on connect and
 * saves it whenever it changes (a new auth key, a new home data center), not only on
 * disconnect, so a crash loses nothing.
 *
 * <p>Implementations must be safe to call from several threads; {@link #save} replaces what
 * was saved whole.
 */
public interface Storage {

  /** The saved session, or empty if nothing was saved yet (or it was deleted). */
  Optional<Session> load();

  /** Replaces the saved session with {@code session}. */
  void save(Session session);

  /** Forgets the saved session, as signing out does. */
  void delete();
}
