package dev.tgkit.net;

import dev.tgkit.tl.Bytes;

/**
 * An MTProto payload to send that asks the server for a <a
 * href="https://core.telegram.org/mtproto/mtproto-transports#quick-ack">quick ack</a>, or states
 * explicitly that it does not. Written to a channel with a {@link ClientTransportEncoder}, like a
 * plain {@code ByteBuf} or {@code byte[]} payload (which never ask for one).
 *
 * <p>The quick-ack request travels in the high bit of the frame's length, so it is a transport
 * concern decided per frame: the encrypted layer asks for it on the messages whose receipt it wants
 * confirmed before the answer arrives.
 *
 * @param payload the whole MTProto message (plain or encrypted), a non-empty multiple of 4 bytes
 *     for every framing but padded intermediate
 * @param quickAck whether to ask for a quick ack; the full transport has none and refuses it
 */
public record OutboundFrame(Bytes payload, boolean quickAck) {

  public OutboundFrame {
    if (payload.isEmpty()) {
      throw new IllegalArgumentException("an MTProto payload is at least one byte long");
    }
  }

  @Override
  public String toString() {
    // Payloads are encrypted messages or, during the key exchange, DH values: show their size only.
    return "OutboundFrame[" + payload.length() + " bytes, quickAck=" + quickAck + "]";
  }
}
