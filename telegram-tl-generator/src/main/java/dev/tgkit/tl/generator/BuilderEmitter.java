package dev.tgkit.tl.generator;

import static dev.tgkit.tl.generator.JavaModel.BUILDER;

import dev.tgkit.tl.generator.JavaModel.CtorInfo;
import dev.tgkit.tl.generator.JavaModel.Member;
import dev.tgkit.tl.generator.JavaModel.Shape;
import java.util.List;
import java.util.Map;

/**
 * Writes the named construction of a record with optional fields or more than {@link
 * JavaModel#MOST_POSITIONAL} components: a static {@code builder(...)} and a nested {@code
 * Builder} with a setter per field it names, called after the component, and {@code build()}.
 *
 * <p>With at most {@link JavaModel#MOST_POSITIONAL} required fields, {@code builder(...)} takes
 * them in schema order and the setters name the optional fields and true flags:
 *
 * <pre>
 *   SendMessage.builder(peer, message, randomId).silent(true).replyTo(r).build()
 * </pre>
 *
 * <p>With more, {@code builder()} takes none and every field has a setter, since a row of
 * positional arguments is what the builder is there to replace; {@code build()} then fails with
 * the name of every required field left unset. It tracks them as {@code null}, so a primitive one
 * is held boxed: an {@code int} never set is not taken for 0. A {@code {X:Type}} function's
 * builder still takes its query, whose type fixes {@code X} ({@code InitConnection.builder(query)}
 * is a {@code Builder<X>}); without it {@code X} could not be inferred.
 *
 * <p>{@code build()} calls the canonical constructor, so the record's checks (required fields
 * non-null, fields sharing a flag bit all present or all absent) hold however it was built.
 *
 * <p>The builder has no {@code toString}: {@code Object}'s prints no field, so a builder holding a
 * phone number or a code leaks it no more than the record's redacting {@code toString} does.
 */
final class BuilderEmitter {

  private final CtorInfo c;
  private final JavaFile f;
  private final List<Member> components;
  /** The fields {@code builder(...)} takes, in schema order. */
  private final List<Member> seeded;
  /** The fields with a setter, in schema order. */
  private final List<Member> named;
  private final boolean namesRequired;
  private final String typeVars;
  private final String builderType;

  BuilderEmitter(CtorInfo c, JavaFile f, List<Member> components) {
    this.c = c;
    this.f = f;
    this.components = components;
    this.namesRequired = c.namesRequiredFields();
    this.seeded = components.stream()
        .filter(m -> namesRequired ? m.shape() instanceof Shape.Query : !m.field().isConditional())
        .toList();
    this.named = components.stream().filter(m -> !seeded.contains(m)).toList();
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
    boolean conditional = components.stream().anyMatch(m -> m.field().isConditional());
    String defaults = conditional ? " every optional field starts absent and every true flag unset." : "";
    f.blank();
    f.line("/**");
    String of = " * A {@link " + BUILDER + "} of {@code " + c.def.name() + "}";
    if (namesRequired) {
      f.line(of + (seeded.isEmpty() ? "" : ", seeded with its query") + ". Its {@link " + BUILDER + "#build()} fails");
      f.line(" * until every required field is set by name" + (conditional ? ";" + defaults : "."));
    } else if (seeded.isEmpty()) {
      f.line(of + ":" + defaults);
    } else {
      f.line(of + ", seeded with its required fields:" + defaults);
    }
    if (!seeded.isEmpty() || !typeVars.isEmpty()) {
      f.line(" *");
    }
    typeParamDocs();
    for (Member m : seeded) {
      f.line(" * @param " + m.javaName() + " " + RecordEmitter.fieldDoc(m));
    }
    f.line(" */");
    String generic = typeVars.isEmpty() ? "" : typeVars + " ";
    f.call("public static " + generic + builderType + " builder(", seeded.stream().map(this::parameter).toList(), ") {");
    f.indent();
    f.call("return new " + BUILDER + diamond + "(", seeded.stream().map(Member::javaName).toList(), ");");
    f.close();
  }

