package dev.tgkit.mtproto;

import dev.tgkit.crypto.AesIge;
import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.Direction;
import dev.tgkit.crypto.MessageKeys;
import dev.tgkit.tl.TlReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.random.RandomGenerator;

/**
 * Encrypts and decrypts one MTProto 2.0 message (<a
 * href="https://core.telegram.org/mtproto/description#encrypted-message">encrypted message</a>).
 *
 * <pre>
 *   packet:     +--------------+-------------+-------------------------------------+
 *               | auth_key_id  | msg_key     | AES-256-IGE(plaintext)              |
 *               |  8 bytes     | 16 bytes    |                                     |
 *               +--------------+-------------+-------------------------------------+
 *   plaintext:  +------+------------+--------+--------+-----------+--------+---------+
 *               | salt | session_id | msg_id | seq_no | length    | body   | padding |
 *               |  8   |     8      |   8    |   4    |   4       | length | 12-1024 |
 *               +------+------------+--------+--------+-----------+--------+---------+
 *   msg_key = SHA256(auth_key[88+x .. 120+x] || plaintext)[8..24], x = 0 client, 8 server
 * </pre>
 *
 * <p>Checks that need only the packet and the key are made here, in the order the guidelines
 * give: length, auth_key_id, msg_key over the whole decrypted plaintext (compared in constant
 * time, before the length field is trusted), then the length and padding bounds. Session-level
 * checks (session id, msg_id parity, time and replays) belong to the sessions.
 */
public final class EncryptedMessages {

  /** auth_key_id + msg_key. */
  public static final int ENVELOPE = 24;

  /** salt + session_id + msg_id + seq_no + length. */
  public static final int HEADER = 32;

  static final int MIN_PADDING = 12;
  static final int MAX_PADDING = 1024;

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private EncryptedMessages() {}

  /**
   * Encrypts one message.
   *
   * @param sender who sends it (chooses x in the key derivation)
   * @param body the serialized body ({@code length} bytes from {@code offset}), a multiple of 4
   * @param random draws the padding
   * @return the packet: auth_key_id, msg_key, ciphertext
   */
  public static byte[] pack(
      AuthKey key,
      Direction sender,
      long salt,
      long sessionId,
      long msgId,
      int seqNo,
      byte[] body,
      int offset,
      int length,
      RandomGenerator random) {
    if ((length & 3) != 0) {
      throw new IllegalArgumentException("message body must be a multiple of 4 bytes, got " + length);
    }
    int unpadded = HEADER + length;
    int padding = MIN_PADDING + (16 - (unpadded + MIN_PADDING) % 16) % 16;
    int plainLength = unpadded + padding;
    byte[] packet = new byte[ENVELOPE + plainLength];
    int p = ENVELOPE;
    LONG.set(packet, p, salt);
    LONG.set(packet, p + 8, sessionId);
    LONG.set(packet, p + 16, msgId);
    INT.set(packet, p + 24, seqNo);
    INT.set(packet, p + 28, length);
    System.arraycopy(body, offset, packet, p + HEADER, length);
    byte[] pad = new byte[padding];
    random.nextBytes(pad);
    System.arraycopy(pad, 0, packet, p + unpadded, padding);

    byte[] msgKey = MessageKeys.msgKey(key, sender, packet, ENVELOPE, plainLength);
    MessageKeys.KeyIv keyIv = MessageKeys.derive(key, sender, msgKey);
    LONG.set(packet, 0, key.id());
    System.arraycopy(msgKey, 0, packet, 8, 16);
    new AesIge(keyIv.key()).encrypt(keyIv.iv(), packet, ENVELOPE, plainLength);
    return packet;
  }

  /** {@link #pack(AuthKey, Direction, long, long, long, int, byte[], int, int, RandomGenerator)} of a whole array. */
  public static byte[] pack(
      AuthKey key, Direction sender, long salt, long sessionId, long msgId, int seqNo, byte[] body,
      RandomGenerator random) {
    return pack(key, sender, salt, sessionId, msgId, seqNo, body, 0, body.length, random);
  }

  /** The auth_key_id a packet names, or throws if it is too short to name one. */
  public static long authKeyId(byte[] packet) {
    if (packet.length < 8) {
      throw new MessageRejectedException.BadPacketLength(packet.length, "shorter than an auth_key_id");
    }
    return (long) LONG.get(packet, 0);
  }

  /**
   * Decrypts a packet <em>in place</em> and checks it.
   *
   * @param sender who sent it
   * @throws MessageRejectedException if any check fails
   */
  public static Decrypted unpack(AuthKey key, Direction sender, byte[] packet) {
    int cipherLength = packet.length - ENVELOPE;
    if (cipherLength < HEADER + MIN_PADDING || cipherLength % 16 != 0) {
      throw new MessageRejectedException.BadPacketLength(
          packet.length, "an encrypted message is 24 bytes plus a multiple of 16, at least 48");
    }
    long keyId = (long) LONG.get(packet, 0);
    if (keyId != key.id()) {
      throw new MessageRejectedException.AuthKeyIdMismatch(key.id(), keyId);
    }
    byte[] msgKey = new byte[16];
    System.arraycopy(packet, 8, msgKey, 0, 16);
    MessageKeys.KeyIv keyIv = MessageKeys.derive(key, sender, msgKey);
    new AesIge(keyIv.key()).decrypt(keyIv.iv(), packet, ENVELOPE, cipherLength);
    byte[] expected = MessageKeys.msgKey(key, sender, packet, ENVELOPE, cipherLength);
    if (!MessageDigest.isEqual(expected, msgKey)) {
      throw new MessageRejectedException.MsgKeyMismatch();
    }
    int p = ENVELOPE;
    int dataLength = (int) INT.get(packet, p + 28);
    int padding = cipherLength - HEADER - dataLength;
    if (dataLength < 0 || (dataLength & 3) != 0 || padding < MIN_PADDING || padding > MAX_PADDING) {
      throw new MessageRejectedException.BadDataLength(dataLength, cipherLength);
    }
    return new Decrypted(
        (long) LONG.get(packet, p),
        (long) LONG.get(packet, p + 8),
        (long) LONG.get(packet, p + 16),
        (int) INT.get(packet, p + 24),
        packet,
        p + HEADER,
        dataLength);
  }

  /**
   * A decrypted message whose body is a slice of the packet's array.
   *
   * @param buffer the decrypted packet; the body is {@code bodyLength} bytes from {@code bodyOffset}
   */
  public record Decrypted(
      long salt, long sessionId, long msgId, int seqNo, byte[] buffer, int bodyOffset, int bodyLength) {

    /** A reader over the body. */
    public TlReader body() {
      return new TlReader(buffer, bodyOffset, bodyLength);
    }

    /** A copy of the body. */
    public byte[] bodyBytes() {
      byte[] b = new byte[bodyLength];
      System.arraycopy(buffer, bodyOffset, b, 0, bodyLength);
      return b;
    }

    @Override
    public String toString() {
      return "Decrypted[msgId=%016x, seqNo=%d, bodyLength=%d]".formatted(msgId, seqNo, bodyLength);
    }
  }
}
