package dev.tgkit.tl;

import java.util.List;

/**
 * {@code msg_container#73f1f8dc messages:vector<%message> = MessageContainer}: several messages
 * sent as one (<a href="https://core.telegram.org/mtproto/service_messages#containers">service
 * messages: containers</a>).
 *
 * <pre>
 *   +------------+-------+-----------------+-----------------+----
 *   | 0x73f1f8dc | count | message 1       | message 2       | ...
 *   +------------+-------+-----------------+-----------------+----
 * </pre>
 */
public record MsgContainer(List<ContainedMessage> messages) implements TlObject {

  public static final int CONSTRUCTOR_ID = 0x73f1f8dc;

  public MsgContainer {
    messages = List.copyOf(messages);
  }

  @Override
  public int constructorId() {
    return CONSTRUCTOR_ID;
  }

  @Override
  public void serializeBare(TlWriter out) {
    out.writeBareVector(messages, (w, m) -> m.serializeBare(w));
  }

  /** Reads the fields, the constructor id already consumed. */
  public static MsgContainer readBare(TlReader in) {
    return new MsgContainer(in.readBareVector(ContainedMessage::readBare));
  }
}
