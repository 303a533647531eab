package dev.tgkit.tl.generator;

import dev.tgkit.tl.generator.Definition.Kind;
import dev.tgkit.tl.generator.Field.Condition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a TL schema in the dialect of Telegram's {@code api.tl} and {@code mtproto.tl} (<a
 * href="https://core.telegram.org/mtproto/TL">core.telegram.org/mtproto/TL</a>).
 *
 * <p>Understood: {@code //} and {@code /* *}{@code /} comments; {@code ---types---} and {@code
 * ---functions---} sections; {@code name#id} with ids of one to eight hex digits, or no id at all
 * (then it is {@linkplain Definition#computedId() computed}); namespaces ({@code
 * messages.getHistory}); {@code {X:Type}} parameters with {@code !X}; {@code #} fields and {@code
 * flags.N?Type} conditional fields; {@code Vector<T>} and {@code vector<T>}; bare {@code %Type} and
 * constructor references; builtins declared with {@code ?}; the {@code // LAYER N} comment.
 *
 * <p>Not understood, and rejected with a {@link SchemaException} naming the line: repetitions
 * ({@code [ t ]}), anonymous fields and parameters other than {@code {X:Type}}. Only the builtin
 * {@code vector} uses them, and it is handled by the runtime.
 */
public final class TlParser {

  private static final Pattern LAYER = Pattern.compile("//\\s*LAYER\\s+(\\d+)\\s*");
  private static final Pattern NAME =
      Pattern.compile("(?:[A-Za-z_][A-Za-z0-9_]*\\.)*[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{1,8}");
  private static final Pattern CONDITION = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\.([0-9]+)");

  private final String source;
  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int layer = -1;
  private int next;

  private TlParser(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /**
   * Parses {@code text}.
   *
   * @param source the file's name, used in error messages
   * @throws SchemaException if the text is not valid TL of the dialect described above
   */
  public static Schema parse(String source, String text) {
    TlParser p = new TlParser(source, text);
    p.tokenize();
    return p.definitions();
  }

  private record Token(String text, int line, int start, int end) {
    boolean is(String s) {
      return text.equals(s);
    }

    boolean isWord() {
      char c = text.charAt(0);
      return Character.isLetterOrDigit(c) || c == '_';
    }
  }

  // ---- lexing ----

  private void tokenize() {
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        Matcher m = LAYER.matcher(text.substring(i, end).strip());
        if (m.matches()) {
          layer = Integer.parseInt(m.group(1));
        }
        i = end;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          throw error(line, "comment opened with /* is never closed");
        }
        for (int k = i; k < end; k++) {
          if (text.charAt(k) == '\n') {
            line++;
          }
        }
        i = end + 2;
      } else if (text.startsWith("---", i)) {
        int end = text.indexOf("---", i + 3);
        int eol = text.indexOf('\n', i);
        if (end < 0 || (eol >= 0 && end > eol)) {
          throw error(line, "section marker must look like ---types--- or ---functions---");
        }
        tokens.add(new Token(text.substring(i, end + 3), line, i, end + 3));
        i = end + 3;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.')) {
          i++;
        }
        tokens.add(new Token(text.substring(start, i), line, start, i));
      } else if ("#:?{}<>=!%;[]()".indexOf(c) >= 0) {
        tokens.add(new Token(String.valueOf(c), line, i, i + 1));
        i++;
      } else {
        throw error(line, "unexpected character '" + c + "'");
      }
    }
  }

  // ---- parsing ----

  private Schema definitions() {
    List<Definition> constructors = new ArrayList<>();
    List<Definition> functions = new ArrayList<>();
    Kind kind = Kind.CONSTRUCTOR;
    while (next < tokens.size()) {
      Token t = tokens.get(next);
      if (t.text().startsWith("---")) {
        kind = switch (t.text()) {
          case "---types---" -> Kind.CONSTRUCTOR;
          case "---functions---" -> Kind.FUNCTION;
          default -> throw error(t.line(), "unknown section " + t.text() + ": expected ---types--- or ---functions---");
        };
        next++;
        continue;
      }
      Definition d = definition(kind);
      (kind == Kind.CONSTRUCTOR ? constructors : functions).add(d);
    }
    return new Schema(source, constructors, functions, layer < 0 ? OptionalInt.empty() : OptionalInt.of(layer));
  }

  private Definition definition(Kind kind) {
    Token head = take("a constructor or function name");
    String name = head.text();
    if (!head.isWord() || !NAME.matcher(name).matches()) {
      throw error(head.line(), "expected a constructor or function name but found '" + name + "'");
    }
    String simple = name.substring(name.lastIndexOf('.') + 1);
    if (!Character.isLowerCase(simple.charAt(0))) {
      throw error(head.line(), "'" + name + "' must start with a lower-case letter: upper case names types, not " + (kind == Kind.FUNCTION ? "functions" : "constructors"));
    }
    int id = 0;
    boolean explicitId = false;
    if (peekIs("#") && peek().start() == head.end()) {
      Token hash = take("#");
      Token hex = take("a hexadecimal constructor id after '#'");
      if (hex.start() != hash.end() || !HEX_ID.matcher(hex.text()).matches()) {
        throw error(hash.line(), "'" + name + "#' must be followed directly by 1 to 8 hex digits, found '" + hex.text() + "'");
      }
      id = (int) Long.parseLong(hex.text(), 16);
      explicitId = true;
    }

    List<String> typeParams = new ArrayList<>();
    while (peekIs("{")) {
      Token open = take("{");
      Token param = take("a type parameter name");
      expect(":", "after type parameter '" + param.text() + "'");
      Token kindOf = take("a parameter kind");
      expect("}", "to close the type parameter");
      if (!IDENT.matcher(param.text()).matches()) {
        throw error(open.line(), "bad type parameter name '" + param.text() + "'");
      }
      if (!kindOf.is("Type")) {
        throw error(open.line(), "only {X:Type} parameters are supported, found {" + param.text() + ":" + kindOf.text() + "}");
      }
      if (typeParams.contains(param.text())) {
        throw error(open.line(), "type parameter " + param.text() + " declared twice");
      }
      typeParams.add(param.text());
    }

    boolean builtin = false;
    if (peekIs("?")) {
      take("?");
      builtin = true;
    }

    List<Field> fields = new ArrayList<>();
    Set<String> fieldNames = new HashSet<>();
    while (!peekIs("=")) {
      Token fieldName = take("a field or '='");
      if (fieldName.is("[") || fieldName.is("#")) {
        throw error(fieldName.line(), "'" + name + "' uses anonymous fields or repetitions ('" + fieldName.text() + "'), which only the builtin vector needs and this generator does not support");
      }
      if (!IDENT.matcher(fieldName.text()).matches()) {
        throw error(fieldName.line(), "expected a field name in '" + name + "' but found '" + fieldName.text() + "'");
      }
      expect(":", "after field name '" + fieldName.text() + "' of '" + name + "'");
      Condition condition = null;
      if (peek().isWord() && peekIs(1, "?")) {
        Token cond = take("a condition");
        Matcher m = CONDITION.matcher(cond.text());
        if (!m.matches()) {
          throw error(cond.line(), "condition of field '" + fieldName.text() + "' must look like flags.N?, found '" + cond.text() + "?'");
        }
        take("?");
        String flagsField = m.group(1);
        int bit = Integer.parseInt(m.group(2));
        boolean declared = fields.stream().anyMatch(f -> f.name().equals(flagsField) && f.isFlags());
        if (!declared) {
          throw error(cond.line(), "field '" + fieldName.text() + "' of '" + name + "' depends on '" + flagsField + "', which is not an earlier # field");
        }
        if (bit > 31) {
          throw error(cond.line(), "flag bit " + bit + " of field '" + fieldName.text() + "' is outside 0..31");
        }
        condition = new Condition(flagsField, bit);
      }
      TypeRef type;
      if (peekIs("#")) {
        Token hash = take("#");
        if (condition != null) {
          throw error(hash.line(), "a # field cannot itself be conditional ('" + fieldName.text() + "' of '" + name + "')");
        }
        type = new TypeRef.Nat();
      } else {
        type = type(typeParams, name);
      }
      if (!fieldNames.add(fieldName.text())) {
        throw error(fieldName.line(), "field '" + fieldName.text() + "' appears twice in '" + name + "'");
      }
      fields.add(new Field(fieldName.text(), type, condition));
    }
    take("=");
    Token resultStart = peek();
    TypeRef result = type(typeParams, name);
    if (result instanceof TypeRef.Query) {
      throw error(resultStart.line(), "'" + name + "' cannot return a serialized function (!X)");
    }
    if (kind == Kind.CONSTRUCTOR && !(result instanceof TypeRef.Named n && n.isBoxedName() && !n.bare())) {
      throw error(resultStart.line(), "constructor '" + name + "' must build a boxed type (upper-case name), not '" + result.tl() + "'");
    }
    expect(";", "to end the definition of '" + name + "'");
    Definition d = new Definition(name, id, explicitId, kind, typeParams, fields, result, builtin, source, head.line());
    if (!explicitId) {
      d = new Definition(name, d.computedId(), false, kind, typeParams, fields, result, builtin, source, head.line());
    }
    return d;
  }

  private TypeRef type(List<String> typeParams, String owner) {
    Token t = take("a type");
    if (t.is("!")) {
      Token var = take("a type parameter after '!'");
      if (!typeParams.contains(var.text())) {
        throw error(var.line(), "'!" + var.text() + "' in '" + owner + "' names no {" + var.text() + ":Type} parameter");
      }
      return new TypeRef.Query(var.text());
    }
    boolean bare = false;
    if (t.is("%")) {
      bare = true;
      t = take("a type name after '%'");
    }
    if (!t.isWord() || !NAME.matcher(t.text()).matches()) {
      throw error(t.line(), "expected a type in '" + owner + "' but found '" + t.text() + "'");
    }
    if (peekIs("<")) {
      Token open = take("<");
      if (bare || !(t.is("Vector") || t.is("vector"))) {
        throw error(open.line(), "only Vector<T> and vector<T> take a type argument, found '" + t.text() + "<' in '" + owner + "'");
      }
      TypeRef element = type(typeParams, owner);
      expect(">", "to close " + t.text() + "<" + element.tl());
      return new TypeRef.Vector(t.is("Vector"), element);
    }
    if (typeParams.contains(t.text())) {
      if (bare) {
        throw error(t.line(), "'%" + t.text() + "': a type parameter has no bare form");
      }
      return new TypeRef.Var(t.text());
    }
    return new TypeRef.Named(t.text(), bare);
  }

  // ---- token access ----

  private Token peek() {
    if (next >= tokens.size()) {
      int line = tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
      throw error(line, "unexpected end of schema: the last definition lacks its ';'");
    }
    return tokens.get(next);
  }

  private boolean peekIs(String s) {
    return peekIs(0, s);
  }

  private boolean peekIs(int ahead, String s) {
    return next + ahead < tokens.size() && tokens.get(next + ahead).is(s);
  }

  private Token take(String what) {
    if (next >= tokens.size()) {
      int line = tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
      throw error(line, "unexpected end of schema: expected " + what);
    }
    return tokens.get(next++);
  }

  private void expect(String s, String context) {
    Token t = take("'" + s + "' " + context);
    if (!t.is(s)) {
      throw error(t.line(), "expected '" + s + "' " + context + " but found '" + t.text() + "'");
    }
  }

  private SchemaException error(int line, String message) {
    return new SchemaException(source, line, message);
  }
}
