package dev.tgkit.session;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Storage} could not load or save: the message names the file (or store) and what went
 * wrong. The subclasses are the failures a caller may handle differently.
 */
public class StorageException extends RuntimeException {

  private final @Nullable Path file;
  private final String store;

  /** A failure of the session in {@code file}. */
  public StorageException(Path file, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.file = file;
    this.store = file.toString();
  }

  /**
   * A failure of a session kept somewhere other than a file, such as a database.
   *
   * @param store what holds the session, for people to read, such as {@code JPA session "bot"};
   *     never a password or a key
   */
  public StorageException(String store, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.file = null;
    this.store = store;
  }

  /** The file concerned, or null if the session is not kept in a file. */
  public @Nullable Path file() {
    return file;
  }

  /** The file or store concerned, as people read it. */
  public String store() {
    return store;
  }

  /**
   * The saved session is damaged (truncated, altered, not a session file): loading it would
   * give a wrong session, so it is refused. Restore a backup or delete it and sign in again.
   */
  public static final class Corrupt extends StorageException {
    public Corrupt(Path file, String message, @Nullable Throwable cause) {
      super(file, message, cause);
    }

    /** A damaged session in a store that is not a file. */
    public Corrupt(String store, String message, @Nullable Throwable cause) {
      super(store, message, cause);
    }
  }

  /** The saved session was written in a format version this library does not read. */
  public static final class UnsupportedVersion extends StorageException {
    private final int version;

    public UnsupportedVersion(Path file, int version, String message) {
      super(file, message, null);
      this.version = version;
    }

    /** A session of another format version in a store that is not a file. */
    public UnsupportedVersion(String store, int version, String message) {
      super(store, message, null);
      this.version = version;
    }

    /** The version found in the file or store. */
    public int version() {
      return version;
    }
  }

  /**
   * Another live client (in this process or another) holds the session: two clients on one auth
   * key confuse Telegram's message sequencing, so the second one is refused.
   */
  public static final class Locked extends StorageException {
    public Locked(Path file, String message) {
      super(file, message, null);
    }

    /** The session in {@code store}, not a file, is held by another client. */
    public Locked(String store, String message) {
      super(store, message, null);
    }
  }
}
