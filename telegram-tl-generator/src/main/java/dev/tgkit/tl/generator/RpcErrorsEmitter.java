package dev.tgkit.tl.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Writes {@code dev.tgkit.mtproto.RpcErrors}: a constant per RPC error name of {@code
 * rpc-errors.csv} ({@code name,codes,description}), holding the name as {@code RpcError.name()}
 * returns it, so callers write {@code e.is(RpcErrors.FLOOD_WAIT)} instead of a string literal.
 *
 * <p>The naming rule follows how {@code RpcError} parses what the server sends:
 *
 * <ul>
 *   <li>A name ending in {@code _X} stands for the name with a number appended ({@code
 *       FLOOD_WAIT_X} for {@code FLOOD_WAIT_31}); {@code RpcError.name()} drops that number, so
 *       the constant drops the {@code _X}: {@code FLOOD_WAIT = "FLOOD_WAIT"}. {@code RpcError}
 *       splits the number off only after a capital letter, so any other {@code _X} name fails
 *       the generator rather than yield a constant nothing ever equals.
 *   <li>A name that is not a Java identifier (it starts with a digit, or is a keyword) gets a
 *       leading underscore: {@code _2FA_CONFIRM_WAIT = "2FA_CONFIRM_WAIT"}.
 *   <li>A name with its number inside ({@code FILE_PART_X_MISSING}, recognized by a {@code
 *       {placeholder}} in its description) gets no constant: {@code RpcError.name()} keeps such a
 *       name whole, number included, so no constant could equal it. The class Javadoc lists them.
 *   <li>Two lines that give one name ({@code EMAIL_UNCONFIRMED} and {@code EMAIL_UNCONFIRMED_X})
 *       make one constant documented with both.
 * </ul>
 *
 * <p>Descriptions go into Javadoc escaped: HTML's {@code < > &}, {@code @} (which would start a
 * tag), {@code *}{@code /} (which would end the comment) and {@code \} (javac reads {@code \}{@code
 * u} as a Unicode escape even in comments).
 */
final class RpcErrorsEmitter {

  /** Package of the generated class: beside {@code RpcError}, whose names it lists. */
  static final String PACKAGE = "dev.tgkit.mtproto";
  static final String CLASS = "RpcErrors";

  private static final String HEADER = "name,codes,description";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern CODES = Pattern.compile("-?\\d+( -?\\d+)*");
  /** What {@code RpcError} requires before an appended {@code _<number>}: a capital letter. */
  private static final Pattern SPLITTABLE = Pattern.compile(".*[A-Z]");
  /** A value placeholder in a description, as {@code RpcError.description()} fills them in. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z_]+}");

  /** One line of the csv. */
  record Line(int number, String name, String codes, String description) {}

  /** A constant: its Java name, the value {@code RpcError.name()} returns, and the lines it stands for. */
  record Constant(String javaName, String value, List<Line> lines) {}

  private final String source;
  private final Map<String, Constant> constants = new TreeMap<>();
  private final List<Line> numberInside = new ArrayList<>();

