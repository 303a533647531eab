package dev.tgkit.client;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.types.Message;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.SessionUser;
import dev.tgkit.session.UpdateState;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.api.updates.GetDifference;
import dev.tgkit.tl.api.updates.GetState;
import dev.tgkit.tl.api.updates.StateCtor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's <a href="https://core.telegram.org/api/updates">updates</a>, for a {@link
 * Client}: what Telegram pushes, and what answers to the client's own requests carry, moves the
 * saved update state and becomes events for the {@link Handlers}. On connect the state is fetched
 * or, with {@linkplain Client.Builder#catchUp catch-up}, what was missed is delivered first
 * ({@link CatchUp}), and what arrives meanwhile waits. Gaps while connected are not looked for
 * yet: the newest pts, seq and date win.
 */
final class UpdateLoop implements UpdatesStep.Sink {

  private static final Logger log = LoggerFactory.getLogger(UpdateLoop.class);

  private final Client client;
  private final StoredSession sessions;
  private final Handlers handlers;
  private final PeerCache peerCache;
  private final ObservationRegistry observations;
  private final Clock clock;
  // False from a graceful disconnect until the next connect: updates are then neither handled nor saved.
  private volatile boolean takingUpdates;
  private volatile @Nullable Instant lastUpdate;
  // Serializes the handling of updates, so those that waited for catch-up go first.
  private final Object updatesLock = new Object();
  // While catch-up runs, the updates that arrived meanwhile, in order; null otherwise. Guarded by updatesLock.
  private @Nullable List<Arrived> arrivedDuringCatchUp;
  // The pts the last catch-up reached (0 if none): it delivered every update up to there, so those
  // arriving later (an answer that lost the race with getDifference's) are not handled again.
  // Guarded by updatesLock.
  private int caughtUpTo;

  /**
   * Updates that arrived during catch-up; {@code sent}, the event of this client's own message when
   * the answer ({@code updateShortSentMessage}) holds none.
   */
  private record Arrived(Updates updates, @Nullable Event sent) {}

  UpdateLoop(Client client, StoredSession sessions, Handlers handlers, PeerCache peerCache,
      ObservationRegistry observations, Clock clock) {
    this.client = client;
    this.sessions = sessions;
    this.handlers = handlers;
    this.peerCache = peerCache;
    this.observations = observations;
    this.clock = clock;
  }

  /**
   * A connection is being made: updates are taken from now on. With {@code catchingUp}, those
   * pushed from the first connection on wait for catch-up, which may hold them already.
   */
  void start(boolean catchingUp) {
    synchronized (updatesLock) {
      arrivedDuringCatchUp = catchingUp ? new ArrayList<>() : null;
      caughtUpTo = 0;
    }
    takingUpdates = true;
  }

  /**
   * Connected as a signed-in account: catches up from the saved state through {@code rpc} if
   * {@code catchingUp} (and there is one), else fetches Telegram's current state and says how much
   * was skipped.
   */
  void resume(Rpc rpc, boolean catchingUp) {
    UpdateState saved = sessions.current().updateState();
    if (catchingUp && saved != null) {
      catchUp(rpc, saved);
    } else {
      fetchState(rpc);
      reportSkipped(saved);
    }
  }

  /** Updates arriving from now on are neither handled nor saved: a graceful disconnect began. */
  void stopTaking() {
    takingUpdates = false;
  }

  /** Ends a catch-up that will not finish (signed out, disconnecting): what waited for it is dropped. */
  void abandonCatchUp() {
    endCatchUp(null);
  }

  /** When the last update arrived, by the client's clock; empty before the first. */
  Optional<Instant> lastUpdateAt() {
    return Optional.ofNullable(lastUpdate);
  }

  /**
   * Fetches what the account missed since {@code saved} ({@link CatchUp}) and hands it to the
   * handlers, then the updates that arrived meanwhile and are newer. If Telegram refuses the saved
   * state, goes on from its current one, as without catch-up.
   */
  private void catchUp(Rpc rpc, UpdateState saved) {
    UpdateState reached;
    try {
      reached = CatchUp.run(saved, new CatchUp.Steps() {
        @Override
        public dev.tgkit.tl.api.updates.Difference getDifference(UpdateState from) {
          return rpc.invoke(GetDifference.builder(from.pts(), from.date(), from.qts()).build());
        }

        @Override
        public StateCtor getState() {
          return (StateCtor) rpc.invoke(new GetState());
        }

        @Override
        public void deliver(List<dev.tgkit.tl.api.Message> newMessages, List<dev.tgkit.tl.api.Update> otherUpdates,
            List<dev.tgkit.tl.api.User> users, List<dev.tgkit.tl.api.Chat> chats) {
          caughtUp(newMessages, otherUpdates, users, chats);
        }

        @Override
        public void save(UpdateState state) {
          sessions.update(s -> s.withUpdateState(state));
        }
      });
    } catch (RpcError.BadRequest e) {
      // PERSISTENT_TIMESTAMP_INVALID and the like: a state of another account, or from the future.
      log.warn("Telegram refused the saved update state ({}): going on from its current one; updates missed while"
          + " away are not delivered", e.name());
      fetchState(rpc);
      reached = Objects.requireNonNull(sessions.current().updateState());
    }
    endCatchUp(reached);
  }

  /** Hands one catch-up answer's events to the handlers, waiting for room rather than dropping any. */
  private void caughtUp(List<dev.tgkit.tl.api.Message> newMessages, List<dev.tgkit.tl.api.Update> otherUpdates,
      List<dev.tgkit.tl.api.User> users, List<dev.tgkit.tl.api.Chat> chats) {
    if (newMessages.isEmpty() && otherUpdates.isEmpty()) {
      return;
    }
    lastUpdate = clock.instant();
    Observation observation = Observation.createNotStarted(Client.UPDATES_OBSERVATION, observations)
        .lowCardinalityKeyValue("type", "difference")
        .start();
    try {
      SessionUser me = sessions.current().user();
      for (Event event : UpdateEvents.ofDifference(newMessages, otherUpdates, users, chats, me == null ? 0 : me.id(),
          me == null ? null : me.username(), client, peerCache)) {
        handlers.dispatchWhenRoom(event);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      observation.error(e);
      throw new CancellationException("interrupted while handing caught-up updates to the handlers");
    } catch (RuntimeException e) {
      observation.error(e);
      throw e;
    } finally {
      observation.stop();
    }
  }

  /**
   * Ends catch-up at {@code reached}: the updates that arrived meanwhile are handled, but those the
   * state already covers (catch-up delivered them). Null drops them: there is no account to catch
   * up, or the client is disconnecting.
   */
  private void endCatchUp(@Nullable UpdateState reached) {
    synchronized (updatesLock) {
      List<Arrived> arrived = arrivedDuringCatchUp;
      arrivedDuringCatchUp = null;
      if (arrived == null || reached == null) {
        return;
      }
      caughtUpTo = reached.pts();
      int handled = 0;
      for (Arrived a : arrived) {
        if (applyNewer(a.updates(), a.sent())) {
          handled++;
        }
      }
      log.debug("{} updates arrived during catch-up; {} of them it had not delivered", arrived.size(), handled);
    }
  }

  /**
   * Applies what of {@code updates} the last catch-up did not deliver; {@code sent} goes with them
   * unless they were cut. Called with {@link #updatesLock} held. Returns whether anything was left.
   */
  private boolean applyNewer(Updates updates, @Nullable Event sent) {
    Updates newer = UpdateEvents.newerThan(updates, caughtUpTo);
    if (newer == null) {
      return false;
    }
    apply(newer, newer == updates ? sent : null);
    return true;
  }

  /** Without catch-up: says how many updates were skipped since {@code saved}, if any. */
  private void reportSkipped(@Nullable UpdateState saved) {
    UpdateState now = sessions.current().updateState();
    if (saved != null && now != null && now.pts() > saved.pts()) {
      log.info("{} pts of updates arrived while this session was away (pts {} to {}) and are skipped;"
          + " Client.Builder.catchUp(true) delivers them on connect", now.pts() - saved.pts(), saved.pts(), now.pts());
    }
  }

  /**
   * Keeps the account's update state as updates carry it forward and saves it, so a restart knows
   * how far updates were read. Gaps are not looked for yet: the newest pts, seq and date win.
   */
  private void advance(Updates updates) {
    int[] psd = UpdateEvents.position(updates);
    if (psd == null) {
      return;
    }
    sessions.updateSoon(s -> {
      UpdateState state = s.updateState();
      if (state == null) {
        return s;
      }
      UpdateState next = state.withCommon(Math.max(state.pts(), psd[0]), state.qts(),
          Math.max(state.date(), psd[2]), Math.max(state.seq(), psd[1]));
      return next.equals(state) ? s : s.withUpdateState(next);
    });
  }

  /** Asks for the update state, which also tells Telegram to push updates to this session. */
  void fetchState(Rpc rpc) {
    StateCtor state = (StateCtor) rpc.invoke(new GetState());
    synchronized (updatesLock) {
      caughtUpTo = 0; // a state from now on, perhaps of another account: nothing was caught up in it
    }
    sessions.update(s -> s.withUpdateState(s.updateState() == null
        ? new UpdateState(state.pts(), state.qts(), state.date(), state.seq())
        : s.updateState().withCommon(state.pts(), state.qts(), state.date(), state.seq())));
  }

  /** What a connection pushed: called on the network thread, so it only queues events. */
  void pushed(TlObject update) {
    if (update instanceof Updates updates) {
      peerCache.learn(updates);
      received(updates, null);
    } else {
      log.debug("ignored a pushed {}", update.getClass().getSimpleName());
    }
  }

  /**
   * Updates answering one of the client's requests, whose peers the pipeline has learnt already.
   * An {@code updateShortSentMessage} answering {@code messages.sendMessage} holds no message: the
   * one rebuilt from the request is the event.
   */
  @Override
  public void answered(TlFunction<?> request, Updates updates) {
    if (!takingUpdates) {
      log.debug("an answer's updates arrived while disconnecting; not handled");
      return;
    }
    Event sent = null;
    if (updates instanceof UpdateShortSentMessage && request instanceof SendMessage send) {
      SessionUser me = sessions.current().user();
      long self = sessions.selfId();
      Message message = Message.of(SentMessages.sent(send, SentMessages.peerOf(send.peer(), self), updates, self),
          SentMessages.peers(updates, peerCache), self, client);
      sent = new NewMessage(message, me == null ? null : me.username());
    }
    received(updates, sent);
  }

  /**
   * A request's {@code messages.affected*} answer moved an update sequence by {@code ptsCount} to
   * {@code pts}. The account's common one moves with it when it follows on from the saved state,
   * as a pushed update would; one that skips ahead (an update is missing in between) leaves the
   * state where it is, so a later catch-up still fetches what is missing. During catch-up it is
   * left to catch-up, which fetches that range itself. Channels' own sequences are not kept yet.
   */
  @Override
  public void affected(long channelId, int pts, int ptsCount) {
    if (channelId != 0 || !takingUpdates) {
      return;
    }
    synchronized (updatesLock) {
      if (arrivedDuringCatchUp != null) {
        return;
      }
    }
    sessions.updateSoon(s -> {
      UpdateState state = s.updateState();
      if (state == null || state.pts() + ptsCount != pts) {
        if (state != null && state.pts() < pts - ptsCount) {
          log.debug("an affected pts {} (+{}) skips ahead of the state's {}; left for catch-up", pts, ptsCount,
              state.pts());
        }
        return s;
      }
      return s.withUpdateState(state.withCommon(pts, state.qts(), state.date(), state.seq()));
    });
  }

  /**
   * Updates, pushed or answering one of the client's requests (whose peers the client has learnt
   * already): the state moves on and handlers see the events, then {@code sent}, the event of the
   * client's own message when its answer holds none. While catch-up runs, they wait for it to end;
   * what it delivered is not handled again, even when it arrives after catch-up ended.
   */
  private void received(Updates updates, @Nullable Event sent) {
    if (!takingUpdates) {
      log.debug("an update arrived while disconnecting; not handled");
      return;
    }
    synchronized (updatesLock) {
      List<Arrived> waiting = arrivedDuringCatchUp;
      if (waiting != null) {
        waiting.add(new Arrived(updates, sent));
        return;
      }
      if (!applyNewer(updates, sent)) {
        log.debug("an update catch-up delivered already arrived again; not handled twice");
      }
    }
  }

  /** The state moves on with {@code updates} and handlers see their events, then {@code sent}. */
  private void apply(Updates updates, @Nullable Event sent) {
    lastUpdate = clock.instant();
    Observation observation = Observation.createNotStarted(Client.UPDATES_OBSERVATION, observations)
        .lowCardinalityKeyValue("type", updates.getClass().getSimpleName())
        .start();
    try {
      advance(updates);
      SessionUser me = sessions.current().user();
      for (Event event : UpdateEvents.of(updates, me == null ? 0 : me.id(), me == null ? null : me.username(), client, peerCache)) {
        handlers.dispatch(event);
      }
      if (sent != null) {
        handlers.dispatch(sent);
      }
    } catch (RuntimeException e) {
      observation.error(e);
      throw e;
    } finally {
      observation.stop();
    }
  }
}
