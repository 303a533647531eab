package dev.tgkit.mtproto.transport;

/**
 * Writes one framing's envelope in one direction. Connection headers and obfuscation are added by
 * the encoders around it.
 */
sealed interface FrameWriter permits Abridged.Writer, Intermediate.Writer, Full.Writer {

  /**
   * Frames {@code length} bytes of {@code payload} from {@code offset} into a new array, leaving
   * {@code headroom} bytes free at its start for a connection header.
   *
   * @param quickAck set the high bit of the length to ask the server for a quick ack (client only)
   * @throws IllegalArgumentException if the payload is empty, not a multiple of 4 where the framing
   *     needs it, too long for the framing, or a quick ack is asked where there is none
   */
  byte[] frame(int headroom, byte[] payload, int offset, int length, boolean quickAck);

  /** The server's quick-ack packet for {@code token} (the high bit is set here). */
  byte[] quickAck(int token);

  /** The server's transport-error packet carrying {@code code} (negative). */
  byte[] transportError(int code);

  /** Rejects the payload ranges no framing can carry. */
  static void checkPayload(byte[] payload, int offset, int length, boolean aligned) {
    if (offset < 0 || length < 0 || offset > payload.length - length) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", +" + length + ") outside array of " + payload.length);
    }
    if (length == 0) {
      throw new IllegalArgumentException("cannot frame an empty payload");
    }
    if (aligned && length % 4 != 0) {
      throw new IllegalArgumentException(
          "MTProto payloads are a multiple of 4 bytes, got " + length);
    }
  }

  static void checkErrorCode(int code) {
    if (code >= 0) {
      throw new IllegalArgumentException("transport error codes are negative, got " + code);
    }
  }
}
