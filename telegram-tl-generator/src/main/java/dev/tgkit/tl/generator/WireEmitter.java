package dev.tgkit.tl.generator;

import static dev.tgkit.tl.generator.JavaTypes.LIST;
import static dev.tgkit.tl.generator.JavaTypes.RT;

import dev.tgkit.tl.generator.JavaModel.CtorInfo;
import dev.tgkit.tl.generator.JavaModel.Member;
import dev.tgkit.tl.generator.JavaModel.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes how one record meets the wire: {@code serializeBare} (flags words computed from which
 * optional fields are present), {@code readBare}, a function's {@code readResult}, and the
 * private vector loops those ask for.
 *
 * <p>Straight-line code over {@code TlReader}/{@code TlWriter}: no reflection, streams or lambdas,
 * so the JIT sees plain calls. Vectors go through {@code readVector}/{@code writeVector} of the
 * element's interface, the runtime's primitive-vector methods, or a private loop in the record,
 * written last by {@link #loops()}.
 */
final class WireEmitter {

  private final JavaModel model;
  private final CtorInfo c;
  private final JavaFile f;
  private final String reader;
  private final String writer;
  private final Map<String, Shape.Vec> readLoops = new LinkedHashMap<>();
  private final Map<String, Shape.Vec> writeLoops = new LinkedHashMap<>();

  WireEmitter(JavaModel model, CtorInfo c, JavaFile f) {
    this.model = model;
    this.c = c;
    this.f = f;
    this.reader = f.ref(RT + "TlReader");
    this.writer = f.ref(RT + "TlWriter");
  }

  void serializeBare() {
    f.line(Emitter.OVERRIDE);
    f.open("public void serializeBare(" + writer + " out)");
    for (Member m : c.members) {
      if (m.shape() instanceof Shape.Flags) {
        flagsWord(m);
      }
    }
    for (Member m : c.members) {
      switch (m.shape()) {
        case Shape.Flags fl -> f.line("out.writeInt(" + m.javaName() + ");");
        case Shape.TrueFlag t -> {}
        default -> {
          String stmt = writeStmt(m.shape(), m.javaName(), hint(m));
          if (m.isOptional()) {
            f.open("if (" + m.javaName() + " != null)");
            f.line(stmt);
            f.close();
          } else {
            f.line(stmt);
          }
        }
      }
    }
    f.close();
  }

  /** Declares the local {@code flags} word: the bit of every conditional field that is present. */
  private void flagsWord(Member flags) {
    List<String> bits = new ArrayList<>();
    for (Member o : c.members) {
      if (o.field().isConditional() && o.field().condition().flagsField().equals(flags.field().name())) {
        bits.add("(" + presence(o) + " ? " + bit(o.field().condition().bit()) + " : 0)");
      }
    }
    if (bits.isEmpty()) {
      f.line("int " + flags.javaName() + " = 0;");
    } else if (bits.size() == 1) {
      f.line("int " + flags.javaName() + " = " + bits.get(0) + ";");
    } else {
      f.line("int " + flags.javaName() + " =");
      for (int i = 0; i < bits.size(); i++) {
        f.line("    " + (i == 0 ? "" : "| ") + bits.get(i) + (i == bits.size() - 1 ? ";" : ""));
      }
    }
  }

  void readBare() {
    Definition d = c.def;
    Map<String, String> flagsLocals = new HashMap<>();
    for (Member m : c.members) {
      if (m.shape() instanceof Shape.Flags) {
        flagsLocals.put(m.field().name(), m.javaName());
      }
    }
    String wildcards = d.typeParams().isEmpty() ? "" : "<" + String.join(", ", d.typeParams().stream().map(v -> "?").toList()) + ">";
    f.line("/** Reads the fields of {@code " + d.name() + "}, its constructor id already consumed. */");
    f.open("public static " + c.simpleName + wildcards + " readBare(" + reader + " in)");
    for (Member m : c.members) {
      String n = m.javaName();
      switch (m.shape()) {
        case Shape.Flags fl -> f.line("int " + n + " = in.readInt();");
        case Shape.TrueFlag t -> f.line("boolean " + n + " = " + test(m, flagsLocals) + ";");
        default -> {
          String type = m.shape() instanceof Shape.Query ? f.ref(RT + "TlFunction") + "<?>" : JavaTypes.of(m.shape(), m.isOptional(), f);
          String read = readExpr(m.shape(), "in", hint(m));
          if (m.isOptional()) {
            f.line(type + " " + n + " = " + test(m, flagsLocals) + " ? " + read + " : null;");
          } else {
            f.line(type + " " + n + " = " + read + ";");
          }
        }
      }
    }
    String diamond = d.typeParams().isEmpty() ? "" : "<>";
    f.call("return new " + c.simpleName + diamond + "(", c.members.stream().filter(Member::isComponent).map(Member::javaName).toList(), ");");
    f.close();
  }

  /** A function's {@code readResult}: its boxed result, or for {@code !X} wrappers the query's. */
  void readResult(Shape resultShape, String resultType) {
    f.line(resultShape instanceof Shape.Query
        ? "/** Reads the answer, which is the answer of the wrapped query. */"
        : "/** Reads the answer, a boxed {@code " + c.def.result().tl() + "}. */");
    f.line(Emitter.OVERRIDE);
    f.open("public " + resultType + " readResult(" + reader + " in)");
    if (resultShape instanceof Shape.Query q) {
      Member query = c.members.stream()
          .filter(m -> m.shape() instanceof Shape.Query mq && mq.var().equals(q.var()))
          .findFirst()
          .orElseThrow();
      f.line("return " + query.javaName() + ".readResult(in);");
    } else {
      f.line("return " + readExpr(resultShape, "in", "Result") + ";");
    }
    f.close();
  }

  /** Whether {@code m} is present: set for a true flag, non-null for any other conditional field. */
  static String presence(Member m) {
    return m.shape() instanceof Shape.TrueFlag ? m.javaName() : m.javaName() + " != null";
  }

  private static String hint(Member m) {
    String n = m.javaName().endsWith("_") ? m.javaName().substring(0, m.javaName().length() - 1) : m.javaName();
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  private static String test(Member m, Map<String, String> flagsLocals) {
    Field.Condition cond = m.field().condition();
    return "(" + flagsLocals.get(cond.flagsField()) + " & " + bit(cond.bit()) + ") != 0";
  }

  private static String bit(int bit) {
    return bit == 0 ? "1" : "(1 << " + bit + ")";
  }

  private String readExpr(Shape s, String in, String hint) {
    return switch (s) {
      case Shape.Scalar sc -> in + ".read" + sc.builtin().method + "()";
      case Shape.Boxed b -> f.ref(b.type().fqcn()) + ".read(" + in + ")";
      case Shape.Bare b -> f.ref(b.ctor().fqcn()) + ".readBare(" + in + ")";
      case Shape.Query q -> f.ref(model.basePackage + "." + model.rootName) + ".readFunction(" + in + ")";
      case Shape.Vec v -> {
        if (v.boxed() && v.element() instanceof Shape.Scalar sc) {
          yield in + ".read" + sc.builtin().method + "Vector()";
        }
        if (v.boxed() && v.element() instanceof Shape.Boxed b) {
          yield f.ref(b.type().fqcn()) + ".readVector(" + in + ")";
        }
        readLoops.putIfAbsent("read" + hint, v);
        yield "read" + hint + "(" + in + ")";
      }
      case Shape.TrueFlag t -> throw new IllegalStateException("true flags are read from their bit");
      case Shape.Flags fl -> in + ".readInt()";
    };
  }

  private String writeStmt(Shape s, String value, String hint) {
    return switch (s) {
      case Shape.Scalar sc -> "out.write" + sc.builtin().method + "(" + value + ");";
      case Shape.Boxed b -> value + ".serialize(out);";
      case Shape.Bare b -> value + ".serializeBare(out);";
      case Shape.Query q -> value + ".serialize(out);";
      case Shape.Vec v -> {
        if (v.boxed() && v.element() instanceof Shape.Scalar sc) {
          yield "out.write" + sc.builtin().method + "Vector(" + value + ");";
        }
        if (v.boxed() && v.element() instanceof Shape.Boxed b) {
          yield f.ref(b.type().fqcn()) + ".writeVector(out, " + value + ");";
        }
        writeLoops.putIfAbsent("write" + hint, v);
        yield "write" + hint + "(out, " + value + ");";
      }
      case Shape.TrueFlag t -> throw new IllegalStateException("true flags are written as their bit");
      case Shape.Flags fl -> "out.writeInt(" + value + ");";
    };
  }

  /**
   * Writes the private vector loops the readers and writers asked for, until none is missing: a
   * loop over a vector of vectors asks for the inner one.
   */
  void loops() {
    Set<String> done = new HashSet<>();
    boolean more = true;
    while (more) {
      more = false;
      for (Map.Entry<String, Shape.Vec> e : new ArrayList<>(readLoops.entrySet())) {
        if (done.add(e.getKey())) {
          more = true;
          readLoop(e.getKey(), e.getValue());
        }
      }
      for (Map.Entry<String, Shape.Vec> e : new ArrayList<>(writeLoops.entrySet())) {
        if (done.add(e.getKey())) {
          more = true;
          writeLoop(e.getKey(), e.getValue());
        }
      }
    }
  }

  private void readLoop(String method, Shape.Vec v) {
    String element = JavaTypes.of(v.element(), true, f);
    String hint = method.substring("read".length());
    String tl = (v.boxed() ? "Vector<" : "vector<") + "...>";
    f.blank();
    f.open("private static " + LIST + "<" + element + "> " + method + "(" + reader + " in)");
    String body = "in";
    if (v.boxed()) {
      f.line(reader + " body = in.openVector(\"" + tl + "\");");
      body = "body";
    }
    f.line("int count = " + body + ".readVectorCount();");
    String read = readExpr(v.element(), body, hint + "Element");
    if (element.contains("<")) {
      f.line("java.util.ArrayList<" + element + "> items = new java.util.ArrayList<>(count);");
      f.open("for (int i = 0; i < count; i++)");
      f.line("items.add(" + read + ");");
      f.close();
      f.line("return " + LIST + ".copyOf(items);");
    } else {
      f.line(element + "[] items = new " + element + "[count];");
      f.open("for (int i = 0; i < count; i++)");
      f.line("items[i] = " + read + ";");
      f.close();
      f.line("return " + LIST + ".of(items);");
    }
    f.close();
  }

  private void writeLoop(String method, Shape.Vec v) {
    String element = JavaTypes.of(v.element(), true, f);
    String hint = method.substring("write".length());
    f.blank();
    f.open("private static void " + method + "(" + writer + " out, " + LIST + "<" + element + "> list)");
    f.line("int count = list.size();");
    if (v.boxed()) {
      f.line("out.writeInt(" + reader + ".VECTOR);");
    }
    f.line("out.writeInt(count);");
    f.open("for (int i = 0; i < count; i++)");
    f.line(writeStmt(v.element(), "list.get(i)", hint + "Element"));
    f.close();
    f.close();
  }
}
