package dev.tgkit.tl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a schema file declares, read with a few regular expressions, independently of the
 * generator: the tests compare the generated classes against it.
 *
 * @param constructors TL name to id ({@code null} when the schema gives none)
 * @param functions TL name to id
 */
record SchemaFile(Map<String, Integer> constructors, Map<String, Integer> functions) {

  /** Definitions the runtime implements by hand, so they have no generated class. */
  static final Set<String> RUNTIME =
      Set.of("boolFalse", "boolTrue", "true", "vector", "int", "long", "double", "string", "bytes");

  private static final Pattern HEAD = Pattern.compile("([A-Za-z_][\\w.]*)(?:#([0-9a-fA-F]{1,8}))?(\\s.*)?", Pattern.DOTALL);

  static SchemaFile read(String name) {
    try {
      return parse(Files.readString(Path.of("src/main/tl", name), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SchemaFile parse(String text) {
    String noBlocks = text.replaceAll("(?s)/\\*.*?\\*/", " ");
    String noComments = noBlocks.replaceAll("//[^\\n]*", " ");
    String marked = noComments.replace("---functions---", ";---functions---;").replace("---types---", ";---types---;");
    Map<String, Integer> constructors = new LinkedHashMap<>();
    Map<String, Integer> functions = new LinkedHashMap<>();
    boolean inFunctions = false;
    for (String raw : marked.split(";")) {
      String s = raw.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (s.equals("---functions---") || s.equals("---types---")) {
        inFunctions = s.equals("---functions---");
        continue;
      }
      Matcher m = HEAD.matcher(s);
      if (!m.matches()) {
        throw new IllegalStateException("unreadable definition: " + s);
      }
      String rest = m.group(3) == null ? "" : m.group(3).strip();
      if (RUNTIME.contains(m.group(1)) || rest.startsWith("?")) {
        continue;
      }
      Integer id = m.group(2) == null ? null : (int) Long.parseLong(m.group(2), 16);
      (inFunctions ? functions : constructors).put(m.group(1), id);
    }
    return new SchemaFile(constructors, functions);
  }
}
