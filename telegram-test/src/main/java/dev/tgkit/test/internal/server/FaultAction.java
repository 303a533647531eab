package dev.tgkit.test.internal.server;

import dev.tgkit.test.Faults;
import dev.tgkit.tl.TlFunction;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What a matching fault of {@link Faults} does to a request; see the methods that add each. */
public sealed interface FaultAction {

  /** Which action applies to a request, if any: {@link Faults} as the server consults it. */
  @FunctionalInterface
  interface Schedule {

    /** What to do with {@code request} on {@code dcId}, consuming one use; or null: serve it. */
    @Nullable FaultAction next(int dcId, TlFunction<?> request);
  }

  record AnswerError(int code, String message) implements FaultAction {}

  record Delay(Duration delay) implements FaultAction {}

  record DropBefore() implements FaultAction {}

  record DropAfter() implements FaultAction {}

  record Hostile(Faults.HostileBytes kind) implements FaultAction {}
}
