package dev.tgkit.session;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** A {@link Storage} in memory: nothing survives the JVM. For tests and throwaway bots. */
public final class MemoryStorage implements Storage {

  private final AtomicReference<@Nullable Session> session = new AtomicReference<>();

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
