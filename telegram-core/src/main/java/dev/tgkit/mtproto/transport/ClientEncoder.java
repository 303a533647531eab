package dev.tgkit.mtproto.transport;

import dev.tgkit.crypto.AesCtr;
import org.jspecify.annotations.Nullable;

/**
 * Turns the client's MTProto payloads into the bytes to write to the connection, in order: the
 * transport's one-time connection header (plain {@code ef} / {@code eeeeeeee} / {@code dddddddd},
 * or the 64-byte <a
 * href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">obfuscated
 * init</a>) is prepended to the first frame, and under obfuscation everything is encrypted with the
 * client-to-server key stream.
 *
 * <p>Stateful (sequence numbers, key stream, header sent or not): one per connection, used from one
 * thread at a time, every returned array written in the order it was returned.
 */
public final class ClientEncoder {

  private final Framing framing;
  private final FrameWriter writer;
  private final @Nullable AesCtr cipher;
  private byte @Nullable [] header;

  ClientEncoder(Framing framing, FrameWriter writer, @Nullable AesCtr cipher, byte[] header) {
    this.framing = framing;
    this.writer = writer;
    this.cipher = cipher;
    this.header = header.length == 0 ? null : header;
  }

  /**
   * Frames {@code length} bytes of {@code payload} from {@code offset}.
   *
   * @param quickAck ask the server to confirm receipt with a {@link Inbound.QuickAck}; not
   *     available on the {@link Framing#FULL full} transport
   * @return the bytes to write: a new array the caller owns
   * @throws IllegalArgumentException if the payload is empty, not a multiple of 4 bytes (any
   *     framing but padded intermediate), longer than the framing can announce, or a quick ack is
   *     asked for on the full transport
   */
  public byte[] encode(byte[] payload, int offset, int length, boolean quickAck) {
    if (quickAck && !framing.supportsQuickAck()) {
      throw new IllegalArgumentException("the " + framing + " transport has no quick acks");
    }
    byte[] h = header;
    int headroom = h == null ? 0 : h.length;
    byte[] out = writer.frame(headroom, payload, offset, length, quickAck);
    if (cipher != null) {
      cipher.apply(out, headroom, out.length - headroom);
    }
    if (h != null) {
      System.arraycopy(h, 0, out, 0, headroom);
      header = null;
    }
    return out;
  }

  /** Frames all of {@code payload}, without asking for a quick ack. */
  public byte[] encode(byte[] payload) {
    return encode(payload, 0, payload.length, false);
  }

  /** The framing this encoder writes. */
  public Framing framing() {
    return framing;
  }
}
