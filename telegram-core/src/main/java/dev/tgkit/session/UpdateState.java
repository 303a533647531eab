package dev.tgkit.session;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How far updates were read, so a restarted client asks Telegram for what it missed instead of
 * losing it (<a href="https://core.telegram.org/api/updates">updates</a>). Immutable.
 *
 * @param pts the account's message-box position (private chats and small groups)
 * @param qts the secret-chat and bot-event position
 * @param date the date of the last update read, as Telegram's Unix seconds
 * @param seq the sequence number of the last {@code updates}/{@code updatesCombined} applied
 * @param channelPts each channel's own position, by channel id; channels have separate boxes
 */
public record UpdateState(int pts, int qts, int date, int seq, Map<Long, Integer> channelPts) {

  public UpdateState {
    if (pts < 0 || qts < 0 || seq < 0) {
      throw new IllegalArgumentException(
          "pts, qts and seq are not negative, got pts=" + pts + ", qts=" + qts + ", seq=" + seq);
    }
    for (Map.Entry<Long, Integer> e : channelPts.entrySet()) {
      if (e.getKey() == null || e.getKey() <= 0) {
        throw new IllegalArgumentException("a channel id is positive, got " + e.getKey());
      }
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException("the pts of channel " + e.getKey() + " is not negative, got " + e.getValue());
      }
    }
    channelPts = Map.copyOf(channelPts);
  }

  /** The state of a fresh account, before any update: everything at 0, no channels. */
  public UpdateState(int pts, int qts, int date, int seq) {
    this(pts, qts, date, seq, Map.of());
  }

  /** The pts of channel {@code channelId}, if known. */
  public OptionalInt channelPts(long channelId) {
    Integer pts = channelPts.get(channelId);
    return pts == null ? OptionalInt.empty() : OptionalInt.of(pts);
  }

  /** This state with the account-wide positions replaced, keeping every channel's. */
  public UpdateState withCommon(int nextPts, int nextQts, int nextDate, int nextSeq) {
    return new UpdateState(nextPts, nextQts, nextDate, nextSeq, channelPts);
  }

  /** This state with channel {@code channelId} at {@code pts}. */
  public UpdateState withChannelPts(long channelId, int pts) {
    Map<Long, Integer> next = new HashMap<>(channelPts);
    next.put(channelId, pts);
    return new UpdateState(this.pts, qts, date, seq, next);
  }

  /** This state without channel {@code channelId}, as after leaving it. */
  public UpdateState withoutChannel(long channelId) {
    if (!channelPts.containsKey(channelId)) {
      return this;
    }
    Map<Long, Integer> next = new HashMap<>(channelPts);
    next.remove(channelId);
    return new UpdateState(pts, qts, date, seq, next);
  }

  @Override
  public String toString() {
    // Thousands of channels would drown a log line; their count says enough.
    return "UpdateState[pts=" + pts + ", qts=" + qts + ", date=" + date + ", seq=" + seq + ", channels="
        + channelPts.size() + "]";
  }
}
