package dev.tgkit.tl;

/**
 * The bare {@code message msg_id:long seqno:int bytes:int body:Object} that {@code msg_container}
 * and {@code msg_copy} hold.
 *
 * <pre>
 *   +--------------+-----------+-----------+-------------------+
 *   | msg_id (i64) | seqno i32 | bytes i32 |  body (bytes)     |
 *   +--------------+-----------+-----------+-------------------+
 * </pre>
 *
 * <p>The body stays serialized: what it holds (an {@code rpc_result} whose answer only the
 * pending request can read, an update, a service message) is decided by the MTProto layer.
 *
 * @param body the boxed object, serialized
 */
public record ContainedMessage(long msgId, int seqNo, Bytes body) {

  /** Bytes before the body. */
  public static final int HEADER_SIZE = 16;

  public ContainedMessage {
    if (body.length() % 4 != 0) {
      throw new IllegalArgumentException(
          "a message body is a whole number of 4-byte words, got " + body.length() + " bytes");
    }
  }

  public static ContainedMessage readBare(TlReader in) {
    long msgId = in.readLong();
    int seqNo = in.readInt();
    int at = in.position();
    int length = in.readInt();
    if (length < 4 || length % 4 != 0 || length > in.remaining()) {
      throw new TlDecodeException(
          "message body length " + length + " invalid with " + in.remaining() + " bytes left", at);
    }
    return new ContainedMessage(msgId, seqNo, Bytes.wrap(in.readRaw(length)));
  }

  public void serializeBare(TlWriter out) {
    out.writeLong(msgId).writeInt(seqNo).writeInt(body.length()).writeRaw(body.array());
  }

  /** A reader over the body. */
  public TlReader bodyReader() {
    return new TlReader(body.array());
  }

  /** The body's constructor id, or 0 if the body is shorter than an id. */
  public int bodyConstructorId() {
    return body.length() < 4 ? 0 : bodyReader().readInt();
  }
}
