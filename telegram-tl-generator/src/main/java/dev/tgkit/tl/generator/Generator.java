package dev.tgkit.tl.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns {@code mtproto.tl} and {@code api.tl} into Java sources under one output directory, with
 * the constants of {@code rpc-errors.csv} ({@link RpcErrorsEmitter}).
 *
 * <p>The output directory belongs to the generator: each run replaces its contents. A stamp
 * file records what was generated; when the stamp is newer than every input and the generator's
 * own classes, and the files it lists are all there, the run does nothing, so an unchanged build
 * neither rewrites 2,500 files nor makes the compiler rebuild them.
 */
public final class Generator {

  /** Name of the stamp file in the output directory. */
  public static final String STAMP = ".tl-generator.stamp";

  /** Package of the classes generated from {@code api.tl}. */
  public static final String API_PACKAGE = "dev.tgkit.tl.api";

  /** Package of the classes generated from {@code mtproto.tl}. */
  public static final String MTPROTO_PACKAGE = "dev.tgkit.tl.mtproto";

  /** What a run did. */
  public record Result(boolean upToDate, int files, int constructors, int functions, int types, int errors) {}

  private final Path out;
  private final Path mtproto;
  private final Path api;
  private final Path errors;

  /**
   * @param errors Telegram's list of RPC errors ({@code name,codes,description}), for {@code
   *     dev.tgkit.mtproto.RpcErrors}
   */
  public Generator(Path out, Path mtproto, Path api, Path errors) {
    this.out = out;
    this.mtproto = mtproto;
    this.api = api;
    this.errors = errors;
  }

  /**
   * Generates the sources unless they are up to date.
   *
   * @param force whether to generate even when up to date
   * @throws SchemaException if a schema or the error list is malformed or cannot be expressed in
   *     Java
   * @throws UncheckedIOException if a file cannot be read or written
   */
  public Result run(boolean force) {
    try {
      String stamp = stampText();
      if (!force && upToDate(stamp)) {
        return new Result(true, 0, 0, 0, 0, 0);
      }
      Schema mtprotoSchema = TlParser.parse(mtproto.getFileName().toString(), Files.readString(mtproto, StandardCharsets.UTF_8));
      Schema apiSchema = TlParser.parse(api.getFileName().toString(), Files.readString(api, StandardCharsets.UTF_8));
      if (apiSchema.layer().isEmpty()) {
        throw new SchemaException(apiSchema.source(), 1, "no '// LAYER N' line: the API layer must be known to invoke with it");
      }
      JavaModel mtprotoModel = JavaModel.bind(mtprotoSchema, MTPROTO_PACKAGE, "MtProto", true);
      JavaModel apiModel = JavaModel.bind(apiSchema, API_PACKAGE, "TlApi");
      RpcErrorsEmitter errorNames = new RpcErrorsEmitter(errors.getFileName().toString(), Files.readString(errors, StandardCharsets.UTF_8));
      Map<String, String> files = new TreeMap<>();
      files.putAll(new Emitter(mtprotoModel, mtprotoSchema.source(), true).emit());
      files.putAll(new Emitter(apiModel, apiSchema.source(), false).emit());
      files.put(RpcErrorsEmitter.PACKAGE.replace('.', '/') + "/" + RpcErrorsEmitter.CLASS + ".java", errorNames.emit());
      write(files, stamp);
      return new Result(
          false,
          files.size(),
          apiModel.constructors.size() + mtprotoModel.constructors.size(),
          apiModel.functions.size() + mtprotoModel.functions.size(),
          apiModel.types.size() + mtprotoModel.types.size(),
          errorNames.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Identifies the inputs and the generator version a stamp was made for. */
  private String stampText() {
    return "tgkit TL generator\nmtproto=" + mtproto.toAbsolutePath().normalize() + "\napi=" + api.toAbsolutePath().normalize()
        + "\nerrors=" + errors.toAbsolutePath().normalize() + "\n";
  }

  private boolean upToDate(String stamp) throws IOException {
    Path stampFile = out.resolve(STAMP);
    if (!Files.isRegularFile(stampFile)) {
      return false;
    }
    List<String> lines = Files.readAllLines(stampFile, StandardCharsets.UTF_8);
    String recorded = String.join("\n", lines);
    if (!recorded.startsWith(stamp)) {
      return false;
    }
    FileTime made = Files.getLastModifiedTime(stampFile);
    FileTime generator = generatorTime();
    if (generator == null
        || made.compareTo(generator) <= 0
        || made.compareTo(Files.getLastModifiedTime(mtproto)) <= 0
        || made.compareTo(Files.getLastModifiedTime(api)) <= 0
        || made.compareTo(Files.getLastModifiedTime(errors)) <= 0) {
      return false;
    }
    List<String> listed = lines.subList(stamp.split("\n").length, lines.size());
    for (String file : listed) {
      if (!Files.isRegularFile(out.resolve(file))) {
        return false;
      }
    }
    return !listed.isEmpty();
  }

  /** When the generator's classes last changed, or {@code null} if that cannot be told. */
  private static FileTime generatorTime() throws IOException {
    CodeSource source = Generator.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return null;
    }
    Path location;
    try {
      location = Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
    if (Files.isRegularFile(location)) {
      return Files.getLastModifiedTime(location);
    }
    try (Stream<Path> walk = Files.walk(location)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> {
            try {
              return Files.getLastModifiedTime(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .max(Comparator.naturalOrder())
          .orElse(null);
    }
  }

  private void write(Map<String, String> files, String stamp) throws IOException {
    clean();
    Files.createDirectories(out);
    // Claims the directory before filling it, so an interrupted run is recognized next time as
    // the generator's own (and, lacking the file list, as out of date).
    Files.writeString(out.resolve(STAMP), "incomplete\n", StandardCharsets.UTF_8);
    StringBuilder listing = new StringBuilder(stamp);
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path file = out.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      listing.append(e.getKey()).append('\n');
    }
    Files.writeString(out.resolve(STAMP), listing, StandardCharsets.UTF_8);
  }

  /** Whether every file under the output directory is a source this generator wrote. */
  private boolean onlyGeneratedSources() throws IOException {
    String marker = "// Generated by " + Emitter.GENERATOR + " ";
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        if (!p.toString().endsWith(".java")) {
          return false;
        }
        try (var reader = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
          String first = reader.readLine();
          if (first == null || !first.startsWith(marker)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Empties the output directory, refusing to touch one the generator did not make. */
  private void clean() throws IOException {
    if (!Files.isDirectory(out)) {
      return;
    }
    if (!Files.isRegularFile(out.resolve(STAMP)) && !onlyGeneratedSources()) {
      throw new IllegalStateException("refusing to empty " + out + ": it has files the generator did not write"
          + " (no " + STAMP + ", not all sources marked as generated); give --out a directory of its own");
    }
    try (Stream<Path> walk = Files.walk(out)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(out)).toList();
      for (Path p : paths) {
        Files.delete(p);
      }
    }
  }
}
