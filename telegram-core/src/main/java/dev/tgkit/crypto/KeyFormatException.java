package dev.tgkit.crypto;

/**
 * A PEM or DER encoding of an RSA public key that this package refuses: wrong armour, bad Base64,
 * or DER that is not exactly {@code SEQUENCE { INTEGER n, INTEGER e }} in canonical form. Keys are
 * configuration, not network input, so this is an {@link IllegalArgumentException}; the message
 * says what was wrong and where.
 */
public final class KeyFormatException extends IllegalArgumentException {

  private final String detail;
  private final int offset;

  KeyFormatException(String detail, int offset) {
    super(offset >= 0 ? detail + " (at DER byte " + offset + ")" : detail);
    this.detail = detail;
    this.offset = offset;
  }

  KeyFormatException(String message) {
    this(message, -1);
  }

  /** The same failure, its message prefixed with {@code context} (which block of a PEM file). */
  KeyFormatException within(String context) {
    return new KeyFormatException(context + detail, offset);
  }

  /** The DER byte offset where decoding failed, or -1 when the problem is in the PEM text. */
  public int offset() {
    return offset;
  }
}