  private void builderClass() {
    List<String> secret = components.stream().filter(Member::secret).map(m -> "{@code " + m.field().name() + "}").toList();
    f.line("/**");
    if (namesRequired) {
      f.line(" * Builds {@link " + c.simpleName + "} values by naming every field they set, required or not,");
      f.line(" * instead of passing " + components.size() + " values by position. Made by {@link " + c.simpleName + "#builder};");
      f.line(" * {@link #build()} checks that every required field was set, then calls the record's");
      f.line(" * constructor, so its checks apply.");
    } else {
      f.line(" * Builds {@link " + c.simpleName + "} values by naming the optional fields and true flags they set,");
      f.line(" * instead of passing {@code null} or {@code false} for each one left out. Made by {@link");
      f.line(" * " + c.simpleName + "#builder}; {@link #build()} calls the record's constructor, so its checks apply.");
    }
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
    for (Member m : seeded) {
      f.line("private final " + parameter(m) + ";");
    }
    for (Member m : named) {
      f.line("private " + held(m) + " " + m.javaName() + ";");
    }
    f.blank();
    if (seeded.isEmpty()) {
      f.line("private " + BUILDER + "() {}");
    } else {
      f.call("private " + BUILDER + "(", seeded.stream().map(this::parameter).toList(), ") {");
      f.indent();
      for (Member m : seeded) {
        f.line("this." + m.javaName() + " = " + m.javaName() + ";");
      }
      f.close();
    }

    Map<String, List<Member>> shared = RecordEmitter.sharedBits(components);
    for (Member m : named) {
      f.blank();
      setter(m, shared);
    }
    f.blank();
    build(shared);
    f.close();
  }

  /**
   * How the builder holds a field it names: as the component, except a required field, which is
   * {@code @Nullable} and boxed so that {@code null} says it was never set.
   */
  private String held(Member m) {
    return m.field().isConditional() ? JavaTypes.component(m, f) : JavaTypes.nullable(JavaTypes.of(m.shape(), true, f), f);
  }

  private void setter(Member m, Map<String, List<Member>> shared) {
    String n = m.javaName();
    String doc = "Sets {@code " + m.field().tl() + "}: ";
    Field.Condition cond = m.field().condition();
    if (cond == null) {
      boolean primitive = m.shape() instanceof Shape.Scalar sc && sc.builtin().primitive != null;
      doc += "required, so {@link #build()} fails " + (primitive ? "until it is set" : "while it is unset or {@code null}");
    } else {
      String bit = "bit " + cond.bit() + " of {@code " + cond.flagsField() + "}";
      doc += m.isOptional() ? "sent with " + bit + " set; absent by default and when {@code null}" : bit + ", unset by default";
      List<Member> group = shared.get(cond.flagsField() + "." + cond.bit());
      if (group != null) {
        List<String> others = group.stream().filter(o -> o != m).map(o -> "{@code " + o.javaName() + "}").toList();
        doc += "; shares the bit with " + String.join(", ", others) + ", so set " + (others.size() == 1 ? "both or neither" : "all or none");
      }
    }
    f.line("/** " + doc + ". */");
    f.open("public " + builderType + " " + n + "(" + parameter(m) + ")");
    f.line("this." + n + " = " + n + ";");
    f.line("return this;");
    f.close();
  }

  private void build(Map<String, List<Member>> shared) {
    List<Member> unset = named.stream().filter(m -> !m.field().isConditional()).toList();
    List<String> nonNull = seeded.stream().filter(RecordEmitter::nonNull).map(m -> "{@code " + m.javaName() + "}").toList();
    f.line("/**");
    f.line(" * The {@link " + c.simpleName + "} of these fields.");
    if (!unset.isEmpty() || !nonNull.isEmpty() || !shared.isEmpty()) {
      f.line(" *");
    }
    if (!unset.isEmpty()) {
      f.line(" * @throws java.lang.IllegalStateException naming every required field left unset or {@code null}");
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
    if (!unset.isEmpty()) {
      // Fields are read through "this." here: the local list could share a field's name.
      f.line("java.util.List<java.lang.String> unset = new java.util.ArrayList<>();");
      for (Member m : unset) {
        f.open("if (this." + m.javaName() + " == null)");
        f.line("unset.add(\"" + m.javaName() + "\");");
        f.close();
      }
      f.open("if (!unset.isEmpty())");
      f.line("throw new java.lang.IllegalStateException(\"required fields of " + c.def.name()
          + " not set: \" + java.lang.String.join(\", \", unset));");
      f.close();
    }
    f.call("return new " + c.simpleName + diamond + "(", components.stream().map(m -> "this." + m.javaName()).toList(), ");");
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
