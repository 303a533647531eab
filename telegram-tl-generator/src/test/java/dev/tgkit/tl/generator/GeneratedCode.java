package dev.tgkit.tl.generator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Generated sources compiled at the project's language level (Java 21) against telegram-core's
 * hand-written TL runtime, so a test calls them as a user of the library would: a probe written
 * as Java source either compiles and runs, or fails the test with javac's messages.
 *
 * <p>The runtime comes from telegram-core's sources ({@code core.sources.dir}), not its jar:
 * telegram-core depends on this module, so its classes do not exist yet when these tests run.
 */
final class GeneratedCode {

  private final Path dir;
  private final Path classes;
  /** One loader for everything compiled here, so a class has one identity across probes. */
  private final URLClassLoader loader;
  private int compilations;

  private GeneratedCode(Path dir) {
    this.dir = dir;
    this.classes = dir.resolve("classes");
    try {
      // Made first: a path's URI ends in "/", which marks a directory to the loader, only if it exists.
      Files.createDirectories(classes);
      this.loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedCode.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** telegram-core's source root, {@code src/main/java}. */
  private static Path core() {
    return Path.of(System.getProperty("core.sources.dir"));
  }

  /** The {@code rpc-errors.csv} telegram-core ships. */
  static Path errorList() {
    return core().resolveSibling("resources").resolve("dev/tgkit/mtproto/rpc-errors.csv");
  }

  /**
   * Compiles the TL runtime ({@code dev.tgkit.tl}) and, with {@code rpcError}, {@code
   * dev.tgkit.mtproto.RpcError} (with the error list it reads) into {@code dir}, ready for
   * generated sources.
   */
  static GeneratedCode withRuntime(Path dir, boolean rpcError) {
    Path core = core();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> runtime = Files.list(core.resolve("dev/tgkit/tl"))) {
      runtime.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rpcError) {
      sources.add(core.resolve("dev/tgkit/mtproto/RpcError.java"));
    }
    GeneratedCode code = new GeneratedCode(dir);
    code.javac(sources, List.of());
    if (rpcError) {
      try {
        Path csv = code.classes.resolve("dev/tgkit/mtproto/rpc-errors.csv");
        Files.copy(errorList(), csv);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return code;
  }

  /**
   * Compiles {@code sources} (text by path under the source root, as {@link Emitter#emit} gives
   * them) with what is already compiled.
   *
   * @param options more javac options ({@code -Xdoclint:all})
   */
  GeneratedCode compile(Map<String, String> sources, String... options) {
    Path root = dir.resolve("src" + (++compilations));
    List<Path> files = new ArrayList<>();
    try {
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = root.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
        files.add(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    javac(files, List.of(options));
    return this;
  }

  /**
   * Compiles and runs {@code body} as the body of {@code static Object run()} in a class of
   * {@code pkg}, and returns what it returns. An exception the body throws is rethrown as is.
   */
  Object run(String pkg, String body) {
    String name = "Probe" + (compilations + 1);
    compile(Map.of(pkg.replace('.', '/') + "/" + name + ".java",
        "package " + pkg + ";\n\npublic final class " + name + " {\n  public static Object run() throws Exception {\n" + body + "\n  }\n}\n"));
    try {
      return load(pkg + "." + name).getMethod("run").invoke(null);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A compiled class. */
  Class<?> load(String name) {
    try {
      return Class.forName(name, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private void javac(List<Path> sources, List<String> extraOptions) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = new ArrayList<>(List.of(
        "--release", "21", "-proc:none",
        "-classpath", classes + File.pathSeparator + System.getProperty("java.class.path"),
        "-d", classes.toString()));
    options.addAll(extraOptions);
    try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, null, null)) {
      boolean ok = javac.getTask(null, manager, diagnostics, options, null, manager.getJavaFileObjectsFromPaths(sources)).call();
      if (!ok) {
        throw new AssertionError("generated code does not compile:\n" + diagnostics.getDiagnostics().stream()
            .map(Diagnostic::toString)
            .collect(Collectors.joining("\n")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
