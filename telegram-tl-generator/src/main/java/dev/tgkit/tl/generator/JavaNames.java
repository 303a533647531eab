package dev.tgkit.tl.generator;

import java.util.Set;

/**
 * How TL names become Java names.
 *
 * <ul>
 *   <li>Types, constructors and functions: {@link #pascal}, from snake_case and camelCase alike
 *       ({@code server_DH_params_ok} → {@code ServerDHParamsOk}, {@code messageEmpty} → {@code
 *       MessageEmpty}).
 *   <li>Fields: {@link #camel} ({@code reply_to_msg_id} → {@code replyToMsgId}, {@code M1} →
 *       {@code m1}), with a trailing {@code _} when the result is a Java keyword or would clash
 *       with a method every generated record or builder has ({@code default_}, {@code long_},
 *       {@code hashCode_}, {@code build_}).
 * </ul>
 *
 * <p>Suffixes that resolve clashes between names ({@code Ctor}, {@code Request}) are {@link
 * JavaModel}'s business.
 */
public final class JavaNames {

  /**
   * Names a record component may not take: Java keywords and literals, restricted identifiers,
   * the no-argument methods of {@code Object}, records and {@code TlObject}/{@code TlFunction}
   * (an accessor of that name would override or clash with them), the methods of the generated
   * builders (an accessor {@code builder()} would clash with the static factory, a setter {@code
   * build(...)} would overload the terminal {@code build()}), and the parameter names the
   * generated methods use ({@code in}, {@code out}).
   */
  static final Set<String> RESERVED =
      Set.of(
          // keywords and literals
          "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class",
          "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
          "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
          "interface", "long", "native", "new", "package", "private", "protected", "public",
          "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
          "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
          "null", "_",
          // restricted and contextual identifiers
          "var", "yield", "record", "sealed", "permits", "exports", "module", "open", "opens",
          "provides", "requires", "to", "transitive", "uses", "with", "when",
          // methods of Object, records, TlObject and TlFunction
          "hashCode", "toString", "getClass", "equals", "clone", "finalize", "notify",
          "notifyAll", "wait", "constructorId", "serializeBare", "serialize", "toByteArray",
          "readResult", "tlName", "wrapped",
          // methods of the generated builders: the record's static builder(...), Builder.build()
          "builder", "build",
          // parameters of generated methods
          "in", "out");

  private JavaNames() {}

  /**
   * The PascalCase form of a TL name without its namespace: each {@code _}-separated part gets an
   * upper-case first letter, the rest of the part is kept ({@code p_q_inner_data_dc} → {@code
   * PQInnerDataDc}, {@code help.configSimple} → {@code ConfigSimple}).
   */
  public static String pascal(String tlName) {
    String simple = tlName.substring(tlName.lastIndexOf('.') + 1);
    StringBuilder b = new StringBuilder(simple.length());
    for (String part : simple.split("_", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      b.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
    }
    if (b.isEmpty() || !Character.isJavaIdentifierStart(b.charAt(0))) {
      throw new IllegalArgumentException("'" + tlName + "' gives no Java type name");
    }
    return b.toString();
  }

  /**
   * The lowerCamelCase form of a TL field name, escaped by {@link #escape}: parts after the first
   * get an upper-case first letter; the first part is lower-cased entirely when it is all
   * capitals ({@code A} → {@code a}, {@code M1} → {@code m1}), else only its first letter.
   */
  public static String camel(String tlName) {
    String[] parts = tlName.split("_", -1);
    StringBuilder b = new StringBuilder(tlName.length());
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      if (b.isEmpty()) {
        if (part.equals(part.toUpperCase(java.util.Locale.ROOT))) {
          b.append(part.toLowerCase(java.util.Locale.ROOT));
        } else {
          b.append(Character.toLowerCase(part.charAt(0))).append(part, 1, part.length());
        }
      } else {
        b.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    if (b.isEmpty()) {
      b.append('_');
    }
    return escape(b.toString());
  }

  /** {@code name}, or {@code name_} when {@code name} is {@linkplain #RESERVED reserved}. */
  public static String escape(String name) {
    return RESERVED.contains(name) ? name + "_" : name;
  }
}
