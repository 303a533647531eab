package dev.tgkit.tl.generator;

import static dev.tgkit.tl.generator.JavaTypes.LIST;
import static dev.tgkit.tl.generator.JavaTypes.RT;

import dev.tgkit.tl.generator.JavaModel.CtorInfo;
import dev.tgkit.tl.generator.JavaModel.Member;
import dev.tgkit.tl.generator.JavaModel.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the record of one constructor or function: its Javadoc and components, {@code
 * CONSTRUCTOR_ID}, the compact constructor's checks, the wire methods ({@link WireEmitter}), a
 * function's {@code tlName} and {@code wrapped}, a {@code toString} that hides secrets, and the
 * builder of a record with optional fields or many components ({@link BuilderEmitter}).
 */
final class RecordEmitter {

  private final CtorInfo c;
  private final Definition d;
  private final JavaFile f;
  private final boolean function;
  private final List<Member> components;
  private final WireEmitter wire;
  private final Shape resultShape;
  private final String resultType;

  RecordEmitter(JavaModel model, CtorInfo c, JavaFile f) {
    this.c = c;
    this.d = c.def;
    this.f = f;
    this.function = c.type == null;
    this.components = c.components();
    this.wire = new WireEmitter(model, c, f);
    this.resultShape = function ? model.resultShape(d) : null;
    this.resultType = !function ? null
        : resultShape instanceof Shape.Query q ? q.var() : JavaTypes.of(resultShape, true, f);
  }

  void emit() {
    javadoc();
    declaration();
    f.indent();
    f.blank();
    f.line("/** The constructor id of {@code " + d.name() + "}. */");
    f.line("public static final int CONSTRUCTOR_ID = " + Emitter.hex(d.id()) + ";");

    compactConstructor();

    f.blank();
    f.line(Emitter.OVERRIDE);
    f.open("public int constructorId()");
    f.line("return CONSTRUCTOR_ID;");
    f.close();

    f.blank();
    wire.serializeBare();
    f.blank();
    wire.readBare();

    if (function) {
      f.blank();
      wire.readResult(resultShape, resultType);
      functionNames();
    }

    if (components.stream().anyMatch(Member::secret)) {
      redactedToString();
    }

    if (c.hasBuilder()) {
      new BuilderEmitter(c, f, components).emit();
    }

    wire.loops();
    f.close();
  }

  private void javadoc() {
    f.line("/**");
    f.line(" * TL " + (function ? "function" : "constructor") + " {@code " + d.tl() + "}.");
    f.line(" *");
    if (function) {
      f.line(" * <p>Answered with {@code " + d.result().tl() + "}. See <a href=\"https://core.telegram.org/method/" + d.name()
          + "\">core.telegram.org/method/" + d.name() + "</a>.");
    } else {
      f.line(" * <p>One of the constructors of {@link " + c.type.simpleName + "}. See <a href=\"https://core.telegram.org/constructor/"
          + d.name() + "\">core.telegram.org/constructor/" + d.name() + "</a>.");
    }
    if (!d.explicitId()) {
      f.line(" *");
      f.line(" * <p>The schema gives no id; {@link #CONSTRUCTOR_ID} is the CRC32 of the canonical definition.");
    }
    if (!components.isEmpty() || !d.typeParams().isEmpty()) {
      f.line(" *");
    }
    for (String v : d.typeParams()) {
      f.line(" * @param <" + v + "> the result type of the wrapped query");
    }
    for (Member m : components) {
      f.line(" * @param " + m.javaName() + " " + fieldDoc(m) + (m.secret() ? "; secret, hidden by {@link #toString()}" : ""));
    }
    f.line(" */");
    f.line(Emitter.GENERATED);
  }

  private void declaration() {
    String typeVars = d.typeParams().isEmpty() ? "" : "<" + String.join(", ", d.typeParams()) + ">";
    String implemented = function ? f.ref(RT + "TlFunction") + "<" + resultType + ">" : c.type.simpleName;
    String decl = "public record " + c.simpleName + typeVars + "(";
    if (components.isEmpty()) {
      f.line(decl + ") implements " + implemented + " {");
      return;
    }
    f.line(decl);
    for (int i = 0; i < components.size(); i++) {
      Member m = components.get(i);
      boolean last = i == components.size() - 1;
      f.line("    " + JavaTypes.component(m, f) + " " + m.javaName() + (last ? ") implements " + implemented + " {" : ","));
    }
  }

  /**
   * Javadoc naming a field as the schema writes it and, for a conditional field, the flag bit
   * that says it is present: "{@code reply_to:flags.0?InputReplyTo}: optional, present when bit 0
   * of {@code flags} is set".
   */
  static String fieldDoc(Member m) {
    Field fd = m.field();
    String doc = "{@code " + fd.tl() + "}";
    if (m.shape() instanceof Shape.TrueFlag) {
      doc += ": whether bit " + fd.condition().bit() + " of {@code " + fd.condition().flagsField() + "} is set";
    } else if (m.isOptional()) {
      doc += ": optional, present when bit " + fd.condition().bit() + " of {@code " + fd.condition().flagsField() + "} is set";
    }
    return doc;
  }

