package dev.tgkit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test vectors under {@code src/test/resources/vectors/}, read as named values.
 *
 * <p>The files are written for people, so their lines come in several shapes; all of these are
 * understood:
 *
 * <pre>
 *   name = 0a1b2c                                 plain
 *   name [derived] = 0a1b  # comment              annotations and trailing comments
 *   auth_key = seq(256) = 000102...               a description between name and value
 *   a = 01; b = 02                                several statements on one line
 *   group: mode=encrypt key=0a iv=0b              fields, named "group.mode", "group.key", ...
 *   stream = df5647 391714 ...                    hex split by spaces
 *   x: key = 0a1b iv = 2c3d                       chained assignments ("x: key", "x: iv")
 *   name = seq(32)                                bytes 00 01 .. 1f
 * </pre>
 *
 * <p>A name is found exactly as written ({@code "client(x=0): aes_key"}, {@code "p [derived]"}) or
 * simplified, without bracketed and parenthesised annotations ({@code "p"}, {@code "expected
 * g_a"}). A name that occurs twice is ambiguous: use {@link #section} to look only after a comment
 * line, or {@link #hexAll}. Lines starting with {@code #} are comments, readable through {@link
 * #comment}.
 */
public final class Vectors {

  /** One named value, with its 1-based line number for error messages. */
  public record Entry(String name, String value, int line) {}

  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern FIELDS_STATEMENT =
      Pattern.compile("([\\w.\\-]+):\\s+((?:\\w+=\\S+\\s*)+)");
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
  private static final Pattern ASSIGN = Pattern.compile("\\s+=\\s+");
  // A value followed by the next name: "0a1b iv", "65537, n(decimal)", "-5 (0xfb as hex), e".
  private static final Pattern CHAINED =
      Pattern.compile("(-?[0-9a-fA-F]+(?:\\s*\\([^)]*\\))?),?\\s+([A-Za-z_]\\w*(?:\\([^)]*\\))?)");
  private static final Pattern HEX_RUN = Pattern.compile("[0-9a-fA-F]+(?:\\s+[0-9a-fA-F]+)*");
  private static final Pattern SEQ = Pattern.compile("seq\\((\\d+)\\)");
  private static final Pattern ANNOTATION = Pattern.compile("\\s*(\\[[^\\]]*\\]|\\([^)]*\\))");

  private final String file;
  private final List<Entry> entries;
  private final List<Comment> comments;

  private record Comment(String text, int entriesBefore) {}

  private Vectors(String file, List<Entry> entries, List<Comment> comments) {
    this.file = file;
    this.entries = entries;
    this.comments = comments;
  }

  /** Loads {@code /vectors/<fileName>} from the test class path. */
  public static Vectors load(String fileName) {
    String resource = "/vectors/" + fileName;
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return parse(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses vector text; {@code fileName} only names it in error messages. */
  public static Vectors parse(String fileName, String text) {
    List<Entry> entries = new ArrayList<>();
    List<Comment> comments = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        comments.add(new Comment(line.substring(1).strip(), entries.size()));
        continue;
      }
      int comment = indexOfTrailingComment(line);
      if (comment >= 0) {
        line = line.substring(0, comment).strip();
      }
      for (String statement : line.split(";")) {
        parseStatement(statement.strip(), i + 1, entries);
      }
    }
    return new Vectors(fileName, List.copyOf(entries), List.copyOf(comments));
  }

  private static int indexOfTrailingComment(String line) {
    for (int i = 1; i < line.length(); i++) {
      if (line.charAt(i) == '#' && Character.isWhitespace(line.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }

  private static void parseStatement(String statement, int line, List<Entry> out) {
    if (statement.isEmpty()) {
      return;
    }
    Matcher fields = FIELDS_STATEMENT.matcher(statement);
    if (fields.matches() && !ASSIGN.matcher(statement).find()) {
      Matcher field = FIELD.matcher(fields.group(2));
      while (field.find()) {
        out.add(new Entry(fields.group(1) + "." + field.group(1), field.group(2), line));
      }
      return;
    }
    String[] parts = ASSIGN.split(statement);
    if (parts.length < 2) {
      return; // free text without a value
    }
    String name = parts[0].strip();
    String prefix = name.contains(": ") ? name.substring(0, name.lastIndexOf(": ") + 2) : "";
    for (int p = 1; p < parts.length - 1; p++) {
      Matcher chained = CHAINED.matcher(parts[p].strip());
      if (chained.matches()) {
        out.add(new Entry(name, chained.group(1), line));
        name = prefix + chained.group(2);
      }
      // otherwise parts[p] describes how the value was made ("seq(256)", "SHA1(auth_key)[12:20]")
    }
    out.add(new Entry(name, parts[parts.length - 1].strip(), line));
  }

  /**
   * Only the entries after the first comment line containing {@code marker}, for files that repeat
   * names in a later part ({@code section("[generated here]")}).
   */
  public Vectors section(String marker) {
    for (Comment c : comments) {
      if (c.text().contains(marker)) {
        List<Comment> later = new ArrayList<>();
        for (Comment d : comments) {
          if (d.entriesBefore() >= c.entriesBefore()) {
            later.add(new Comment(d.text(), d.entriesBefore() - c.entriesBefore()));
          }
        }
        return new Vectors(
            file + " after '" + marker + "'",
            entries.subList(c.entriesBefore(), entries.size()),
            List.copyOf(later));
      }
    }
    throw new IllegalArgumentException(file + " has no comment containing '" + marker + "'");
  }

  /** The bytes of {@code name}'s hex value (spaces ignored) or {@code seq(n)}. */
  public byte[] hex(String name) {
    return toBytes(one(name));
  }

  /** The bytes of every entry named {@code name}, in file order. */
  public List<byte[]> hexAll(String name) {
    return matching(name).stream().map(Vectors::toBytes).toList();
  }

  /** The raw text of {@code name}'s value, for values that are not hex (numbers, ascii(...)). */
  public String text(String name) {
    return one(name).value();
  }

  /** The first comment line (without {@code #}) containing {@code marker}. */
  public String comment(String marker) {
    return comments.stream()
        .map(Comment::text)
        .filter(t -> t.contains(marker))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(file + " has no comment containing '" + marker + "'"));
  }

  /** Every name, in file order, without repeats. */
  public List<String> names() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    entries.forEach(e -> names.add(e.name()));
    return List.copyOf(names);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Parses hexadecimal text, ignoring whitespace. */
  public static byte[] hexBytes(String hex) {
    return HEX.parseHex(hex.replaceAll("\\s+", ""));
  }

  /** Bytes {@code 00 01 02 .. n-1}, the {@code seq(n)} of the vector files. */
  public static byte[] seq(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  private Entry one(String name) {
    List<Entry> found = matching(name);
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          file
              + ": '"
              + name
              + "' is ambiguous, it occurs on lines "
              + found.stream().map(e -> String.valueOf(e.line())).toList()
              + "; use section(...) or hexAll(...)");
    }
    return found.get(0);
  }

  private List<Entry> matching(String name) {
    List<Entry> exact = entries.stream().filter(e -> e.name().equals(name)).toList();
    if (!exact.isEmpty()) {
      return exact;
    }
    String wanted = simplify(name);
    List<Entry> simplified =
        entries.stream().filter(e -> simplify(e.name()).equals(wanted)).toList();
    if (simplified.isEmpty()) {
      throw new IllegalArgumentException(
          file + " has no value named '" + name + "'; names: " + names());
    }
    return simplified;
  }

  private static String simplify(String name) {
    return ANNOTATION.matcher(name).replaceAll("").replaceAll("\\s+", " ").strip();
  }

  private static byte[] toBytes(Entry e) {
    String v = e.value();
    Matcher seq = SEQ.matcher(v);
    if (seq.matches()) {
      return seq(Integer.parseInt(seq.group(1)));
    }
    if (!HEX_RUN.matcher(v).matches() || v.replaceAll("\\s+", "").length() % 2 != 0) {
      throw new IllegalArgumentException(
          "'" + e.name() + "' on line " + e.line() + " is not hex: " + v);
    }
    return hexBytes(v);
  }
}
