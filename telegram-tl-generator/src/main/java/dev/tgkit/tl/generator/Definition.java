package dev.tgkit.tl.generator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One TL combinator: a constructor ({@code name#id fields = Type}) or a function ({@code name#id
 * fields = ResultType}), as parsed from a schema.
 *
 * @param name the full TL name, namespace included ({@code messages.getHistory})
 * @param id the constructor id: as written after {@code #}, or {@link #computedId()} when the
 *     schema omits it
 * @param explicitId whether the schema wrote the id
 * @param typeParams the names of {@code {X:Type}} parameters, in order
 * @param builtin whether the definition is a builtin declared with {@code ?} ({@code int ? =
 *     Int}): it has no fields of its own and is never generated
 * @param source the schema file's name
 * @param line the 1-based line where the definition starts
 */
public record Definition(
    String name,
    int id,
    boolean explicitId,
    Kind kind,
    List<String> typeParams,
    List<Field> fields,
    TypeRef result,
    boolean builtin,
    String source,
    int line) {

  /** Whether a definition came from the types or the functions section. */
  public enum Kind {
    CONSTRUCTOR,
    FUNCTION
  }

  public Definition {
    typeParams = List.copyOf(typeParams);
    fields = List.copyOf(fields);
  }

  /** The TL namespace ({@code messages} of {@code messages.getHistory}), or {@code ""}. */
  public String namespace() {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }

  /** The name without its namespace. */
  public String simpleName() {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  public boolean isFunction() {
    return kind == Kind.FUNCTION;
  }

  /** The definition on one line, with its id, as Javadoc shows it. */
  public String tl() {
    StringBuilder b = new StringBuilder(name).append('#').append(String.format("%08x", id));
    appendBody(b, false);
    return b.toString();
  }

  /**
   * The canonical text whose CRC32 is the constructor id, following <a
   * href="https://core.telegram.org/mtproto/TL-abstract-types">the TL rule</a>: the id is left out,
   * {@code {X:Type}} loses its braces, {@code Vector<T>} is written {@code Vector T}, a field of
   * type {@code bytes} is written {@code string} (they share one wire format; {@code Vector<bytes>}
   * stays as it is), and {@code flags.N?true}
   * fields are dropped, since they occupy no bytes and were added to old constructors without
   * changing their ids. Tokens are separated by one space.
   */
  public String canonicalForm() {
    StringBuilder b = new StringBuilder(name);
    appendBody(b, true);
    return b.toString();
  }

  /** The CRC32 of {@link #canonicalForm()}: what the id should be. */
  public int computedId() {
    CRC32 crc = new CRC32();
    crc.update(canonicalForm().getBytes(StandardCharsets.US_ASCII));
    return (int) crc.getValue();
  }

  private void appendBody(StringBuilder b, boolean canonical) {
    for (String p : typeParams) {
      b.append(canonical ? " " + p + ":Type" : " {" + p + ":Type}");
    }
    if (builtin) {
      b.append(" ?");
    }
    for (Field f : fields) {
      if (canonical && f.isTrueFlag()) {
        continue;
      }
      b.append(' ').append(f.name()).append(':');
      if (f.condition() != null) {
        b.append(f.condition().tl());
      }
      if (canonical && f.type() instanceof TypeRef.Named n && !n.bare() && n.name().equals("bytes")) {
        b.append("string");
      } else {
        b.append(canonical ? canonicalType(f.type()) : f.type().tl());
      }
    }
    b.append(" = ").append(canonical ? canonicalType(result) : result.tl());
  }

  private static String canonicalType(TypeRef t) {
    return switch (t) {
      case TypeRef.Nat n -> "#";
      case TypeRef.Named n -> n.tl();
      case TypeRef.Vector v -> (v.boxed() ? "Vector " : "vector ") + canonicalType(v.element());
      case TypeRef.Var v -> v.name();
      case TypeRef.Query q -> "!" + q.var();
    };
  }
}
