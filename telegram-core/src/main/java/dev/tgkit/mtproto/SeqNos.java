package dev.tgkit.mtproto;

/**
 * Message sequence numbers: twice the number of content-related messages sent before, plus one
 * if this message is content-related itself (<a
 * href="https://core.telegram.org/mtproto/description#message-sequence-number-msg-seqno">message
 * sequence number</a>). Content-related messages are those that need an acknowledgment:
 * requests and their answers, but not acks, containers or {@code msgs_state_info}. Not
 * thread-safe.
 */
public final class SeqNos {

  private int contentRelated;

  /** The next seqno for a message of the given kind. */
  public int next(boolean isContentRelated) {
    if (isContentRelated) {
      return contentRelated++ * 2 + 1;
    }
    return contentRelated * 2;
  }

  /** Starts over, as a new session does. */
  public void reset() {
    contentRelated = 0;
  }
}
