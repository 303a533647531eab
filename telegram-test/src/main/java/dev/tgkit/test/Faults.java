package dev.tgkit.test;

import dev.tgkit.tl.TlFunction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Errors the embedded Telegram answers instead of executing a request, so tests can see how a
 * client copes with {@code FLOOD_WAIT_N}, {@code PHONE_MIGRATE_N} and the like. A fault matches
 * a request class (after {@code invokeWithLayer}/{@code initConnection} are unwrapped), on every
 * data center or one, a given number of times. Thread-safe.
 */
public final class Faults {

  private static final class Fault {
    final Class<?> method;
    final int dcId; // 0: every data center
    final int code;
    final String message;
    int remaining; // Integer.MAX_VALUE: for ever

    Fault(Class<?> method, int dcId, int code, String message, int remaining) {
      this.method = method;
      this.dcId = dcId;
      this.code = code;
      this.message = message;
      this.remaining = remaining;
    }
  }

  private final List<Fault> faults = new ArrayList<>();

  /** Answers every {@code method} request, on every data center, with this error until {@link #clear}. */
  public Faults answerError(Class<? extends TlFunction<?>> method, int code, String message) {
    return add(method, 0, code, message, Integer.MAX_VALUE);
  }

  /** Answers the next {@code times} {@code method} requests, on any data center, with this error. */
  public Faults answerError(Class<? extends TlFunction<?>> method, int code, String message, int times) {
    return add(method, 0, code, message, times);
  }

  /**
   * Answers {@code method} requests that reach data center {@code dcId} with this error, {@code
   * times} times (use {@code Integer.MAX_VALUE} for always): how a wrong DC answers
   * {@code PHONE_MIGRATE_2}.
   */
  public Faults answerErrorOnDc(
      int dcId, Class<? extends TlFunction<?>> method, int code, String message, int times) {
    if (dcId <= 0) {
      throw new IllegalArgumentException("a data center id is positive, got " + dcId);
    }
    return add(method, dcId, code, message, times);
  }

  private synchronized Faults add(Class<?> method, int dcId, int code, String message, int times) {
    if (times <= 0) {
      throw new IllegalArgumentException("a fault applies at least once, got " + times + " times");
    }
    if (message.isBlank()) {
      throw new IllegalArgumentException("an rpc_error needs a message such as FLOOD_WAIT_2");
    }
    faults.add(new Fault(method, dcId, code, message, times));
    return this;
  }

  /** Forgets every fault. */
  public synchronized void clear() {
    faults.clear();
  }

  /** The error to answer {@code request} on {@code dcId} with, consuming one use; or null. */
  synchronized @Nullable RpcErrorException next(int dcId, TlFunction<?> request) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.method == request.getClass() && (f.dcId == 0 || f.dcId == dcId)) {
        if (f.remaining != Integer.MAX_VALUE && --f.remaining == 0) {
          it.remove();
        }
        return new RpcErrorException(f.code, f.message);
      }
    }
    return null;
  }
}
