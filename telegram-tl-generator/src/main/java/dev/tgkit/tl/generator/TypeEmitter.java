package dev.tgkit.tl.generator;

import static dev.tgkit.tl.generator.JavaTypes.LIST;
import static dev.tgkit.tl.generator.JavaTypes.RT;

import dev.tgkit.tl.generator.JavaModel.CtorInfo;
import dev.tgkit.tl.generator.JavaModel.Member;
import dev.tgkit.tl.generator.JavaModel.Shape;
import dev.tgkit.tl.generator.JavaModel.TypeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the sealed interface of one boxed type: the accessors all its constructors share, and
 * {@code read} (dispatch on the constructor id), {@code readVector} and {@code writeVector}.
 */
final class TypeEmitter {

  private final TypeInfo t;
  private final JavaFile f;
  private final String schemaFile;

  TypeEmitter(TypeInfo t, JavaFile f, String schemaFile) {
    this.t = t;
    this.f = f;
    this.schemaFile = schemaFile;
  }

  void emit() {
    String name = t.simpleName;
    f.line("/**");
    f.line(" * TL type {@code " + t.tlName + "}, one of:");
    f.line(" *");
    f.line(" * <ul>");
    for (CtorInfo c : t.constructors) {
      f.line(" *   <li>{@link " + c.simpleName + "}: {@code " + c.def.name() + "}");
    }
    f.line(" * </ul>");
    f.line(" *");
    f.line(" * <p>Generated from {@code " + schemaFile + "}; see <a href=\"https://core.telegram.org/type/" + t.tlName
        + "\">core.telegram.org/type/" + t.tlName + "</a>.");
    f.line(" */");
    f.line(Emitter.GENERATED);
    f.line("public sealed interface " + name + " extends " + f.ref(RT + "TlObject") + " permits");
    for (int i = 0; i < t.constructors.size(); i++) {
      boolean last = i == t.constructors.size() - 1;
      f.line("    " + t.constructors.get(i).simpleName + (last ? " {" : ","));
    }
    f.indent();
    f.blank();

    for (Member shared : sharedComponents()) {
      f.line("/** The {@code " + shared.field().name() + "} that every constructor of {@code " + t.tlName + "} has. */");
      f.line(JavaTypes.component(shared, f) + " " + shared.javaName() + "();");
      f.blank();
    }
    read();
    f.blank();
    vectors();
    f.close();
  }

  private void read() {
    String name = t.simpleName;
    String reader = f.ref(RT + "TlReader");
    f.line("/**");
    f.line(" * Reads a boxed {@code " + t.tlName + "}: a constructor id, then that constructor's fields. A");
    f.line(" * {@code gzip_packed} wrapper is unpacked.");
    if (t.recursive) {
      f.line(" *");
      f.line(" * <p>Values of this type can nest; the depth is bounded by {@link " + reader + "#MAX_DEPTH}.");
    }
    f.line(" *");
    f.line(" * @throws " + f.ref(RT + "TlDecodeException") + " if the bytes are not a valid {@code " + t.tlName + "} value");
    f.line(" */");
    f.open("static " + name + " read(" + reader + " in)");
    f.line("int at = in.position();");
    f.line("int id = in.readInt();");
    if (t.recursive) {
      f.line("in.enterObject(at);");
      f.open(name + " value = switch (id)");
    } else {
      f.open("return switch (id)");
    }
    for (CtorInfo c : t.constructors) {
      f.line("case " + c.simpleName + ".CONSTRUCTOR_ID -> " + c.simpleName + ".readBare(in);");
    }
    f.line("case " + f.ref(RT + "GzipPacked") + ".CONSTRUCTOR_ID -> read(in.inflateNested(at));");
    f.line("default -> throw in.unknownConstructor(id, \"" + t.tlName + "\", at);");
    f.close(";");
    if (t.recursive) {
      f.line("in.exitObject();");
      f.line("return value;");
    }
    f.close();
  }

  private void vectors() {
    String name = t.simpleName;
    String reader = f.ref(RT + "TlReader");
    f.line("/** Reads a boxed {@code Vector<" + t.tlName + ">}, unpacking {@code gzip_packed}. */");
    f.open("static " + LIST + "<" + name + "> readVector(" + reader + " in)");
    f.line(reader + " body = in.openVector(\"Vector<" + t.tlName + ">\");");
    f.line("int count = body.readVectorCount();");
    f.line(name + "[] items = new " + name + "[count];");
    f.open("for (int i = 0; i < count; i++)");
    f.line("items[i] = read(body);");
    f.close();
    f.line("return " + LIST + ".of(items);");
    f.close();
    f.blank();

    f.line("/** Writes {@code list} as a boxed {@code Vector<" + t.tlName + ">}. */");
    f.open("static void writeVector(" + f.ref(RT + "TlWriter") + " out, " + LIST + "<? extends " + name + "> list)");
    f.line("int count = list.size();");
    f.line("out.writeInt(" + reader + ".VECTOR).writeInt(count);");
    f.open("for (int i = 0; i < count; i++)");
    f.line("list.get(i).serialize(out);");
    f.close();
    f.close();
  }

  /**
   * The components that every constructor of the type has, with the same name and Java type, so
   * that the interface can declare their accessors (each record's implements it): {@code
   * MessageEntity.offset()} rather than a switch over 25 records. Only for types of two or more
   * constructors; in the first constructor's order.
   */
  private List<Member> sharedComponents() {
    if (t.constructors.size() < 2) {
      return List.of();
    }
    List<Member> shared = new ArrayList<>();
    for (Member m : t.constructors.getFirst().members) {
      if (!m.isComponent() || m.shape() instanceof Shape.Query) {
        continue;
      }
      boolean everywhere = t.constructors.stream().allMatch(c -> c.members.stream().anyMatch(o ->
          o.isComponent() && o.javaName().equals(m.javaName()) && o.shape().equals(m.shape())
              && o.isOptional() == m.isOptional()));
      if (everywhere) {
        shared.add(m);
      }
    }
    return shared;
  }
}
