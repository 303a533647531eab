package dev.tgkit.tl.generator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Command line of the generator, run by {@code telegram-core}'s build:
 *
 * <pre>
 *   java dev.tgkit.tl.generator.Main --out DIR --mtproto mtproto.tl --api api.tl \
 *       --errors rpc-errors.csv [--force]
 * </pre>
 *
 * <p>Errors are thrown rather than ending the JVM, because Maven's {@code exec:java} runs this
 * inside the build's own JVM and reports a thrown exception as a build failure.
 */
public final class Main {

  private static final String USAGE =
      "usage: Main --out DIR --mtproto mtproto.tl --api api.tl --errors rpc-errors.csv [--force]";

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    boolean force = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--force" -> force = true;
        case "--out", "--mtproto", "--api", "--errors" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(a + " needs a value; " + USAGE);
          }
          options.put(a, args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown argument '" + a + "'; " + USAGE);
      }
    }
    for (String required : new String[] {"--out", "--mtproto", "--api", "--errors"}) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException("missing " + required + "; " + USAGE);
      }
    }
    Path mtproto = Path.of(options.get("--mtproto"));
    Path api = Path.of(options.get("--api"));
    Path errors = Path.of(options.get("--errors"));
    for (Path p : new Path[] {mtproto, api, errors}) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("input file " + p.toAbsolutePath() + " does not exist");
      }
    }
    long start = System.nanoTime();
    Generator.Result r = new Generator(Path.of(options.get("--out")), mtproto, api, errors).run(force);
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (r.upToDate()) {
      System.out.println("[tl-generator] sources up to date in " + options.get("--out"));
    } else {
      System.out.printf(
          "[tl-generator] %d types, %d constructors, %d functions, %d error names -> %d files in %s (%d ms)%n",
          r.types(), r.constructors(), r.functions(), r.errors(), r.files(), options.get("--out"), millis);
    }
  }
}
