package dev.tgkit.tl;

/**
 * {@code rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult}: the answer to the
 * request sent as message {@code reqMsgId}.
 *
 * <p>{@code result:Object} has no length, so it runs to the end of the enclosing message; it
 * stays serialized here because only the request knows its type ({@link
 * TlFunction#readResult}). It may be an {@code rpc_error} or {@code gzip_packed}.
 */
public record RpcResult(long reqMsgId, Bytes result) implements TlObject {

  public static final int CONSTRUCTOR_ID = 0xf35c6d01;

  @Override
  public int constructorId() {
    return CONSTRUCTOR_ID;
  }

  @Override
  public void serializeBare(TlWriter out) {
    out.writeLong(reqMsgId).writeRaw(result.array());
  }

  /** Reads the fields, the constructor id already consumed; takes all remaining bytes. */
  public static RpcResult readBare(TlReader in) {
    long reqMsgId = in.readLong();
    int at = in.position();
    if (in.remaining() < 4) {
      throw new TlDecodeException("rpc_result without a result", at);
    }
    return new RpcResult(reqMsgId, Bytes.wrap(in.readRaw(in.remaining())));
  }

  /** A reader over the result. */
  public TlReader resultReader() {
    return new TlReader(result.array());
  }
}
