package dev.tgkit.test;

import java.util.random.RandomGenerator;

/**
 * One data center's server salts. Telegram gives every client the same current salt, changes it
 * periodically, and keeps accepting the previous one for a while so that messages in flight are not
 * rejected (<a href="https://core.telegram.org/mtproto/description#server-salt">server salt</a>).
 * Rotation happens lazily when the clock passes the period, or on demand for fault injection.
 * Thread-safe.
 */
final class Salts {

  private final RandomGenerator random;
  private final long periodMillis;
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

  /** Replaces the current salt at once, keeping the old one in grace. */
  synchronized void rotate(long nowMillis) {
    previous = current;
    long next;
    do {
      next = random.nextLong();
    } while (next == previous);
    current = next;
    rotatedAtMillis = nowMillis;
    generation++;
  }

  /** How many times the salt changed; tells whether a key's first salt is still in grace. */
  synchronized long generation(long nowMillis) {
    rotateIfDue(nowMillis);
    return generation;
  }

  private void rotateIfDue(long nowMillis) {
    if (nowMillis - rotatedAtMillis >= periodMillis) {
      rotate(nowMillis);
    }
  }
}
