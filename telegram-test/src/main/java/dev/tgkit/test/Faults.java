package dev.tgkit.test;

import dev.tgkit.test.internal.server.FaultAction;
import dev.tgkit.test.internal.server.PushFault;
import dev.tgkit.tl.TlFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Misbehaviour the embedded Telegram shows for chosen requests, so tests can see how a client
 * copes with what real networks and data centers do:
 *
 * <ul>
 *   <li>{@link #answerError answerError}: an {@code rpc_error} such as {@code FLOOD_WAIT_N} or
 *       {@code PHONE_MIGRATE_N} instead of executing the request;
 *   <li>{@link #delayAnswers delayAnswers}: the request is executed at once, its answer sent only
 *       after a delay (on the connection its session uses then, or with the session's next
 *       packet if it has none), while other requests are answered meanwhile;
 *   <li>{@link #dropBeforeAnswering dropBeforeAnswering}: the connection closes on receipt and the
 *       request is not executed, so the client must send it again;
 *   <li>{@link #dropAfterAnswering dropAfterAnswering}: the request is executed and answered, then
 *       the connection closes;
 *   <li>{@link #answerWithHostileBytes answerWithHostileBytes}: bytes no correct server sends
 *       ({@link HostileBytes}) go out instead of the answer.
 * </ul>
 *
 * <p>A fault matches a request class after {@code invokeWithLayer}, {@code initConnection} and the
 * other wrappers are unwrapped, on every data center or one ({@code ...OnDc}), for ever (until
 * {@link #clear}) or a given number of times. Faults are tried in the order they were added; the
 * first that matches applies and uses up one of its times. Every method returns this object, so
 * faults chain. Thread-safe: tests add faults while the server runs.
 *
 * <p>Push faults act on the <a href="https://core.telegram.org/api/updates">updates</a> the server
 * pushes to the sessions of one account, as a real network and Telegram's own servers lose, delay
 * and reorder them: {@link #dropPushes dropPushes}, {@link #dropNextPushes dropNextPushes}, {@link
 * #delayPushes delayPushes}, {@link #reorderPushes reorderPushes} and {@link
 * #replacePushesWithUpdatesTooLong replacePushesWithUpdatesTooLong}. They touch only what goes out
 * on the wire: the account's update log keeps every update, so {@code updates.getDifference} still
 * returns it. They apply to each push to each session in turn, the first matching fault winning,
 * the same way as request faults. {@link EmbeddedTelegram#pushUpdatesTooLong} and {@link
 * EmbeddedTelegram#forgetSessions} do the same kind of harm at once.
 */
public final class Faults {

  /**
   * What a broken or malicious server may send instead of an answer (<a
   * href="https://core.telegram.org/mtproto/security_guidelines">security guidelines</a>): a
   * client must drop the connection, log it, reconnect and send the request again.
   */
  public enum HostileBytes {
    /** A well-framed packet of random bytes. */
    GARBAGE_FRAME,
    /** The encrypted answer, with another auth_key_id. */
    WRONG_AUTH_KEY_ID,
    /** The encrypted answer, with one bit of its msg_key flipped. */
    TAMPERED_MSG_KEY,
    /** A frame header announcing 16 MiB or more, beyond what any client should accept. */
    HUGE_LENGTH
  }

  /** A fault's times left: Integer.MAX_VALUE for ever. */
  private abstract static class Counted {
    private int remaining;

    Counted(int remaining) {
      this.remaining = remaining;
    }

    /** Uses one of the times; true when that was the last. */
    boolean usedUp() {
      return remaining != Integer.MAX_VALUE && --remaining == 0;
    }
  }

  private static final class Fault extends Counted {
    final Class<?> method;
    final int dcId; // 0: every data center
    final FaultAction action;

    Fault(Class<?> method, int dcId, FaultAction action, int remaining) {
      super(remaining);
      this.method = method;
      this.dcId = dcId;
      this.action = action;
    }
  }

  private static final class PushRule extends Counted {
    final long userId;
    final PushFault fault;
    final double fraction; // of the pushes it applies to, drawn from random; 1: every one
    final @Nullable Random random;

    PushRule(long userId, PushFault fault, double fraction, @Nullable Random random, int remaining) {
      super(remaining);
      this.userId = userId;
      this.fault = fault;
      this.fraction = fraction;
      this.random = random;
    }
  }

  private final List<Fault> faults = new ArrayList<>();
  private final List<PushRule> pushRules = new ArrayList<>();

  /** Answers every {@code method} request, on every data center, with this error until {@link #clear}. */
  public Faults answerError(Class<? extends TlFunction<?>> method, int code, String message) {
    return add(method, 0, error(code, message), Integer.MAX_VALUE);
  }

  /** Answers the next {@code times} {@code method} requests, on any data center, with this error. */
  public Faults answerError(Class<? extends TlFunction<?>> method, int code, String message, int times) {
    return add(method, 0, error(code, message), times);
  }

  /**
   * Answers {@code method} requests that reach data center {@code dcId} with this error, {@code
   * times} times (use {@code Integer.MAX_VALUE} for always): how a wrong DC answers
   * {@code PHONE_MIGRATE_2}.
   */
  public Faults answerErrorOnDc(
      int dcId, Class<? extends TlFunction<?>> method, int code, String message, int times) {
    return add(method, positive(dcId), error(code, message), times);
  }

  /**
   * Sends the answer to every {@code method} request, on every data center, {@code delay} after
   * the request arrived, until {@link #clear}: a slow method, to test timeouts and that other
   * requests are not held up behind it.
   */
  public Faults delayAnswers(Class<? extends TlFunction<?>> method, Duration delay) {
    return add(method, 0, delay(delay), Integer.MAX_VALUE);
  }

  /** Delays the answers to the next {@code times} {@code method} requests, on any data center. */
  public Faults delayAnswers(Class<? extends TlFunction<?>> method, Duration delay, int times) {
    return add(method, 0, delay(delay), times);
  }

  /** Delays the answers to {@code method} requests that reach data center {@code dcId}. */
  public Faults delayAnswersOnDc(
      int dcId, Class<? extends TlFunction<?>> method, Duration delay, int times) {
    return add(method, positive(dcId), delay(delay), times);
  }

  /**
   * Closes the connection whenever a {@code method} request arrives, on every data center, without
   * executing or answering it, until {@link #clear}: a network that fails mid-request.
   */
  public Faults dropBeforeAnswering(Class<? extends TlFunction<?>> method) {
    return add(method, 0, new FaultAction.DropBefore(), Integer.MAX_VALUE);
  }

  /** Closes the connection on the next {@code times} {@code method} requests, on any data center. */
  public Faults dropBeforeAnswering(Class<? extends TlFunction<?>> method, int times) {
    return add(method, 0, new FaultAction.DropBefore(), times);
  }

  /** Closes the connection on {@code method} requests that reach data center {@code dcId}. */
  public Faults dropBeforeAnsweringOnDc(int dcId, Class<? extends TlFunction<?>> method, int times) {
    return add(method, positive(dcId), new FaultAction.DropBefore(), times);
  }

  /**
   * Executes and answers every {@code method} request, on every data center, then closes the
   * connection once the answer is written, until {@link #clear}: a client must not take the
   * closed connection for a lost answer.
   */
  public Faults dropAfterAnswering(Class<? extends TlFunction<?>> method) {
    return add(method, 0, new FaultAction.DropAfter(), Integer.MAX_VALUE);
  }

  /** Answers the next {@code times} {@code method} requests, on any data center, then closes. */
  public Faults dropAfterAnswering(Class<? extends TlFunction<?>> method, int times) {
    return add(method, 0, new FaultAction.DropAfter(), times);
  }

  /** Answers {@code method} requests that reach data center {@code dcId}, then closes. */
  public Faults dropAfterAnsweringOnDc(int dcId, Class<? extends TlFunction<?>> method, int times) {
    return add(method, positive(dcId), new FaultAction.DropAfter(), times);
  }

  /**
   * Answers the next {@code times} {@code method} requests, on any data center, with {@code kind}
   * of hostile bytes, and leaves the connection open for the client to close.
   */
  public Faults answerWithHostileBytes(Class<? extends TlFunction<?>> method, HostileBytes kind, int times) {
    return add(method, 0, new FaultAction.Hostile(kind), times);
  }

  /**
   * Loses {@code fraction} (0 to 1) of the updates pushed to {@code account}'s sessions, chosen by a
   * generator seeded with {@code seed}, until {@link #clear}: a push Telegram sent that never
   * arrived. The client finds the gap by pts and recovers with {@code updates.getDifference}, which
   * still returns the lost update. With the same seed and the same pushes, the same ones are lost.
   */
  public Faults dropPushes(TestUser account, double fraction, long seed) {
    return addPush(account, new PushFault.Drop(), fraction, seed, Integer.MAX_VALUE);
  }

  /** Loses the next {@code count} updates pushed to {@code account}'s sessions. */
  public Faults dropNextPushes(TestUser account, int count) {
    return addPush(account, new PushFault.Drop(), 1, 0, count);
  }

  /**
   * Sends every update pushed to {@code account}'s sessions {@code delay} late, until {@link
   * #clear}, in the order they were pushed: a slow route, while answers to requests (which may
   * carry newer updates) are not held up.
   */
  public Faults delayPushes(TestUser account, Duration delay) {
    return addPush(account, new PushFault.Delay(positive(delay)), 1, 0, Integer.MAX_VALUE);
  }

  /**
   * Holds back {@code fraction} (0 to 1) of the updates pushed to {@code account}'s sessions,
   * chosen by a generator seeded with {@code seed}, until {@link #clear}: each one goes out after
   * the session's next push, so the client sees a later pts before an earlier one, as when
   * Telegram's servers push over different routes. A held push with no push after it goes out
   * within a second.
   */
  public Faults reorderPushes(TestUser account, double fraction, long seed) {
    return addPush(account, new PushFault.HoldBack(), fraction, seed, Integer.MAX_VALUE);
  }

  /**
   * Sends {@code updatesTooLong} instead of the next {@code count} updates pushed to {@code
   * account}'s sessions: what Telegram sends when there are too many updates to push, telling the
   * client to call {@code updates.getDifference}, which returns them.
   */
  public Faults replacePushesWithUpdatesTooLong(TestUser account, int count) {
    return addPush(account, new PushFault.TooLong(), 1, 0, count);
  }

  private synchronized Faults addPush(
      TestUser account, PushFault fault, double fraction, long seed, int times) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("a fraction of pushes is in (0, 1], got " + fraction);
    }
    Random random = fraction < 1 ? new Random(seed) : null;
    pushRules.add(new PushRule(account.id(), fault, fraction, random, times(times)));
    return this;
  }

  private static FaultAction error(int code, String message) {
    if (message.isBlank()) {
      throw new IllegalArgumentException("an rpc_error needs a message such as FLOOD_WAIT_2");
    }
    return new FaultAction.AnswerError(code, message);
  }

  private static FaultAction delay(Duration delay) {
    return new FaultAction.Delay(positive(delay));
  }

  private static Duration positive(Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException("a delay is positive, got " + delay);
    }
    return delay;
  }

  private static int positive(int dcId) {
    if (dcId <= 0) {
      throw new IllegalArgumentException("a data center id is positive, got " + dcId);
    }
    return dcId;
  }

  private static int times(int times) {
    if (times <= 0) {
      throw new IllegalArgumentException("a fault applies at least once, got " + times + " times");
    }
    return times;
  }

  private synchronized Faults add(Class<?> method, int dcId, FaultAction action, int times) {
    faults.add(new Fault(method, dcId, action, times(times)));
    return this;
  }

  /** Forgets every fault, on requests and on pushes. */
  public synchronized void clear() {
    faults.clear();
    pushRules.clear();
  }

  /** What to do with {@code request} on {@code dcId}, consuming one use; or null: serve it. */
  synchronized @Nullable FaultAction next(int dcId, TlFunction<?> request) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.method == request.getClass() && (f.dcId == 0 || f.dcId == dcId)) {
        if (f.usedUp()) {
          it.remove();
        }
        return f.action;
      }
    }
    return null;
  }

  /**
   * What to do with the next push to a session signed in as {@code userId}, consuming one use of a
   * counted fault; or null: send it.
   */
  synchronized @Nullable PushFault nextPush(long userId) {
    for (Iterator<PushRule> it = pushRules.iterator(); it.hasNext(); ) {
      PushRule r = it.next();
      if (r.userId != userId || (r.random != null && r.random.nextDouble() >= r.fraction)) {
        continue;
      }
      if (r.usedUp()) {
        it.remove();
      }
      return r.fault;
    }
    return null;
  }
}
