package dev.tgkit.test.internal.world;

import dev.tgkit.tl.api.Update;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One account's log of the updates that moved its {@code pts}, each with the pts it reached: what
 * {@code updates.getDifference} answers from (<a
 * href="https://core.telegram.org/api/updates#recovering-gaps">recovering gaps</a>). It keeps the
 * newest entries up to a capacity and forgets older ones, as Telegram does; a client asking from
 * before the oldest entry kept has missed more than can be given, and gets {@code
 * updates.differenceTooLong}. Guarded by the world's lock.
 */
final class UpdateLog {

  /**
   * One update as it was pushed.
   *
   * @param pts the account's pts after it
   * @param ptsCount how far it moved pts
   * @param date when it happened, Telegram's Unix seconds
   * @param update the update, naming {@code pts} and {@code ptsCount}
   * @param users the users it mentions, whom an answer must describe
   * @param chats the basic groups it mentions
   */
  record Entry(int pts, int ptsCount, int date, Update update, Set<Long> users, Set<Long> chats) {}

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  /** The pts before the oldest entry kept: everything after it is here. */
  private int floor;

  /** Logs {@code entry}, then forgets the oldest entries beyond {@code capacity}. */
  void add(Entry entry, int capacity) {
    entries.addLast(entry);
    trim(capacity);
  }

  /** Forgets the oldest entries beyond {@code capacity}. */
  void trim(int capacity) {
    while (entries.size() > capacity) {
      floor = entries.removeFirst().pts();
    }
  }

  /** Whether every update after {@code pts} is still in the log. */
  boolean holdsAllAfter(int pts) {
    return pts >= floor;
  }

  /** The first {@code limit} entries after {@code pts}, oldest first. */
  List<Entry> after(int pts, int limit) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (out.size() == limit) {
        break;
      }
      if (e.pts() > pts) {
        out.add(e);
      }
    }
    return out;
  }

  /** How many entries are kept. */
  int size() {
    return entries.size();
  }
}
