package dev.tgkit.tl;

/**
 * Bytes that are not valid TL for what was expected: truncated input, a negative or absurd
 * length, an unknown constructor id, a gzip payload that does not inflate.
 *
 * <p>The message names what was being read and the offset, so a log line is enough to find
 * the fault in a captured frame.
 */
public class TlDecodeException extends RuntimeException {

  private final int offset;

  public TlDecodeException(String message, int offset) {
    super(message + " (at offset " + offset + ")");
    this.offset = offset;
  }

  public TlDecodeException(String message, int offset, Throwable cause) {
    super(message + " (at offset " + offset + ")", cause);
    this.offset = offset;
  }

  /** Offset into the buffer being read where the fault was found. */
  public int offset() {
    return offset;
  }
}