  private void compactConstructor() {
    List<String> body = new ArrayList<>();
    for (Member m : components) {
      String n = m.javaName();
      if (nonNull(m)) {
        body.add("java.util.Objects.requireNonNull(" + n + ", \"" + n + " must not be null\");");
      }
      if (m.shape() instanceof Shape.Vec) {
        body.add(n + " = " + (m.isOptional() ? n + " == null ? null : " : "") + LIST + ".copyOf(" + n + ");");
      }
    }
    // Fields sharing one flag bit travel together: the bit says all of them are there, or none.
    for (Map.Entry<String, List<Member>> e : sharedBits(components).entrySet()) {
      List<Member> group = e.getValue();
      String first = WireEmitter.presence(group.get(0));
      List<String> differs = new ArrayList<>();
      List<String> states = new ArrayList<>();
      for (int i = 1; i < group.size(); i++) {
        differs.add(first + " != " + paren(WireEmitter.presence(group.get(i))));
      }
      for (Member m : group) {
        states.add("\"" + m.javaName() + (m.shape() instanceof Shape.TrueFlag ? "=\" + " + m.javaName() : " \" + (" + m.javaName() + " != null ? \"present\" : \"absent\")"));
      }
      String names = String.join(", ", group.stream().map(Member::javaName).toList());
      body.add("if (" + String.join(" || ", differs) + ") {");
      body.add("  throw new java.lang.IllegalArgumentException(");
      body.add("      \"" + names + " share flag bit " + e.getKey() + " of " + d.name()
          + ", so give all of them or none (a true flag counts when true); got \"");
      for (int i = 0; i < states.size(); i++) {
        body.add("          + " + (i == 0 ? "" : "\", \" + ") + states.get(i) + (i == states.size() - 1 ? ");" : ""));
      }
      body.add("}");
    }
    if (body.isEmpty()) {
      return;
    }
    f.blank();
    f.open("public " + c.simpleName);
    for (String line : body) {
      f.line(line);
    }
    f.close();
  }

  /** Whether the constructor rejects a {@code null} {@code m}: a required field of a reference type. */
  static boolean nonNull(Member m) {
    boolean reference = !(m.shape() instanceof Shape.TrueFlag)
        && !(m.shape() instanceof Shape.Scalar s && s.builtin().primitive != null);
    return !m.isOptional() && reference;
  }

  /**
   * The conditional components that share a flag bit with another, by bit ({@code flags.8}), in
   * schema order: the record's constructor checks that each group is all present or all absent.
   */
  static Map<String, List<Member>> sharedBits(List<Member> components) {
    Map<String, List<Member>> byBit = new LinkedHashMap<>();
    for (Member m : components) {
      if (m.field().isConditional()) {
        Field.Condition cond = m.field().condition();
        byBit.computeIfAbsent(cond.flagsField() + "." + cond.bit(), k -> new ArrayList<>()).add(m);
      }
    }
    byBit.values().removeIf(group -> group.size() < 2);
    return byBit;
  }

  private static String paren(String expr) {
    return expr.contains(" ") ? "(" + expr + ")" : expr;
  }

  /** A function's {@code tlName}, and {@code wrapped} when it carries a {@code !X} query. */
  private void functionNames() {
    f.blank();
    f.line(Emitter.OVERRIDE);
    f.open("public String tlName()");
    f.line("return \"" + d.name() + "\";");
    f.close();

    Member wrapped = c.members.stream().filter(m -> m.shape() instanceof Shape.Query).findFirst().orElse(null);
    if (wrapped != null) {
      f.blank();
      f.line("/** The query this invocation wrapper carries, whose answer and errors are its own. */");
      f.line(Emitter.OVERRIDE);
      f.open("public " + f.ref(RT + "TlFunction") + "<?> wrapped()");
      f.line("return " + wrapped.javaName() + ";");
      f.close();
    }
  }

  private void redactedToString() {
    List<String> secret = components.stream().filter(Member::secret).map(m -> m.field().name()).toList();
    f.blank();
    f.line("/**");
    f.line(" * The record's usual text, except that the secret fields (" + String.join(", ", secret.stream().map(n -> "{@code " + n + "}").toList()) + ")");
    f.line(" * show as {@code <redacted>}, so logging this value leaks nothing.");
    f.line(" */");
    f.line(Emitter.OVERRIDE);
    f.open("public java.lang.String toString()");
    f.line("return \"" + c.simpleName + "[\"");
    for (int i = 0; i < components.size(); i++) {
      Member m = components.get(i);
      String label = (i == 0 ? "" : ", ") + m.javaName() + "=";
      String value;
      if (!m.secret()) {
        value = "\"" + label + "\" + " + m.javaName();
      } else if (m.isOptional()) {
        value = "\"" + label + "\" + (" + m.javaName() + " == null ? \"null\" : \"<redacted>\")";
      } else {
        value = "\"" + label + "<redacted>\"";
      }
      f.line("    + " + value);
    }
    f.line("    + \"]\";");
    f.close();
  }
}
