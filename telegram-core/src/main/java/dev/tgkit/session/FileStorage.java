package dev.tgkit.session;

import dev.tgkit.crypto.AuthKey;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Storage} that keeps one session in one file, safe against crashes: a save writes a
 * temporary file beside it, forces it to disk, then renames it over the old one atomically, so
 * the file always holds either the previous session or the new one, never a mix. A damaged file
 * is reported ({@link StorageException.Corrupt}), never read as "no session".
 *
 * <p>The file signs in as the account: it is created readable and writable by its owner only
 * ({@code rw-------}) where the file system has POSIX permissions. Keep it out of version
 * control and backups others can read.
 *
 * <p>While open (from the first {@code load}, {@code save} or {@code delete} until {@link
 * #close}) the storage holds an exclusive lock on {@code <file>.lock}, so a second client, in
 * this process or another, gets {@link StorageException.Locked} instead of sharing the auth key.
 * The lock file stays behind after close; deleting it would race with the next locker.
 *
 * <p>File format (all integers big-endian), version 1:
 *
 * <pre>
 * +--------+---------+-------------+-------------------+---------+
 * | "TGKS" | version | payload len |  payload (n bytes) | CRC32C  |
 * | 4      | int32=1 | int32 n     |                    | int32   |
 * +--------+---------+-------------+-------------------+---------+
 *   the CRC32C covers everything before it
 *
 * payload:
 *   int32 homeDc
 *   int32 dcCount, then per data center:
 *     int32 id, string host, int32 port, byte hasKey (0|1), [256 bytes auth key]
 *   byte hasUser (0|1), then: int64 id, int32 dc, byte bot (0|1), byte hasUsername, [string]
 *   byte hasState (0|1), then: int32 pts, qts, date, seq, int32 channelCount,
 *     per channel, by ascending id: int64 id, int32 pts
 *   string = int32 byte length + UTF-8 bytes
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class FileStorage implements Storage {

  /** The format version this class writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final byte[] MAGIC = {'T', 'G', 'K', 'S'};
  private static final int HEADER = 12;
  private static final int TRAILER = 4;
  // Far above any real session (a few KB, plus 12 bytes per channel): a bigger file is not ours,
  // and reading it whole could exhaust the heap.
  private static final long MAX_FILE = 64L << 20;

  // Lock files this JVM holds. Checked before opening the lock file at all, because on POSIX
  // closing any descriptor of a file drops every lock this process holds on it: a second
  // FileStorage that opened the file just to find it locked would unlock the first on close.
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final Path temp;
  private final Path lockFile;
  private final boolean posix;

  private @Nullable FileChannel lockChannel;
  private @Nullable FileLock lock;
  private @Nullable Path heldKey;

  /**
   * A storage for the session in {@code file}, which need not exist yet (nor its directory). Name
   * it {@code something.session} by convention. Nothing is opened until first use.
   *
   * @throws IllegalArgumentException if {@code file} is a directory or has no file name
   */
  public FileStorage(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (absolute.getFileName() == null || Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("a session file path names a file, not a directory: " + file);
    }
    this.file = absolute;
    this.temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    this.lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
    this.posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** The session file. */
  public Path file() {
    return file;
  }

  /**
   * Reads the saved session.
   *
   * @return empty if the file does not exist
   * @throws StorageException.Corrupt if the file is truncated, altered or not a session file
   * @throws StorageException.UnsupportedVersion if another format version wrote it
   * @throws StorageException.Locked if another client holds this session
   * @throws StorageException if it cannot be read
   */
  @Override
  public synchronized Optional<Session> load() {
    acquire();
    byte[] bytes;
    try {
      // A temp file left by a crash mid-save is an unfinished copy, never newer than the file;
      // it holds keys, so it should not linger.
      Files.deleteIfExists(temp);
      long size = Files.size(file);
      if (size > MAX_FILE) {
        throw new StorageException.Corrupt(file,
            "session file " + file + " is corrupt: " + size + " bytes, more than any session file has", null);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException(file, "could not read session file " + file + ": " + e, e);
    }
    return Optional.of(decode(file, bytes));
  }

  /**
   * Replaces the saved session: when this returns, the new one is on disk; if it throws (or the
   * process dies meanwhile), the file still holds the previous one.
   *
   * @throws StorageException.Locked if another client holds this session
   * @throws StorageException if it could not be written
   */
  @Override
  public synchronized void save(Session session) {
    byte[] bytes = encode(session);
    acquire();
    try {
      Files.deleteIfExists(temp);
      try (FileChannel out = FileChannel.open(temp,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        // Before the rename: otherwise a power cut could leave the new name on unwritten blocks.
        out.force(true);
      }
      // rename(2) replaces the target atomically; readers see the old file or the new one.
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory();
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new StorageException(file, "could not save the session to " + file + ": " + e, e);
    }
  }

  /**
   * Deletes the session file (the lock file stays while open).
   *
   * @throws StorageException.Locked if another client holds this session
   * @throws StorageException if it could not be deleted
   */
  @Override
  public synchronized void delete() {
    acquire();
    try {
      Files.deleteIfExists(temp);
      Files.deleteIfExists(file);
      syncDirectory();
    } catch (IOException e) {
      throw new StorageException(file, "could not delete session file " + file + ": " + e, e);
    }
  }

  /** Releases the lock; a later call to any other method takes it again. */
  @Override
  public synchronized void close() {
    FileChannel channel = lockChannel;
    lockChannel = null;
    lock = null;
    if (channel != null) {
      try {
        channel.close(); // releases the lock with it
      } catch (IOException e) {
        // The descriptor is gone either way, and with it the lock.
      }
    }
    Path key = heldKey;
    heldKey = null;
    if (key != null) {
      HELD.remove(key);
    }
  }

  @Override
  public String toString() {
    return "FileStorage[" + file + "]";
  }

  private void acquire() {
    FileLock held = lock;
    if (held != null && held.isValid()) {
      return;
    }
    close(); // an interrupt may have closed the lock channel under us; start clean
    Path key;
    try {
      Files.createDirectories(file.getParent());
      try {
        Files.createFile(lockFile, ownerOnly());
      } catch (FileAlreadyExistsException e) {
        // Another run made it; it is only ever locked, never read.
      }
      key = lockFile.toRealPath();
    } catch (IOException e) {
      throw new StorageException(file, "could not create the lock file " + lockFile + ": " + e, e);
    }
    if (!HELD.add(key)) {
      throw locked();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key, StandardOpenOption.WRITE);
      FileLock taken;
      try {
        taken = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        taken = null;
      }
      if (taken == null) {
        channel.close();
        HELD.remove(key);
        throw locked();
      }
      lockChannel = channel;
      lock = taken;
      heldKey = key;
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      HELD.remove(key);
      throw new StorageException(file, "could not lock " + lockFile + ": " + e, e);
    }
  }

  private StorageException.Locked locked() {
    return new StorageException.Locked(file, "session file " + file + " is in use by another client (" + lockFile
        + " is locked); give each client its own session file, or close the other one first");
  }

  private FileAttribute<?>[] ownerOnly() {
    if (!posix) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))};
  }

  // Makes the rename itself durable. Only POSIX systems can open a directory for fsync.
  private void syncDirectory() throws IOException {
    if (!posix) {
      return;
    }
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // The next save or load deletes it; the failure already being reported matters more.
    }
  }

  static byte[] encode(Session session) {
    Writer out = new Writer();
    out.bytes(MAGIC);
    out.int32(FORMAT_VERSION);
    out.int32(0); // payload length, patched below
    out.int32(session.homeDc());
    out.int32(session.dcs().size());
    for (DataCenter dc : session.dcs()) {
      out.int32(dc.id());
      out.string(dc.host());
      out.int32(dc.port());
      AuthKey key = dc.authKey();
      out.bool(key != null);
      if (key != null) {
        out.bytes(key.toByteArray());
      }
    }
    SessionUser user = session.user();
    out.bool(user != null);
    if (user != null) {
      out.int64(user.id());
      out.int32(user.dc());
      out.bool(user.bot());
      String username = user.username();
      out.bool(username != null);
      if (username != null) {
        out.string(username);
      }
    }
    UpdateState state = session.updateState();
    out.bool(state != null);
    if (state != null) {
      out.int32(state.pts());
      out.int32(state.qts());
      out.int32(state.date());
      out.int32(state.seq());
      // Sorted so one session always gives the same bytes.
      Map<Long, Integer> channels = new TreeMap<>(state.channelPts());
      out.int32(channels.size());
      for (Map.Entry<Long, Integer> e : channels.entrySet()) {
        out.int64(e.getKey());
        out.int32(e.getValue());
      }
    }
    byte[] bytes = out.finish();
    ByteBuffer.wrap(bytes).putInt(8, bytes.length - HEADER - TRAILER);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - TRAILER);
    ByteBuffer.wrap(bytes).putInt(bytes.length - TRAILER, (int) crc.getValue());
    return bytes;
  }

  static Session decode(Path file, byte[] bytes) {
    if (bytes.length < HEADER + TRAILER) {
      throw corrupt(file, "truncated to " + bytes.length + " bytes, less than the " + (HEADER + TRAILER)
          + " of the smallest session file", null);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    for (byte b : MAGIC) {
      if (in.get() != b) {
        throw corrupt(file, "it is not a tgkit session file (it does not start with \"TGKS\")", null);
      }
    }
    int version = in.getInt();
    if (version != FORMAT_VERSION) {
      throw new StorageException.UnsupportedVersion(file, version, "session file " + file + " has format version "
          + version + "; this tgkit reads version " + FORMAT_VERSION + " (was it written by another tgkit version?)");
    }
    int length = in.getInt();
    if (length != bytes.length - HEADER - TRAILER) {
      throw corrupt(file, "its header announces " + length + " payload bytes but " + (bytes.length - HEADER - TRAILER)
          + " follow (truncated or appended to)", null);
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - TRAILER);
    if ((int) crc.getValue() != ByteBuffer.wrap(bytes).getInt(bytes.length - TRAILER)) {
      throw corrupt(file, "its checksum does not match its contents (altered or partly written)", null);
    }
    in.limit(bytes.length - TRAILER);
    try {
      Session session = readPayload(in);
      if (in.hasRemaining()) {
        throw corrupt(file, in.remaining() + " unread bytes after the session", null);
      }
      return session;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw corrupt(file, "its contents do not form a session: " + e.getMessage(), e);
    }
  }

  private static Session readPayload(ByteBuffer in) {
    int homeDc = in.getInt();
    int dcCount = count(in, 13);
    List<DataCenter> dcs = new ArrayList<>(dcCount);
    for (int i = 0; i < dcCount; i++) {
      int id = in.getInt();
      String host = string(in);
      int port = in.getInt();
      AuthKey key = null;
      if (bool(in)) {
        byte[] k = new byte[AuthKey.LENGTH];
        in.get(k);
        key = AuthKey.of(k);
      }
      dcs.add(new DataCenter(id, host, port, key));
    }
    SessionUser user = null;
    if (bool(in)) {
      long id = in.getLong();
      int dc = in.getInt();
      boolean bot = bool(in);
      String username = bool(in) ? string(in) : null;
      user = new SessionUser(id, dc, bot, username);
    }
    UpdateState state = null;
    if (bool(in)) {
      int pts = in.getInt();
      int qts = in.getInt();
      int date = in.getInt();
      int seq = in.getInt();
      int channels = count(in, 12);
      Map<Long, Integer> channelPts = new HashMap<>(channels * 2);
      for (int i = 0; i < channels; i++) {
        long id = in.getLong();
        if (channelPts.put(id, in.getInt()) != null) {
          throw new IllegalArgumentException("channel " + id + " is listed twice");
        }
      }
      state = new UpdateState(pts, qts, date, seq, channelPts);
    }
    return new Session(dcs, homeDc, user, state);
  }

  // A count that the remaining bytes could actually hold, so a damaged count cannot make us
  // allocate gigabytes before running out of input.
  private static int count(ByteBuffer in, int minBytesEach) {
    int n = in.getInt();
    if (n < 0 || (long) n * minBytesEach > in.remaining()) {
      throw new IllegalArgumentException("a count of " + n + " does not fit in the " + in.remaining() + " bytes left");
    }
    return n;
  }

  private static String string(ByteBuffer in) {
    int n = count(in, 1);
    byte[] utf8 = new byte[n];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static boolean bool(ByteBuffer in) {
    byte b = in.get();
    if (b != 0 && b != 1) {
      throw new IllegalArgumentException("a flag byte is 0 or 1, got " + b);
    }
    return b == 1;
  }

  private static StorageException.Corrupt corrupt(Path file, String why, @Nullable Throwable cause) {
    return new StorageException.Corrupt(file, "session file " + file + " is corrupt: " + why, cause);
  }

  /** A growable big-endian byte buffer, just enough for {@link #encode}. */
  private static final class Writer {
    private ByteBuffer buffer = ByteBuffer.allocate(1024);

    void int32(int v) {
      room(4).putInt(v);
    }

    void int64(long v) {
      room(8).putLong(v);
    }

    void bool(boolean v) {
      room(1).put(v ? (byte) 1 : 0);
    }

    void bytes(byte[] v) {
      room(v.length).put(v);
    }

    void string(String v) {
      byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
      int32(utf8.length);
      bytes(utf8);
    }

    byte[] finish() {
      room(TRAILER).position(buffer.position() + TRAILER);
      byte[] out = new byte[buffer.position()];
      buffer.flip().get(out);
      return out;
    }

    private ByteBuffer room(int n) {
      if (buffer.remaining() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + n));
        bigger.put(buffer.flip());
        buffer = bigger;
      }
      return buffer;
    }
  }
}
