package dev.tgkit.tl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds the generated records on the test class path by walking the compiled classes. */
public final class GeneratedClasses {

  private GeneratedClasses() {}

  /** Every generated record under {@code rootPackage} ({@code dev.tgkit.tl.api}), sorted by name. */
  public static List<Class<? extends TlObject>> records(String rootPackage) {
    Path classes;
    try {
      classes = Path.of(TlObject.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Path root = classes.resolve(rootPackage.replace('.', '/'));
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
          .map(p -> classes.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", ""))
          .map(GeneratedClasses::load)
          .filter(c -> c.isRecord() && TlObject.class.isAssignableFrom(c))
          .<Class<? extends TlObject>>map(c -> c.asSubclass(TlObject.class))
          .sorted(Comparator.comparing(Class::getName))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean isFunction(Class<?> c) {
    return TlFunction.class.isAssignableFrom(c);
  }

  /** The record's {@code CONSTRUCTOR_ID}. */
  static int id(Class<?> c) {
    try {
      return c.getField("CONSTRUCTOR_ID").getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(c + " has no CONSTRUCTOR_ID", e);
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
