package dev.tgkit.mtproto;

/**
 * An incoming MTProto message that fails a check of the <a
 * href="https://core.telegram.org/mtproto/security_guidelines">security guidelines</a> or of the
 * message format. Such a message must be ignored; the network layer drops the connection that
 * carried it. Each subclass is one check and carries what it compared (never key material).
 */
public abstract sealed class MessageRejectedException extends RuntimeException {

  private MessageRejectedException(String message) {
    super(message);
  }

  /** The packet's length cannot be an encrypted (or plain) message. */
  public static final class BadPacketLength extends MessageRejectedException {
    private final int length;

    public BadPacketLength(int length, String rule) {
      super("packet of " + length + " bytes rejected: " + rule);
      this.length = length;
    }

    public int length() {
      return length;
    }
  }

  /** The packet names an auth key other than the session's. */
  public static final class AuthKeyIdMismatch extends MessageRejectedException {
    private final long expected;
    private final long actual;

    public AuthKeyIdMismatch(long expected, long actual) {
      super("auth_key_id %016x is not this session's %016x".formatted(actual, expected));
      this.expected = expected;
      this.actual = actual;
    }

    public long expected() {
      return expected;
    }

    public long actual() {
      return actual;
    }
  }

  /** The msg_key does not match the SHA-256 of the decrypted plaintext: tampered or garbled. */
  public static final class MsgKeyMismatch extends MessageRejectedException {
    public MsgKeyMismatch() {
      super("msg_key does not match the decrypted plaintext");
    }
  }

  /** The message_data_length field does not fit the decrypted plaintext. */
  public static final class BadDataLength extends MessageRejectedException {
    private final int dataLength;
    private final int plaintextLength;

    public BadDataLength(int dataLength, int plaintextLength) {
      super(
          "message_data_length %d invalid in a plaintext of %d bytes (must be a multiple of 4 leaving 12..1024 bytes of padding)"
              .formatted(dataLength, plaintextLength));
      this.dataLength = dataLength;
      this.plaintextLength = plaintextLength;
    }

    public int dataLength() {
      return dataLength;
    }

    public int plaintextLength() {
      return plaintextLength;
    }
  }

  /** The message belongs to another session of the same auth key. */
  public static final class SessionIdMismatch extends MessageRejectedException {
    private final long expected;
    private final long actual;

    public SessionIdMismatch(long expected, long actual) {
      super("session_id %016x is not this session's %016x".formatted(actual, expected));
      this.expected = expected;
      this.actual = actual;
    }

    public long expected() {
      return expected;
    }

    public long actual() {
      return actual;
    }
  }

  /** The msg_id's low bits do not say the expected sender. */
  public static final class BadMsgIdParity extends MessageRejectedException {
    private final long msgId;

    public BadMsgIdParity(long msgId, String expected) {
      super("msg_id %016x has the wrong low bits: expected %s".formatted(msgId, expected));
      this.msgId = msgId;
    }

    public long msgId() {
      return msgId;
    }
  }

  /** The msg_id's time is too far in the past or the future. */
  public static final class MsgIdOutOfWindow extends MessageRejectedException {
    private final long msgId;
    private final long skewSeconds;

    public MsgIdOutOfWindow(long msgId, long skewSeconds) {
      super(
          "msg_id %016x is %d s %s our corrected time"
              .formatted(msgId, Math.abs(skewSeconds), skewSeconds < 0 ? "behind" : "ahead of"));
      this.msgId = msgId;
      this.skewSeconds = skewSeconds;
    }

    public long msgId() {
      return msgId;
    }

    /** Peer time minus our corrected time, in seconds. */
    public long skewSeconds() {
      return skewSeconds;
    }
  }

  /** A msg_id seen before, or older than every id remembered: a replay. */
  public static final class DuplicateMsgId extends MessageRejectedException {
    private final long msgId;

    public DuplicateMsgId(long msgId) {
      super("msg_id %016x was already received (or is older than all remembered ids)".formatted(msgId));
      this.msgId = msgId;
    }

    public long msgId() {
      return msgId;
    }
  }

  /** A plain (unencrypted) message that breaks the format. */
  public static final class BadPlainMessage extends MessageRejectedException {
    public BadPlainMessage(String what) {
      super("plain message rejected: " + what);
    }
  }
}
