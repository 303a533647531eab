package dev.tgkit.tl.generator;

import dev.tgkit.tl.generator.JavaModel.Builtin;
import dev.tgkit.tl.generator.JavaModel.Member;
import dev.tgkit.tl.generator.JavaModel.Shape;

/**
 * How generated code spells Java types: through the file's imports ({@link JavaFile#ref}), boxed
 * where TL makes a value optional or a list element, and {@code @Nullable} where it may be absent.
 */
final class JavaTypes {

  /** Package of the hand-written TL runtime ({@code TlReader}, {@code TlWriter}, {@code Bytes}...). */
  static final String RT = "dev.tgkit.tl.";
  static final String LIST = "java.util.List";
  private static final String NULLABLE = "org.jspecify.annotations.Nullable";

  private JavaTypes() {}

  /**
   * The type of a record component: {@code boolean} for a true flag, the boxed type annotated
   * {@code @Nullable} for an optional field, else the plain (primitive where possible) type.
   */
  static String component(Member m, JavaFile f) {
    if (m.shape() instanceof Shape.TrueFlag) {
      return "boolean";
    }
    return m.isOptional() ? nullable(of(m.shape(), true, f), f) : of(m.shape(), false, f);
  }

  /** The Java type of a value of shape {@code s}; {@code boxed} for the reference form of primitives. */
  static String of(Shape s, boolean boxed, JavaFile f) {
    return switch (s) {
      case Shape.Scalar sc -> {
        Builtin b = sc.builtin();
        if (b.primitive != null && !boxed) {
          yield b.primitive;
        }
        yield b.reference.startsWith("java.") ? b.reference : f.ref(b.reference);
      }
      case Shape.Boxed b -> f.ref(b.type().fqcn());
      case Shape.Bare b -> f.ref(b.ctor().fqcn());
      case Shape.Vec v -> LIST + "<" + of(v.element(), true, f) + ">";
      case Shape.Query q -> f.ref(RT + "TlFunction") + "<" + q.var() + ">";
      case Shape.TrueFlag t -> boxed ? "java.lang.Boolean" : "boolean";
      case Shape.Flags fl -> "int";
    };
  }

  /** {@code type} annotated {@code @Nullable}, written where a type-use annotation may go. */
  static String nullable(String type, JavaFile f) {
    String annotation = "@" + f.ref(NULLABLE) + " ";
    int generic = type.indexOf('<');
    int dot = type.lastIndexOf('.', generic < 0 ? type.length() : generic);
    return type.substring(0, dot + 1) + annotation + type.substring(dot + 1);
  }
}
