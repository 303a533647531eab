package dev.tgkit.mtproto;

import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.TlWriter;

/**
 * Unencrypted messages, used only to create an auth key (<a
 * href="https://core.telegram.org/mtproto/description#unencrypted-message">unencrypted
 * message</a>).
 *
 * <pre>
 *   +------------------+--------------+----------------+-----------------+
 *   | auth_key_id = 0  |   msg_id     | message_length |  message_data   |
 *   |     8 bytes      |   8 bytes    |    4 bytes     |  length bytes   |
 *   +------------------+--------------+----------------+-----------------+
 * </pre>
 */
public final class PlainMessages {

  /** auth_key_id + msg_id + length. */
  public static final int HEADER = 20;

  private PlainMessages() {}

  /** Wraps a serialized body. */
  public static byte[] pack(long msgId, byte[] body) {
    TlWriter out = new TlWriter(HEADER + body.length);
    out.writeLong(0).writeLong(msgId).writeInt(body.length).writeRaw(body);
    return out.toByteArray();
  }

  /**
   * Unwraps a plain message. The msg_id is returned but not judged: a server must accept other
   * clients' plain messages whatever their msg_id, and a client only uses it to learn the
   * server's time.
   */
  public static Plain unpack(byte[] packet) {
    if (packet.length < HEADER) {
      throw new MessageRejectedException.BadPlainMessage(
          "shorter than its " + HEADER + "-byte header: " + packet.length + " bytes");
    }
    TlReader in = new TlReader(packet);
    long authKeyId = in.readLong();
    if (authKeyId != 0) {
      throw new MessageRejectedException.BadPlainMessage("auth_key_id is not 0");
    }
    long msgId = in.readLong();
    int length = in.readInt();
    if (length != in.remaining()) {
      throw new MessageRejectedException.BadPlainMessage(
          "message_length " + length + " but " + in.remaining() + " bytes follow");
    }
    return new Plain(msgId, in.readRaw(length));
  }

  /** An unwrapped plain message. */
  public record Plain(long msgId, byte[] body) {}
}
