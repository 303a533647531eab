package dev.tgkit.session;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** A {@link Storage} in memory: nothing survives the JVM. For tests and throwaway bots. */
public final class MemoryStorage implements Storage {

  private final AtomicReference<@Nullable Session> session = new AtomicReference<>();

  /** An empty storage: the client makes a new auth key and starts signed out. */
  public MemoryStorage() {}

  /**
   * A storage that starts with {@code session}, for example one read from a secret store of your
   * own; {@link #session()} gives back what the client saved since.
   */
  public MemoryStorage(Session session) {
    this.session.set(java.util.Objects.requireNonNull(session, "session"));
  }

  /** What was last saved, if anything. */
  public Optional<Session> session() {
    return load();
  }

  @Override
  public Optional<Session> load() {
    return Optional.ofNullable(session.get());
  }

  @Override
  public void save(Session next) {
    session.set(next);
  }

  @Override
  public void delete() {
    session.set(null);
  }

  @Override
  public String toString() {
    return "MemoryStorage[" + (session.get() == null ? "empty" : "saved") + "]";
  }
}
