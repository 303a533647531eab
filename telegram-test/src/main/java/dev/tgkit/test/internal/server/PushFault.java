package dev.tgkit.test.internal.server;

import dev.tgkit.test.Faults;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a matching push fault of {@link Faults} does to one update pushed to one session; see the
 * methods that add each.
 */
public sealed interface PushFault {

  /** Which fault applies to the next push to a session of an account: {@link Faults} as consulted. */
  @FunctionalInterface
  interface Schedule {

    /** What to do with the next push to a session signed in as {@code userId}; or null: send it. */
    @Nullable PushFault next(long userId);
  }

  /** Not sent: lost on the way, while the account's update log keeps it. */
  record Drop() implements PushFault {}

  /** Sent {@code delay} later, on the connection the session uses then. */
  record Delay(Duration delay) implements PushFault {}

  /** Held back and sent after the session's next push. */
  record HoldBack() implements PushFault {}

  /** {@code updatesTooLong} goes out instead. */
  record TooLong() implements PushFault {}
}
