package dev.tgkit.tl.generator;

import static dev.tgkit.tl.generator.JavaModel.BUILDER;

import dev.tgkit.tl.generator.JavaModel.CtorInfo;
import dev.tgkit.tl.generator.JavaModel.Member;
import java.util.List;
import java.util.Map;

/**
 * Writes the named construction of a record with optional fields: a static {@code builder(...)}
 * that takes the required fields in schema order, and a nested {@code Builder} with one setter
 * per optional field or true flag, named after the component, and {@code build()}:
 *
 * <pre>
 *   SendMessage.builder(peer, message, randomId).silent(true).replyTo(r).build()
 * </pre>
 *
 * <p>{@code build()} calls the canonical constructor, so the record's checks (required fields
 * non-null, fields sharing a flag bit all present or all absent) hold however it was built. A
 * {@code {X:Type}} function's builder is generic like its record ({@code
 * InitConnection.builder(apiId, ..., query)} is a {@code Builder<X>}).
 *
 * <p>The builder has no {@code toString}: {@code Object}'s prints no field, so a builder holding a
 * phone number or a code leaks it no more than the record's redacting {@code toString} does.
 */
final class BuilderEmitter {

  private final CtorInfo c;
  private final JavaFile f;
  private final List<Member> components;
  private final List<Member> required;
  private final String typeVars;
  private final String builderType;

  BuilderEmitter(CtorInfo c, JavaFile f, List<Member> components) {
    this.c = c;
    this.f = f;
    this.components = components;
    this.required = components.stream().filter(m -> !m.field().isConditional()).toList();
    List<String> vars = c.def.typeParams();
    this.typeVars = vars.isEmpty() ? "" : "<" + String.join(", ", vars) + ">";
    this.builderType = BUILDER + typeVars;
  }

  void emit() {
    factory();
    f.blank();
    builderClass();
  }

  private void factory() {
    String diamond = typeVars.isEmpty() ? "" : "<>";
    f.blank();
    f.line("/**");
    if (required.isEmpty()) {
      f.line(" * A {@link " + BUILDER + "} of {@code " + c.def.name() + "}: every optional field starts absent and");
      f.line(" * every true flag unset.");
    } else {
      f.line(" * A {@link " + BUILDER + "} of {@code " + c.def.name() + "}, seeded with its required fields: every");
      f.line(" * optional field starts absent and every true flag unset.");
    }
    if (!required.isEmpty() || !typeVars.isEmpty()) {
      f.line(" *");
    }
    typeParamDocs();
    for (Member m : required) {
      f.line(" * @param " + m.javaName() + " " + RecordEmitter.fieldDoc(m));
    }
    f.line(" */");
    String generic = typeVars.isEmpty() ? "" : typeVars + " ";
    f.call("public static " + generic + builderType + " builder(", required.stream().map(this::parameter).toList(), ") {");
    f.indent();
    f.call("return new " + BUILDER + diamond + "(", required.stream().map(Member::javaName).toList(), ");");
    f.close();
  }

  private void builderClass() {
    List<String> secret = components.stream().filter(Member::secret).map(m -> "{@code " + m.field().name() + "}").toList();
    f.line("/**");
    f.line(" * Builds {@link " + c.simpleName + "} values by naming the optional fields and true flags they set,");
    f.line(" * instead of passing {@code null} or {@code false} for each one left out. Made by {@link");
    f.line(" * " + c.simpleName + "#builder}; {@link #build()} calls the record's constructor, so its checks apply.");
    if (!secret.isEmpty()) {
      f.line(" *");
      f.line(" * <p>It has no {@code toString} of its own, so the secret fields (" + String.join(", ", secret) + ") it");
      f.line(" * holds cannot reach a log through it.");
    }
    if (!typeVars.isEmpty()) {
      f.line(" *");
    }
    typeParamDocs();
    f.line(" */");
    f.open("public static final class " + builderType);
    f.blank();
    for (Member m : components) {
      f.line("private " + (m.field().isConditional() ? "" : "final ") + parameter(m) + ";");
    }
    f.blank();
    if (required.isEmpty()) {
      f.line("private " + BUILDER + "() {}");
    } else {
      f.call("private " + BUILDER + "(", required.stream().map(this::parameter).toList(), ") {");
      f.indent();
      for (Member m : required) {
        f.line("this." + m.javaName() + " = " + m.javaName() + ";");
      }
      f.close();
    }

    Map<String, List<Member>> shared = RecordEmitter.sharedBits(components);
    for (Member m : components) {
      if (m.field().isConditional()) {
        f.blank();
        setter(m, shared);
      }
    }
    f.blank();
    build(shared);
    f.close();
  }

  private void setter(Member m, Map<String, List<Member>> shared) {
    String n = m.javaName();
    Field.Condition cond = m.field().condition();
    String bit = "bit " + cond.bit() + " of {@code " + cond.flagsField() + "}";
    String doc = "Sets {@code " + m.field().tl() + "}: "
        + (m.isOptional() ? "sent with " + bit + " set; absent by default and when {@code null}" : bit + ", unset by default");
    List<Member> group = shared.get(cond.flagsField() + "." + cond.bit());
    if (group != null) {
      List<String> others = group.stream().filter(o -> o != m).map(o -> "{@code " + o.javaName() + "}").toList();
      doc += "; shares the bit with " + String.join(", ", others) + ", so set " + (others.size() == 1 ? "both or neither" : "all or none");
    }
    f.line("/** " + doc + ". */");
    f.open("public " + builderType + " " + n + "(" + parameter(m) + ")");
    f.line("this." + n + " = " + n + ";");
    f.line("return this;");
    f.close();
  }

  private void build(Map<String, List<Member>> shared) {
    List<String> nonNull = required.stream().filter(RecordEmitter::nonNull).map(m -> "{@code " + m.javaName() + "}").toList();
    f.line("/**");
    f.line(" * The {@link " + c.simpleName + "} of these fields.");
    if (!nonNull.isEmpty() || !shared.isEmpty()) {
      f.line(" *");
    }
    if (!nonNull.isEmpty()) {
      f.line(" * @throws java.lang.NullPointerException if " + String.join(" or ", nonNull) + " is null");
    }
    for (List<Member> group : shared.values()) {
      String names = String.join(", ", group.stream().map(m -> "{@code " + m.javaName() + "}").toList());
      f.line(" * @throws java.lang.IllegalArgumentException unless " + names + ", which share a flag bit, are all set or all left out");
    }
    f.line(" */");
    String diamond = typeVars.isEmpty() ? "" : "<>";
    f.open("public " + c.simpleName + typeVars + " build()");
    f.call("return new " + c.simpleName + diamond + "(", components.stream().map(Member::javaName).toList(), ");");
    f.close();
  }

  private void typeParamDocs() {
    for (String v : c.def.typeParams()) {
      f.line(" * @param <" + v + "> the result type of the wrapped query");
    }
  }

  /** {@code m} declared as a parameter or field: its component type and name. */
  private String parameter(Member m) {
    return JavaTypes.component(m, f) + " " + m.javaName();
  }
}
