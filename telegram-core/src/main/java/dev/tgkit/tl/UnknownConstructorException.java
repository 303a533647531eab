package dev.tgkit.tl;

/** A constructor id that the expected type (or the whole schema) does not know. */
public final class UnknownConstructorException extends TlDecodeException {

  private final int constructorId;
  private final String expectedType;

  public UnknownConstructorException(int constructorId, String expectedType, int offset) {
    super(
        "unknown constructor id 0x%08x for type %s".formatted(constructorId, expectedType),
        offset);
    this.constructorId = constructorId;
    this.expectedType = expectedType;
  }

  public int constructorId() {
    return constructorId;
  }

  /** The TL type that was expected, e.g. {@code Message} or {@code Object}. */
  public String expectedType() {
    return expectedType;
  }
}
