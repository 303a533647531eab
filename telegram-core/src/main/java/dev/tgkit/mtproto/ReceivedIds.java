package dev.tgkit.mtproto;

import java.util.Arrays;

/**
 * The msg_ids received most recently, to ignore replays: the guidelines ask a receiver to keep
 * a window of recent ids and drop any message whose id is in it, or older than all of it.
 * Bounded: a sorted array of at most {@code capacity} ids. It starts small and doubles as ids
 * arrive, so the thousands of idle sessions one process may hold cost little. Not thread-safe.
 */
final class ReceivedIds {

  private static final int INITIAL = 32;

  private final int capacity;
  private long[] ids;
  private int size;

  ReceivedIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    ids = new long[Math.min(capacity, INITIAL)];
  }

  /** Records {@code id}; false if it was seen before or is older than everything remembered. */
  boolean record(long id) {
    if (isBeyondWindow(id)) {
      return false;
    }
    int at = Arrays.binarySearch(ids, 0, size, id);
    if (at >= 0) {
      return false;
    }
    int insert = -at - 1;
    if (size == capacity) {
      // Drop the oldest to make room; insert shifts left by one.
      System.arraycopy(ids, 1, ids, 0, insert - 1);
      ids[insert - 1] = id;
    } else {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, Math.min(capacity, ids.length * 2));
      }
      System.arraycopy(ids, insert, ids, insert + 1, size - insert);
      ids[insert] = id;
      size++;
    }
    return true;
  }

  boolean contains(long id) {
    return Arrays.binarySearch(ids, 0, size, id) >= 0;
  }

  /**
   * Whether {@code id} is older than everything a full window remembers, so that whether it was
   * received before can no longer be told.
   */
  boolean isBeyondWindow(long id) {
    return size == capacity && id < ids[0];
  }

  void clear() {
    size = 0;
  }
}
