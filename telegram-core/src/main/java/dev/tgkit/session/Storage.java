package dev.tgkit.session;

import java.util.Optional;

/**
 * Where a client keeps its {@link Session} between runs. The client loads it on connect and
 * saves it whenever it changes (a new auth key, a new home data center, sign-in, the update
 * state), not only on disconnect, so a crash loses little.
 *
 * <p>Implementations must be safe to call from several threads; {@link #save} replaces what
 * was saved whole. The life cycle is {@code load}, any number of {@code save}s, {@code close};
 * then {@code load} may start it again, so {@code close} must leave the storage reopenable.
 */
public interface Storage extends AutoCloseable {

  /** The saved session, or empty if nothing was saved yet (or it was deleted). */
  Optional<Session> load();

  /** Replaces the saved session with {@code session}. */
  void save(Session session);

  /** Forgets the saved session, as signing out does. */
  void delete();

  /**
   * Releases what the storage holds (files, locks, connections). Called after disconnecting,
   * even if the last {@link #save} failed; calling it twice does nothing more. {@link #load}
   * may be called afterwards and reopens. Does nothing by default.
   */
  @Override
  default void close() {}
}
