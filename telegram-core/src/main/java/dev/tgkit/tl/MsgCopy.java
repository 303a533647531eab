package dev.tgkit.tl;

/**
 * {@code msg_copy#e06046b2 orig_message:Message = MessageCopy}: a copy of a message sent
 * earlier. Telegram does not send it today; it is decoded so that a server which does is
 * understood rather than rejected.
 */
public record MsgCopy(ContainedMessage origMessage) implements TlObject {

  public static final int CONSTRUCTOR_ID = 0xe06046b2;

  @Override
  public int constructorId() {
    return CONSTRUCTOR_ID;
  }

  @Override
  public void serializeBare(TlWriter out) {
    origMessage.serializeBare(out);
  }

  /** Reads the fields, the constructor id already consumed. */
  public static MsgCopy readBare(TlReader in) {
    return new MsgCopy(ContainedMessage.readBare(in));
  }
}
