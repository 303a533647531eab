package dev.tgkit.tl.generator;

/**
 * The type of a TL field or the result of a definition, as written in the schema.
 *
 * <p>TL distinguishes boxed types ({@code InputPeer}: a constructor id, then the fields) from bare
 * ones ({@code %InputPeer} or a constructor name such as {@code future_salt}: the fields alone);
 * see <a href="https://core.telegram.org/mtproto/TL-abstract-types">TL abstract types</a>.
 */
public sealed interface TypeRef {

  /** The TL spelling, e.g. {@code Vector<long>} or {@code %Message}. */
  String tl();

  /** {@code #}: a 32-bit natural number; in Telegram's schemas always a flags word. */
  record Nat() implements TypeRef {
    @Override
    public String tl() {
      return "#";
    }
  }

  /**
   * A named type: a builtin ({@code int}, {@code string}, {@code Bool}, {@code true}...), a boxed
   * type ({@code messages.Messages}), a bare constructor ({@code future_salt}) or, with {@code
   * bare}, the bare form of a boxed type ({@code %Message}).
   */
  record Named(String name, boolean bare) implements TypeRef {
    @Override
    public String tl() {
      return bare ? "%" + name : name;
    }

    /** The part after the last dot: {@code Messages} of {@code messages.Messages}. */
    public String simpleName() {
      return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Whether the name denotes a boxed type: its simple name starts with an upper-case letter. */
    public boolean isBoxedName() {
      return Character.isUpperCase(simpleName().charAt(0));
    }
  }

  /**
   * {@code Vector<T>} (boxed: the vector constructor id, a count, the elements) or {@code
   * vector<T>} (bare: the count and the elements).
   */
  record Vector(boolean boxed, TypeRef element) implements TypeRef {
    @Override
    public String tl() {
      return (boxed ? "Vector<" : "vector<") + element.tl() + ">";
    }
  }

  /** A type variable of a generic definition used as a type, e.g. the {@code X} of {@code = X}. */
  record Var(String name) implements TypeRef {
    @Override
    public String tl() {
      return name;
    }
  }

  /**
   * {@code !X}: a serialized function whose result type is the variable {@code X}, as in {@code
   * invokeWithLayer {X:Type} layer:int query:!X = X}.
   */
  record Query(String var) implements TypeRef {
    @Override
    public String tl() {
      return "!" + var;
    }
  }
}
