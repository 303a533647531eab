package dev.tgkit.tl.generator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One Java source file being written: its imports and an indented body.
 *
 * <p>{@link #ref} decides between an import and a fully qualified name, so a generated type whose
 * name matches a class of another package (a TL type {@code Bytes}, say) still compiles. Types of
 * {@code java.lang} and {@code java.util} are always written fully qualified by the emitter,
 * because TL names such as {@code Error} or {@code Object} shadow them.
 */
final class JavaFile {

  private final String pkg;
  private final Set<String> packageNames;
  private final Set<String> declared;
  private final Map<String, String> imports = new TreeMap<>();
  private final StringBuilder body = new StringBuilder(4096);
  private int indent;

  /**
   * @param pkg the file's package
   * @param packageNames simple names of every class in {@code pkg}, which imports must not shadow
   * @param declared simple names the file declares inside its class: type variables and nested
   *     classes ({@code X}, {@code Builder}), which hide any class of that name, even of {@code pkg}
   */
  JavaFile(String pkg, Set<String> packageNames, Set<String> declared) {
    this.pkg = pkg;
    this.packageNames = packageNames;
    this.declared = declared;
  }

  String pkg() {
    return pkg;
  }

  /** How this file refers to class {@code fqcn}: its simple name when possible, imported. */
  String ref(String fqcn) {
    int dot = fqcn.lastIndexOf('.');
    String owner = fqcn.substring(0, dot);
    String simple = fqcn.substring(dot + 1);
    if (declared.contains(simple)) {
      return fqcn;
    }
    if (owner.equals(pkg)) {
      return simple;
    }
    if (packageNames.contains(simple)) {
      return fqcn;
    }
    String existing = imports.putIfAbsent(simple, fqcn);
    return existing == null || existing.equals(fqcn) ? simple : fqcn;
  }

  JavaFile line(String s) {
    if (!s.isEmpty()) {
      body.repeat("  ", indent).append(s);
    }
    body.append('\n');
    return this;
  }

  JavaFile blank() {
    return line("");
  }

  /** Writes {@code prefix + args + suffix}, one argument per line when they do not fit one. */
  JavaFile call(String prefix, List<String> args, String suffix) {
    String one = prefix + String.join(", ", args) + suffix;
    if (one.length() <= 90) {
      return line(one);
    }
    line(prefix);
    for (int i = 0; i < args.size(); i++) {
      line("    " + args.get(i) + (i == args.size() - 1 ? suffix : ","));
    }
    return this;
  }

  /** Indents what follows, for a block whose opening line was written with {@link #line}. */
  JavaFile indent() {
    indent++;
    return this;
  }

  /** Writes {@code s + " {"} and indents what follows. */
  JavaFile open(String s) {
    line(s + " {");
    indent++;
    return this;
  }

  /** Ends the innermost block, with {@code "}" + suffix}. */
  JavaFile close(String suffix) {
    indent--;
    return line("}" + suffix);
  }

  JavaFile close() {
    return close("");
  }

  /** The complete source: header, package, imports, body. */
  String render(String header) {
    StringBuilder out = new StringBuilder(body.length() + 1024);
    out.append(header);
    out.append("package ").append(pkg).append(";\n\n");
    if (!imports.isEmpty()) {
      imports.values().stream().sorted().forEach(i -> out.append("import ").append(i).append(";\n"));
      out.append('\n');
    }
    out.append(body);
    return out.toString();
  }
}
