package dev.tgkit.session;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Storage} could not load or save: the message names the file (or store) and what went
 * wrong. The subclasses are the failures a caller may handle differently.
 */
public class StorageException extends RuntimeException {

  private final Path file;

  public StorageException(Path file, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The file (or store) concerned. */
  public Path file() {
    return file;
  }

  /**
   * The saved session is damaged (truncated, altered, not a session file): loading it would
   * give a wrong session, so it is refused. Restore a backup or delete it and sign in again.
   */
  public static final class Corrupt extends StorageException {
    public Corrupt(Path file, String message, @Nullable Throwable cause) {
      super(file, message, cause);
    }
  }

  /** The saved session was written in a format version this library does not read. */
  public static final class UnsupportedVersion extends StorageException {
    private final int version;

    public UnsupportedVersion(Path file, int version, String message) {
      super(file, message, null);
      this.version = version;
    }

    /** The version found in the file. */
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
  }
}
