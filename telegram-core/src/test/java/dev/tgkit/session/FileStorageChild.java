package dev.tgkit.session;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The other process of {@link FileStorageTest}: a second JVM that uses a session file the way a
 * client would, so the test can kill it mid-save or have it meet a lock held elsewhere.
 *
 * <ul>
 *   <li>{@code save-loop <file> <channels>}: saves generation 1, 2, 3, ... forever, printing
 *       {@code saved <n>} after each save returns.
 *   <li>{@code hold <file>}: loads (taking the lock), prints {@code holding}, and keeps it until
 *       its standard input closes.
 *   <li>{@code try <file>}: tries to load and prints {@code loaded} or {@code locked <message>}.
 * </ul>
 */
public final class FileStorageChild {

  private FileStorageChild() {}

  public static void main(String[] args) throws Exception {
    FileStorage storage = new FileStorage(Path.of(args[1]));
    switch (args[0]) {
      case "save-loop" -> {
        int channels = Integer.parseInt(args[2]);
        for (int n = 1; ; n++) {
          storage.save(Sessions.full(n, channels));
          System.out.println("saved " + n);
          System.out.flush();
        }
      }
      case "hold" -> {
        storage.load();
        System.out.println("holding");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
          // Hold until the parent closes our input.
        }
        storage.close();
      }
      case "try" -> {
        try {
          storage.load();
          System.out.println("loaded");
        } catch (StorageException.Locked e) {
          System.out.println("locked " + e.getMessage());
        }
        storage.close();
      }
      default -> throw new IllegalArgumentException("modes: save-loop, hold, try; got " + args[0]);
    }
  }
}
