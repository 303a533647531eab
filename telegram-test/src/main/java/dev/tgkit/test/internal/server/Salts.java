package dev.tgkit.test.internal.server;

import dev.tgkit.tl.mtproto.FutureSaltCtor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One data center's server salts. Telegram gives every client the same current salt, changes it
 * periodically, and keeps accepting the previous one for a while so that messages in flight are not
 * rejected (<a href="https://core.telegram.org/mtproto/description#server-salt">server salt</a>).
 * The salts to come are drawn ahead, so {@code get_future_salts} (<a
 * href="https://core.telegram.org/mtproto/service_messages#request-for-several-future-salts">future
 * salts</a>) tells the truth. Rotation happens lazily when the clock passes the period, or on
 * demand for fault injection. Thread-safe.
 */
public final class Salts {

  /** Most salts {@code get_future_salts} returns; Telegram caps {@code num} at 64 too. */
  static final int MAX_FUTURE = 64;

  private final RandomGenerator random;
  private final long periodMillis;
  private final List<Long> upcoming = new ArrayList<>();
  private long current;
  private long previous;
  private long rotatedAtMillis;
  private long generation;

  Salts(RandomGenerator random, long periodMillis, long nowMillis) {
    this.random = random;
    this.periodMillis = periodMillis;
    this.current = random.nextLong();
    this.previous = current;
    this.rotatedAtMillis = nowMillis;
  }

  synchronized long current(long nowMillis) {
    rotateIfDue(nowMillis);
    return current;
  }

  /** Whether a client may use {@code salt} now: the current one, or the previous one in grace. */
  synchronized boolean accepts(long salt, long nowMillis) {
    rotateIfDue(nowMillis);
    return salt == current || (salt == previous && nowMillis - rotatedAtMillis < periodMillis);
  }

  /** Replaces the current salt at once with the next one, keeping the old one in grace. */
  synchronized void rotate(long nowMillis) {
    previous = current;
    current = upcoming.isEmpty() ? draw() : upcoming.removeFirst();
    rotatedAtMillis = nowMillis;
    generation++;
  }

  /** How many times the salt changed; tells whether a key's first salt is still in grace. */
  synchronized long generation(long nowMillis) {
    rotateIfDue(nowMillis);
    return generation;
  }

  /** The current salt and the next {@code count - 1}, with the seconds each is valid. */
  synchronized List<FutureSaltCtor> future(int count, long nowMillis) {
    rotateIfDue(nowMillis);
    int n = Math.clamp(count, 1, MAX_FUTURE);
    while (upcoming.size() < n - 1) {
      upcoming.add(draw());
    }
    List<FutureSaltCtor> salts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long since = rotatedAtMillis + i * periodMillis;
      salts.add(
          new FutureSaltCtor(
              (int) (since / 1000),
              (int) ((since + periodMillis) / 1000),
              i == 0 ? current : upcoming.get(i - 1)));
    }
    return salts;
  }

  private long draw() {
    long next;
    do {
      next = random.nextLong();
    } while (next == current || next == previous || upcoming.contains(next));
    return next;
  }

  private void rotateIfDue(long nowMillis) {
    long periods = (nowMillis - rotatedAtMillis) / periodMillis;
    if (periods < 1) {
      return;
    }
    if (periods > 1) {
      // The salt before the due one is out of its grace as well: skip it without looping.
      rotate(rotatedAtMillis);
    }
    rotate(rotatedAtMillis + periods * periodMillis);
  }
}
