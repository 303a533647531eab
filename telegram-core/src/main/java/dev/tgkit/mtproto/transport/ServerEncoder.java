package dev.tgkit.mtproto.transport;

import dev.tgkit.crypto.AesCtr;
import org.jspecify.annotations.Nullable;

/**
 * Turns a server's MTProto payloads, quick acks and transport errors into the bytes to write back
 * to a client, in the framing the client chose, encrypted with the server-to-client key stream
 * under obfuscation. A server sends no connection header.
 *
 * <p>Obtained from {@link ServerDecoder#encoder()} once the client's header has been read. Stateful
 * (sequence numbers, key stream): one per connection, used from one thread at a time, every
 * returned array written in the order it was returned.
 */
public final class ServerEncoder {

  private final Framing framing;
  private final FrameWriter writer;
  private final @Nullable AesCtr cipher;

  ServerEncoder(Framing framing, FrameWriter writer, @Nullable AesCtr cipher) {
    this.framing = framing;
    this.writer = writer;
    this.cipher = cipher;
  }

  /**
   * Frames {@code length} bytes of {@code payload} from {@code offset}.
   *
   * @return the bytes to write: a new array the caller owns
   * @throws IllegalArgumentException if the payload is empty, not a multiple of 4 bytes (any
   *     framing but padded intermediate), longer than the framing can announce, or so short and
   *     starting with a negative int that the client would read it as a transport error
   */
  public byte[] encode(byte[] payload, int offset, int length) {
    if (length >= 4
        && length <= framing.errorFrameMax()
        && offset >= 0
        && offset <= payload.length - length
        && LittleEndian.getInt(payload, offset) < 0) {
      throw new IllegalArgumentException(
          "a "
              + length
              + "-byte payload starting with a negative int would reach the client as a"
              + " transport error; send errors with transportError(code)");
    }
    return seal(writer.frame(0, payload, offset, length, false));
  }

  /** Frames all of {@code payload}. */
  public byte[] encode(byte[] payload) {
    return encode(payload, 0, payload.length);
  }

  /**
   * A <a href="https://core.telegram.org/mtproto/mtproto-transports#quick-ack">quick ack</a>
   * confirming a client message that asked for one.
   *
   * @param token the first four bytes of SHA-256(auth key part + encrypted message) as a
   *     little-endian int; the high bit is set here
   * @throws IllegalStateException on the full transport, which has no quick acks
   */
  public byte[] quickAck(int token) {
    return seal(writer.quickAck(token));
  }

  /**
   * A <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">transport
   * error</a> such as {@link Inbound.TransportError#AUTH_KEY_NOT_FOUND}.
   *
   * @param code negative, as the client will receive it (-404, -429, -444)
   */
  public byte[] transportError(int code) {
    return seal(writer.transportError(code));
  }

  /**
   * {@code bytes} as they are, under the connection's obfuscation if any, with no frame around
   * them: how a test server sends what no correct server would (a length the client must refuse,
   * half a frame) to see that clients cope. The bytes still advance the key stream.
   */
  public byte[] unframed(byte[] bytes) {
    return seal(bytes.clone());
  }

  /** The framing the client chose. */
  public Framing framing() {
    return framing;
  }

  private byte[] seal(byte[] out) {
    if (cipher != null) {
      cipher.apply(out);
    }
    return out;
  }
}
