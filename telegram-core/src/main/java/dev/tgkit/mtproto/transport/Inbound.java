package dev.tgkit.mtproto.transport;

import dev.tgkit.tl.Bytes;

/**
 * One item a transport decoder takes off the stream. A client receives all three kinds; a server
 * receives only {@link Frame}s, since quick-ack tokens and transport errors only ever travel from
 * server to client.
 *
 * <p>Quick acks and transport errors are not frames: they are not MTProto messages and must not
 * reach the encrypted message layer, which would fail to decrypt them.
 */
public sealed interface Inbound {

  /**
   * An MTProto payload: a plain or encrypted message as described in <a
   * href="https://core.telegram.org/mtproto/description">the MTProto description</a>.
   *
   * <p>Padded intermediate frames keep their 0 to 15 bytes of random padding: the framing does not
   * say where the payload ends, only the MTProto layer can. A plain message carries its own length;
   * an encrypted one is {@code auth_key_id} (8) + {@code msg_key} (16) + data whose length is a
   * multiple of 16, so its layer must use {@code length - length % 16} bytes after the first 24 and
   * ignore the rest.
   *
   * @param payload the frame's payload, never empty
   * @param quickAck on frames read by a server: whether the client asked for a <a
   *     href="https://core.telegram.org/mtproto/mtproto-transports#quick-ack">quick ack</a> by
   *     setting the high bit of the length; always {@code false} on frames read by a client
   */
  record Frame(Bytes payload, boolean quickAck) implements Inbound {
    public Frame {
      if (payload.isEmpty()) {
        throw new IllegalArgumentException("a frame carries at least one byte");
      }
    }
  }

  /**
   * A server's <a href="https://core.telegram.org/mtproto/mtproto-transports#quick-ack">quick
   * ack</a>: the server received (not yet processed) a message the client sent with the quick-ack
   * bit.
   *
   * @param token the 32 bits as the server sent them, high bit set: the first four bytes of
   *     SHA-256(auth key part + encrypted message) as a little-endian int, OR 0x80000000. The
   *     encrypted layer computes the same value when sending and matches it here.
   */
  record QuickAck(int token) implements Inbound {}

  /**
   * A <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">transport
   * error</a>: a 4-byte frame holding a negative number instead of a message.
   *
   * @param code negative, as sent: -404 (auth key not found), -429 (transport flood: too many
   *     connections, or container/service message limits), -444 (invalid DC), -403 (what HTTP would
   *     have answered with 403)
   */
  record TransportError(int code) implements Inbound {
    public static final int AUTH_KEY_NOT_FOUND = -404;
    public static final int TRANSPORT_FLOOD = -429;
    public static final int INVALID_DC = -444;

    public TransportError {
      if (code >= 0) {
        throw new IllegalArgumentException("transport error codes are negative, got " + code);
      }
    }
  }
}
