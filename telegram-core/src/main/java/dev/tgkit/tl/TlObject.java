package dev.tgkit.tl;

/**
 * A value of a TL constructor: it knows its constructor id and writes itself.
 *
 * <p>The boxed form is the constructor id followed by the fields; the bare form (used inside
 * bare vectors and by {@code %Type} references) is the fields alone.
 */
public interface TlObject {

  /** The constructor id, the CRC32 of the constructor's normalized TL definition. */
  int constructorId();

  /** Writes the fields alone, without the constructor id. */
  void serializeBare(TlWriter out);

  /** Writes the boxed form: the constructor id, then the fields. */
  default void serialize(TlWriter out) {
    out.writeInt(constructorId());
    serializeBare(out);
  }

  /** The boxed form as a new array. */
  default byte[] toByteArray() {
    TlWriter out = new TlWriter();
    serialize(out);
    return out.toByteArray();
  }
}
