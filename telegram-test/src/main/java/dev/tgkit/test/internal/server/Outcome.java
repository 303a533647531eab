package dev.tgkit.test.internal.server;

import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.test.Faults;
import dev.tgkit.tl.TlObject;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ServerConnection} does after {@link RequestExecutor#execute} handled one request: the
 * answer is computed at once, but {@link Faults} decide when it is queued and whether the
 * connection survives.
 */
public sealed interface Outcome {

  /** Queue the answer with the rest of this packet's answers. */
  record Now(Answer answer) implements Outcome {}

  /** Queue the answer after {@code delay}, on whichever connection the session uses then. */
  record Later(Answer answer, Duration delay) implements Outcome {}

  /** Queue the answer, then close the connection once it is written. */
  record ThenClose(Answer answer) implements Outcome {}

  /** Close the connection at once: the request was not executed. */
  record Drop() implements Outcome {}

  /**
   * Send {@code kind} of hostile bytes; those that spoil an encrypted answer carry {@code answer},
   * the others leave the request unexecuted.
   */
  record Hostile(Faults.HostileBytes kind, @Nullable Answer answer) implements Outcome {}

  /** A result or an {@code rpc_error} for the request sent as {@code reqMsgId}. */
  record Answer(long reqMsgId, @Nullable TlObject result, int errorCode, String errorMessage) {

    static Answer result(long reqMsgId, TlObject result) {
      return new Answer(reqMsgId, result, 0, "");
    }

    static Answer error(long reqMsgId, int code, String message) {
      return new Answer(reqMsgId, null, code, message);
    }

    /** Queues it in {@code session}; the caller holds the session's lock. */
    void queueIn(ServerSession session) {
      TlObject r = result;
      if (r != null) {
        session.answer(reqMsgId, r);
      } else {
        session.answerError(reqMsgId, errorCode, errorMessage);
      }
    }
  }
}
