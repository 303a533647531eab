package dev.tgkit.mtproto;

/**
 * Generates message ids: roughly the sender's unixtime times 2^32, strictly increasing, with
 * the low two bits marking who sent it (<a
 * href="https://core.telegram.org/mtproto/description#message-identifier-msg-id">message
 * identifier</a>).
 *
 * <pre>
 *   63                       32 31                      2 1 0
 *   +--------------------------+-------------------------+---+
 *   |   unixtime (seconds)     |  fraction of the second | k |  k = 0 client, 1 server answer,
 *   +--------------------------+-------------------------+---+      3 server-initiated
 * </pre>
 *
 * <p>The clock is corrected by an offset learnt from the server, so a client whose clock is an
 * hour off still produces ids the server accepts. Not thread-safe.
 */
public final class MessageIds {

  /** The server refuses client ids more than 30 s ahead of its clock. */
  private static final long REFUSED_JUMP_SECONDS = 30;

  private long offsetMillis;
  private long last;

  /** A generator whose clock is {@code offsetMillis} behind the peer's. */
  public MessageIds(long offsetMillis) {
    this.offsetMillis = offsetMillis;
  }

  /** The next client message id (divisible by 4) at local time {@code nowMillis}. */
  public long nextClientId(long nowMillis) {
    return next(nowMillis, 0);
  }

  /** The next id of a server answer to a client message ({@code id % 4 == 1}). */
  public long nextServerAnswerId(long nowMillis) {
    return next(nowMillis, 1);
  }

  /** The next id of a message the server sends of its own accord ({@code id % 4 == 3}). */
  public long nextServerInitiatedId(long nowMillis) {
    return next(nowMillis, 3);
  }

  private long next(long nowMillis, int kind) {
    long id = fromMillis(nowMillis + offsetMillis) | kind;
    if (id <= last) {
      // Same fraction as the last id, or the clock went back: stay strictly increasing and keep
      // the kind bits.
      id = ((last + 4) & ~3L) | kind;
    }
    last = id;
    return id;
  }

  /** The id that time {@code millis} maps to, kind bits clear. */
  public static long fromMillis(long millis) {
    long seconds = Math.floorDiv(millis, 1000);
    long fraction = ((long) Math.floorMod(millis, 1000) << 32) / 1000;
    return (seconds << 32 | fraction) & ~3L;
  }

  /** The sender's unixtime, in seconds, that a message id encodes. */
  public static long seconds(long msgId) {
    return msgId >>> 32;
  }

  /** The time, in milliseconds, that a message id encodes (the fraction included). */
  public static long toMillis(long msgId) {
    return (msgId >>> 32) * 1000 + (((msgId & 0xFFFF_FFFFL) * 1000) >>> 32);
  }

  /**
   * Adopts the peer's time as read from one of its message ids. Used when the server says our
   * ids are too low or too high (bad_msg_notification 16/17) and on the first message of a
   * session.
   *
   * <p>Ids stay strictly increasing, which the server requires within a session, unless the
   * corrected clock is more than {@value #REFUSED_JUMP_SECONDS} s behind the last id: ids that
   * far ahead are refused anyway (a client clock an hour fast), so they must not hold back the
   * corrected ones.
   */
  public void synchronize(long peerMsgId, long nowMillis) {
    offsetMillis = toMillis(peerMsgId) - nowMillis;
    if (seconds(last) - Math.floorDiv(nowMillis + offsetMillis, 1000) > REFUSED_JUMP_SECONDS) {
      last = 0;
    }
  }

  /** Milliseconds to add to local time to get the peer's time. */
  public long offsetMillis() {
    return offsetMillis;
  }
}