  /**
   * @param source the csv's file name, for error messages and comments
   * @param csv its text
   * @throws SchemaException if a line is malformed or a name cannot become a constant
   */
  RpcErrorsEmitter(String source, String csv) {
    this.source = source;
    List<String> lines = csv.lines().toList();
    if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
      throw new SchemaException(source, 1, "the first line must be '" + HEADER + "'");
    }
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        add(parse(i + 1, lines.get(i)));
      }
    }
  }

  /** The number of constants. */
  int size() {
    return constants.size();
  }

  private Line parse(int number, String text) {
    List<String> fields = fields(number, text);
    if (fields.size() != 3) {
      throw new SchemaException(source, number, "expected 3 fields (" + HEADER + "), found " + fields.size());
    }
    Line line = new Line(number, fields.get(0), fields.get(1), fields.get(2));
    if (!NAME.matcher(line.name()).matches()) {
      throw new SchemaException(source, number, "error name '" + line.name() + "' has characters other than A-Z, a-z, 0-9 and _");
    }
    if (!CODES.matcher(line.codes()).matches()) {
      throw new SchemaException(source, number, "codes '" + line.codes() + "' of " + line.name() + " are not space-separated integers");
    }
    return line;
  }

  /** RFC 4180 fields of one line: commas split, double quotes group, {@code ""} is a quote. */
  private List<String> fields(int number, String text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new SchemaException(source, number, "a quoted field does not end on its line");
    }
    fields.add(field.toString());
    return fields;
  }

  private void add(Line line) {
    String value;
    if (line.name().endsWith("_X")) {
      value = line.name().substring(0, line.name().length() - 2);
      if (!SPLITTABLE.matcher(value).matches()) {
        throw new SchemaException(source, line.number(), line.name() + ": RpcError splits an appended number off only after a"
            + " capital letter, so '" + value + "_<n>' would keep its number and no constant could match it");
      }
    } else if (PLACEHOLDER.matcher(line.description()).find()) {
      numberInside.add(line);
      return;
    } else {
      value = line.name();
    }
    String javaName = SourceVersion.isName(value) ? value : "_" + value;
    Constant existing = constants.get(javaName);
    if (existing != null && !existing.value().equals(value)) {
      throw new SchemaException(source, line.number(), line.name() + " and " + existing.lines().getFirst().name()
          + " both become the constant " + javaName);
    }
    if (existing == null) {
      existing = new Constant(javaName, value, new ArrayList<>());
      constants.put(javaName, existing);
    }
    existing.lines().add(line);
  }

  /** The source of {@code RpcErrors}. */
  String emit() {
    JavaFile f = new JavaFile(PACKAGE, Set.of(CLASS), Set.of());
    f.line("/**");
    f.line(" * The names of the RPC errors Telegram documents, as {@link RpcError#name()} returns them: {@code");
    f.line(" * e.is(RpcErrors.FLOOD_WAIT)} says what it means and fails to compile when misspelt, where a string");
    f.line(" * literal would quietly never match.");
    f.line(" *");
    f.line(" * <p>A constant holds the name without the {@code _X} that stands for the number Telegram appends");
    f.line(" * ({@code FLOOD_WAIT_X} is {@code FLOOD_WAIT}, which {@code FLOOD_WAIT_31} matches, its 31 in {@link");
    f.line(" * RpcError#value()}). A name that is not a Java identifier starts with an underscore ({@code");
    f.line(" * 2FA_CONFIRM_WAIT_X} is {@code _2FA_CONFIRM_WAIT}).");
    if (!numberInside.isEmpty()) {
      f.line(" *");
      f.line(" * <p>No constant stands for the names that carry their number inside, which {@link RpcError#name()}");
      f.line(" * keeps whole, number included:");
      f.line(" *");
      f.line(" * <ul>");
      for (Line line : numberInside) {
        f.line(" *   <li>" + describe(line));
      }
      f.line(" * </ul>");
    }
    f.line(" *");
    f.line(" * <p>Generated from {@code " + source + "}, which {@link RpcError#description()} also reads; see <a");
    f.line(" * href=\"https://core.telegram.org/api/errors\">core.telegram.org/api/errors</a>.");
    f.line(" */");
    f.line(Emitter.GENERATED);
    f.open("public final class " + CLASS);
    f.blank();
    f.line("private " + CLASS + "() {}");
    for (Constant c : constants.values()) {
      f.blank();
      f.line("/**");
      for (int i = 0; i < c.lines().size(); i++) {
        Line line = c.lines().get(i);
        if (i > 0) {
          f.line(" *");
        }
        String appended = line.name().endsWith("_X") ? " Telegram appends a number, in {@link RpcError#value()}." : "";
        f.line(" * " + (i > 0 ? "<p>" : "") + describe(line) + appended);
      }
      f.line(" */");
      f.line("public static final String " + c.javaName() + " = \"" + c.value() + "\";");
    }
    f.close();
    return f.render("// Generated by " + Emitter.GENERATOR + " from " + source + ". Do not edit: change the list or the generator.\n\n");
  }

  /** "{@code NAME} (codes): description." */
  private static String describe(Line line) {
    String head = "{@code " + line.name() + "} (" + String.join(", ", line.codes().split(" ")) + ")";
    return line.description().isBlank() ? head + "." : head + ": " + javadoc(line.description());
  }

  /** {@code text} safe inside a Javadoc comment, ending with a period. */
  static String javadoc(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '@' -> b.append("&#64;");
        case '\\' -> b.append("&#92;");
        case '/' -> b.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
        default -> b.append(c);
      }
    }
    String escaped = b.toString().strip();
    return escaped.endsWith(".") ? escaped : escaped + ".";
  }
}
