package dev.tgkit.client;

import dev.tgkit.client.events.Continue;
import dev.tgkit.client.events.ContinuingHandler;
import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.EventHandler;
import dev.tgkit.client.filters.Filter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event handlers and their dispatch. Handlers are tried in the order they were added: the
 * first whose event type and filter match runs, and the rest are skipped unless it returns {@link
 * Continue#CONTINUE} or all handlers are to be checked.
 *
 * <p>Each event runs on a virtual thread. Events of one chat ({@link Event#chatKey()}) are
 * handled one after another in the order they arrived; different chats' run at once. A failing
 * handler or filter is logged with the event and stops nothing. At most {@code queueLimit}
 * events wait; more are dropped with a warning, so a flood of updates cannot exhaust memory.
 */
final class Handlers {

  private static final Logger log = LoggerFactory.getLogger(Handlers.class);
  private static final long DROP_WARNING_INTERVAL_NANOS = 60_000_000_000L;

  /**
   * One added handler: {@code identity} is what the caller passed, to remove it by; {@code name}
   * tags its observations.
   */
  private static final class Registration {
    final Class<? extends Event> type;
    final Object identity;
    final String name;
    final ContinuingHandler<Event> handler;
    volatile Filter filter;

    Registration(Class<? extends Event> type, Object identity, String name, ContinuingHandler<Event> handler,
        Filter filter) {
      this.type = type;
      this.identity = identity;
      this.name = name;
      this.handler = handler;
      this.filter = filter;
    }
  }

  private final List<Registration> registrations = new CopyOnWriteArrayList<>();
  private final boolean checkAll;
  private final int queueLimit;
  private final ObservationRegistry observations;
  private int added;
  private final ThreadFactory threads = Thread.ofVirtual().name("tgkit-handler-", 0).factory();
  private final Map<String, ArrayDeque<Event>> chats = new HashMap<>();
  private int queued;
  private long dropped;
  private long lastDropWarning;

  Handlers(boolean checkAll, int queueLimit) {
    this(checkAll, queueLimit, ObservationRegistry.NOOP);
  }

  Handlers(boolean checkAll, int queueLimit, ObservationRegistry observations) {
    if (queueLimit < 1) {
      throw new IllegalArgumentException("the update queue limit must be positive, got " + queueLimit);
    }
    this.checkAll = checkAll;
    this.queueLimit = queueLimit;
    this.observations = observations;
  }

  /** Adds {@code handler}, which stops the event at itself once its filter passed; {@code name} may be null. */
  <E extends Event> void on(Class<E> type, Filter filter, EventHandler<? super E> handler, @Nullable String name) {
    Objects.requireNonNull(handler, "handler");
    add(type, filter, handler, event -> {
      handler.handle(event);
      return Continue.STOP;
    }, name);
  }

  /** Adds {@code handler}, whose answer says whether the handlers after it see the event; {@code name} may be null. */
  <E extends Event> void onContinuable(Class<E> type, Filter filter, ContinuingHandler<? super E> handler,
      @Nullable String name) {
    Objects.requireNonNull(handler, "handler");
    add(type, filter, handler, handler, name);
  }

  /**
   * Adds a handler; {@code name} (by default the event type and the handler's place in the order
   * of adding, such as {@code NewMessage#2}) tags its observations.
   */
  @SuppressWarnings("unchecked")
  synchronized <E extends Event> void add(Class<E> type, Filter filter, Object identity,
      ContinuingHandler<? super E> handler, @Nullable String name) {
    for (Registration r : registrations) {
      if (r.identity == identity) {
        throw new IllegalArgumentException("this handler is already added; remove it first or add another");
      }
    }
    added++;
    String named = name != null ? name : type.getSimpleName() + "#" + added;
    registrations.add(new Registration(type, identity, named, (ContinuingHandler<Event>) handler, filter));
  }

  boolean remove(Object identity) {
    return registrations.removeIf(r -> r.identity == identity);
  }

  Optional<Filter> filterOf(Object identity) {
    return find(identity).map(r -> r.filter);
  }

  void setFilter(Object identity, Filter filter) {
    find(identity).orElseThrow(() -> new IllegalArgumentException("no such handler was added")).filter = filter;
  }

  private Optional<Registration> find(Object identity) {
    return registrations.stream().filter(r -> r.identity == identity).findFirst();
  }

  /** Events dropped so far because too many were waiting. */
  synchronized long dropped() {
    return dropped;
  }

  /**
   * Waits until no event is queued or being handled, at most {@code timeout}; returns whether that
   * happened. Events dispatched meanwhile are waited for too.
   */
  synchronized boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!chats.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Queues {@code event} behind the events of its chat; returns at once. */
  void dispatch(Event event) {
    String key = event.chatKey();
    boolean start;
    synchronized (this) {
      if (queued >= queueLimit) {
        dropped++;
        long now = System.nanoTime();
        if (now - lastDropWarning > DROP_WARNING_INTERVAL_NANOS) {
          lastDropWarning = now;
          log.warn("{} events wait for handlers, the limit; dropped {} so far. Handlers are too slow for the updates", queued, dropped);
        }
        return;
      }
      start = enqueue(event, key);
    }
    if (start) {
      threads.newThread(() -> drain(key)).start();
    }
  }

  /**
   * Queues {@code event} as {@link #dispatch} does, but waits while the queue is full instead of
   * dropping it: for catch-up, which holds a backlog that may be larger than the queue and can
   * wait for the handlers, unlike a network thread.
   *
   * @throws InterruptedException if interrupted while waiting; the event is then not queued
   */
  void dispatchWhenRoom(Event event) throws InterruptedException {
    String key = event.chatKey();
    boolean start;
    synchronized (this) {
      while (queued >= queueLimit) {
        wait();
      }
      start = enqueue(event, key);
    }
    if (start) {
      threads.newThread(() -> drain(key)).start();
    }
  }

  /**
   * Adds {@code event} to the queue of its chat, {@code key}, with this locked; returns whether the
   * chat needs a thread to drain it.
   */
  private boolean enqueue(Event event, String key) {
    queued++;
    ArrayDeque<Event> chat = chats.get(key);
    boolean start = chat == null;
    if (start) {
      chat = new ArrayDeque<>();
      chats.put(key, chat);
    }
    chat.add(event);
    return start;
  }

  /** Runs the chat's events until none is left; the next event of the chat starts a new thread. */
  private void drain(String chatKey) {
    boolean done = false;
    try {
      while (true) {
        Event next;
        synchronized (this) {
          ArrayDeque<Event> chat = chats.get(chatKey);
          next = chat.poll();
          if (next == null) {
            chats.remove(chatKey);
            if (chats.isEmpty()) {
              notifyAll(); // awaitIdle
            }
            done = true;
            return;
          }
          if (queued-- == queueLimit) {
            notifyAll(); // dispatchWhenRoom
          }
        }
        handle(next);
      }
    } finally {
      if (!done) {
        // Only a fatal error gets here: leave the chat able to start again rather than stuck.
        synchronized (this) {
          ArrayDeque<Event> chat = chats.remove(chatKey);
          if (chat != null) {
            queued -= chat.size();
          }
          notifyAll();
        }
      }
    }
  }

  /** Runs the handlers that want {@code event}, in order. */
  void handle(Event event) {
    for (Registration r : registrations) {
      if (!r.type.isInstance(event) || !passes(r, event)) {
        continue;
      }
      Continue result;
      Observation observation = Observation.createNotStarted(Client.HANDLER_OBSERVATION, observations)
          .lowCardinalityKeyValue("handler", r.name)
          .lowCardinalityKeyValue("event", event.getClass().getSimpleName())
          .start();
      try {
        result = r.handler.handle(event);
        observation.lowCardinalityKeyValue("outcome", "success");
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Exception | Error e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        log.error("a handler failed on {}; going on with the next event", event, e);
        observation.lowCardinalityKeyValue("outcome", "error").error(e);
        result = Continue.STOP;
      } finally {
        observation.stop();
      }
      if (result != Continue.CONTINUE && !checkAll) {
        return;
      }
    }
  }

  private static boolean passes(Registration r, Event event) {
    try {
      return r.filter.test(event);
    } catch (RuntimeException e) {
      log.error("a filter failed on {}; taking it as not passed", event, e);
      return false;
    }
  }
}
