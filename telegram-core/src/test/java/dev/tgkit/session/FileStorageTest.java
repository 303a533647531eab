package dev.tgkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileStorageTest extends StorageContract {

  private static final Pattern SAVED = Pattern.compile("saved (\\d+)");

  @TempDir Path dir;

  private int files;

  @Override
  protected Storage create() {
    return new FileStorage(dir.resolve("contract-" + ++files + ".session"));
  }

  @Override
  protected Storage reopen(Storage closed) {
    return new FileStorage(((FileStorage) closed).file());
  }

  // --- Crash safety ---

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aProcessKilledWhileSavingLeavesTheLastSavedOrTheNextSessionNeverAMix() throws Exception {
    int rounds = 25;
    int channels = 3_000; // some 36 KB per save, so a kill often lands mid-write
    Random random = new Random(20261123);
    int tempFilesLeft = 0;
    int unacknowledgedSeen = 0;
    for (int round = 0; round < rounds; round++) {
      Path file = dir.resolve("killed-" + round + ".session");
      Process child = child("save-loop", file.toString(), Integer.toString(channels));
      int last = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        int wanted = 1 + random.nextInt(40);
        while (last < wanted) {
          String line = out.readLine();
          if (line == null) {
            fail("the child exited early: " + Files.readString(dir.resolve("child.err")));
          }
          last = saved(line, last);
        }
        Thread.sleep(random.nextInt(25)); // spread the kills over a whole save cycle
        // SIGKILL, no shutdown hooks or finally blocks. Through the handle, which unlike
        // Process.destroyForcibly leaves the pipe open for what the child printed before dying.
        child.toHandle().destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // Whatever it printed before dying was printed after its save returned.
        for (String line; (line = out.readLine()) != null; ) {
          last = saved(line, last);
        }
      }
      if (Files.exists(file.resolveSibling(file.getFileName() + ".tmp"))) {
        tempFilesLeft++;
      }

      try (FileStorage storage = new FileStorage(file)) {
        Session loaded = storage.load().orElseThrow();
        int n = loaded.updateState().pts();
        assertThat(n).as("round %d: last save returned was %d", round, last).isBetween(last, last + 1);
        assertThat(loaded).isEqualTo(Sessions.full(n, channels));
        if (n == last + 1) {
          unacknowledgedSeen++;
        }
      }
    }
    System.out.printf("killed %d savers; %d kills landed between creating the temp file and renaming it;"
        + " %d renamed the next session before the saver could report it%n", rounds, tempFilesLeft, unacknowledgedSeen);
  }

  @Test
  void anInterruptedSaveFailsAndLeavesThePreviousSession() {
    Path file = dir.resolve("interrupted.session");
    try (FileStorage storage = new FileStorage(file)) {
      Session before = Sessions.full(1, 10);
      storage.save(before);

      Thread.currentThread().interrupt();
      try {
        // Interrupting a thread closes the FileChannel it writes: the temp file stays half made.
        assertThatThrownBy(() -> storage.save(Sessions.full(2, 10)))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining(file.toString())
            .hasCauseInstanceOf(ClosedByInterruptException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("the caller still sees its interrupt").isTrue();
      } finally {
        Thread.interrupted();
      }

      assertThat(storage.load()).contains(before);
      assertThat(file.resolveSibling("interrupted.session.tmp")).doesNotExist();
      storage.save(Sessions.full(3, 10));
      assertThat(storage.load()).contains(Sessions.full(3, 10));
    }
  }

  @Test
  void aTempFileLeftByACrashIsIgnoredAndRemoved() throws IOException {
    Path file = dir.resolve("leftover.session");
    Path temp = dir.resolve("leftover.session.tmp");
    try (FileStorage storage = new FileStorage(file)) {
      storage.save(Sessions.full(5, 2));
    }
    byte[] half = FileStorage.encode(Sessions.full(6, 2));
    Files.write(temp, java.util.Arrays.copyOf(half, half.length / 2));

    try (FileStorage storage = new FileStorage(file)) {
      assertThat(storage.load()).contains(Sessions.full(5, 2));
      assertThat(temp).doesNotExist();
    }
  }

  // --- Damaged files are reported, never read as "no session" ---

  @Test
  void everyTruncationIsReportedAsCorruptNamingTheFile() throws IOException {
    Path file = dir.resolve("truncated.session");
    byte[] whole = FileStorage.encode(Sessions.full(9, 4));
    try (FileStorage storage = new FileStorage(file)) {
      for (int length = 0; length < whole.length; length++) {
        Files.write(file, java.util.Arrays.copyOf(whole, length));
        assertThatThrownBy(storage::load).as("cut to %d bytes", length)
            .isInstanceOf(StorageException.Corrupt.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("corrupt");
      }
      Files.write(file, whole);
      assertThat(storage.load()).contains(Sessions.full(9, 4));
    }
  }

  @Test
  void everyFlippedBitIsDetected() throws IOException {
    Path file = dir.resolve("flipped.session");
    byte[] whole = FileStorage.encode(Sessions.full(10, 4));
    try (FileStorage storage = new FileStorage(file)) {
      for (int i = 0; i < whole.length; i++) {
        byte[] damaged = whole.clone();
        damaged[i] ^= (byte) (1 << (i % 8));
        Files.write(file, damaged);
        assertThatThrownBy(storage::load).as("byte %d flipped", i)
            .isInstanceOf(StorageException.class)
            .hasMessageContaining(file.toString());
      }
    }
  }

  @Test
  void aFileOfAnotherFormatVersionSaysWhichVersion() throws IOException {
    Path file = dir.resolve("future.session");
    byte[] bytes = FileStorage.encode(Sessions.full(11, 1));
    ByteBuffer.wrap(bytes).putInt(4, 2);
    Files.write(file, bytes);
    try (FileStorage storage = new FileStorage(file)) {
      assertThatThrownBy(storage::load)
          .isInstanceOfSatisfying(StorageException.UnsupportedVersion.class, e -> assertThat(e.version()).isEqualTo(2))
          .hasMessageContaining(file.toString())
          .hasMessageContaining("format version 2")
          .hasMessageContaining("reads version 1");
    }
  }

  @Test
  void somethingElseEntirelyIsNotASessionFile() throws IOException {
    Path file = dir.resolve("notes.session");
    Files.writeString(file, "these are my notes, not a session\n");
    try (FileStorage storage = new FileStorage(file)) {
      assertThatThrownBy(storage::load).isInstanceOf(StorageException.Corrupt.class)
          .hasMessageContaining("not a tgkit session file");
    }
  }

  @Test
  void randomContentUnderAValidHeaderAndChecksumIsRefusedOrReadNeverAnythingElse() throws IOException {
    Path file = dir.resolve("random.session");
    Random random = new Random(7);
    int refused = 0;
    try (FileStorage storage = new FileStorage(file)) {
      for (int i = 0; i < 2_000; i++) {
        byte[] payload = new byte[random.nextInt(600)];
        random.nextBytes(payload);
        if (payload.length >= 4 && random.nextBoolean()) {
          ByteBuffer.wrap(payload).putInt(0, 1 + random.nextInt(5)); // a plausible home DC
        }
        Files.write(file, framed(payload));
        try {
          storage.load();
        } catch (StorageException.Corrupt e) {
          assertThat(e).hasMessageContaining(file.toString());
          refused++;
        }
      }
    }
    assertThat(refused).isPositive();
  }

  @Test
  void theFileIsTheDocumentedFormat() {
    Session session = Sessions.fresh(2);
    byte[] bytes = FileStorage.encode(session);
    ByteBuffer in = ByteBuffer.wrap(bytes);

    assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("TGKS");
    assertThat(in.getInt(4)).isEqualTo(FileStorage.FORMAT_VERSION).isEqualTo(1);
    assertThat(in.getInt(8)).isEqualTo(bytes.length - 16);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    assertThat(in.getInt(bytes.length - 4)).isEqualTo((int) crc.getValue());
    in.position(12);
    assertThat(in.getInt()).as("home dc").isEqualTo(2);
    assertThat(in.getInt()).as("dc count").isEqualTo(1);
    assertThat(in.getInt()).as("dc id").isEqualTo(2);
    assertThat(in.getInt()).as("host length").isEqualTo(9);
    assertThat(FileStorage.encode(Sessions.full(3, 100))).isEqualTo(FileStorage.encode(Sessions.full(3, 100)));
  }

  // --- Secrecy and exclusivity ---

  @Test
  void theFileIsReadableByItsOwnerOnlyEvenIfItWasNotBefore() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Path file = dir.resolve("secret.session");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (FileStorage storage = new FileStorage(file)) {
      storage.save(Sessions.full(1, 1));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secret.session.lock"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aSecondStorageInThisProcessIsLockedOutWithoutUnlockingTheFirst() throws Exception {
    Path file = dir.resolve("shared.session");
    FileStorage first = new FileStorage(file);
    FileStorage second = new FileStorage(file);
    try {
      first.save(Sessions.full(1, 1));
      assertThatThrownBy(second::load).isInstanceOf(StorageException.Locked.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("in use by another client");
      assertThatThrownBy(() -> second.save(Sessions.full(2, 1))).isInstanceOf(StorageException.Locked.class);

      // The refused attempt must not have dropped the first one's lock at the OS level.
      assertThat(runChild("try", file.toString())).startsWith("locked ").contains(file.toString());
      first.save(Sessions.full(3, 1));

      first.close();
      assertThat(second.load()).contains(Sessions.full(3, 1));
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aSessionHeldByAnotherProcessIsRefusedUntilThatProcessLetsGo() throws Exception {
    Path file = dir.resolve("held.session");
    try (FileStorage storage = new FileStorage(file)) {
      storage.save(Sessions.full(1, 1));
    }
    for (boolean kill : new boolean[] {false, true}) {
      Process holder = child("hold", file.toString());
      try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("holding");
        try (FileStorage storage = new FileStorage(file)) {
          assertThatThrownBy(storage::load).isInstanceOf(StorageException.Locked.class)
              .hasMessageContaining(file.toString());
          if (kill) {
            holder.destroyForcibly(); // a crashed client's lock dies with it
          } else {
            holder.getOutputStream().close(); // a client that closes its storage
          }
          assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
          assertThat(storage.load()).contains(Sessions.full(1, 1));
        }
      }
    }
  }

  @Test
  void rejectsADirectoryAsTheSessionFile() {
    assertThatThrownBy(() -> new FileStorage(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names a file, not a directory");
  }

  @Test
  void toStringNamesTheFileAndNothingInIt() {
    Path file = dir.resolve("shown.session");
    try (FileStorage storage = new FileStorage(file)) {
      storage.save(Sessions.full(1, 1));
      assertThat(storage).hasToString("FileStorage[" + file.toAbsolutePath() + "]");
    }
  }

  private static byte[] framed(byte[] payload) {
    ByteBuffer out = ByteBuffer.allocate(16 + payload.length);
    out.put("TGKS".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(payload.length).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  private static int saved(String line, int last) {
    Matcher m = SAVED.matcher(line);
    if (!m.matches()) {
      throw new AssertionError("unexpected child output: " + line);
    }
    int n = Integer.parseInt(m.group(1));
    assertThat(n).isEqualTo(last + 1);
    return n;
  }

  private Process child(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        FileStorageChild.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
  }

  private String runChild(String... args) throws Exception {
    Process p = child(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("child.err"))).isZero();
    return out;
  }
}
