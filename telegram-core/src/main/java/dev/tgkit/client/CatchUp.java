package dev.tgkit.client;

import dev.tgkit.session.UpdateState;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.Message;
import dev.tgkit.tl.api.Update;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.updates.Difference;
import dev.tgkit.tl.api.updates.DifferenceCtor;
import dev.tgkit.tl.api.updates.DifferenceEmpty;
import dev.tgkit.tl.api.updates.DifferenceSlice;
import dev.tgkit.tl.api.updates.DifferenceTooLong;
import dev.tgkit.tl.api.updates.State;
import dev.tgkit.tl.api.updates.StateCtor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch-up: fetches the updates of the account's common box (private chats and small groups)
 * that arrived while the session was away, with {@code updates.getDifference} from the saved
 * state until Telegram has no more (<a
 * href="https://core.telegram.org/api/updates#recovering-gaps">recovering gaps</a>). The requests,
 * the delivery of what they bring and the saving of the state are the {@link Steps} the client
 * gives; this class only decides, answer by answer, what comes next.
 */
final class CatchUp {

  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

  /** What catch-up needs from the client. */
  interface Steps {

    /** Sends {@code updates.getDifference} from {@code from} and returns the answer. */
    Difference getDifference(UpdateState from);

    /** Sends {@code updates.getState} and returns the answer. */
    StateCtor getState();

    /**
     * Delivers what one answer brought: learns its users and chats, then hands its new messages
     * and other updates to the handlers, in this order.
     */
    void deliver(List<Message> newMessages, List<Update> otherUpdates, List<User> users, List<Chat> chats);

    /** Saves {@code state} before catch-up goes on from it. */
    void save(UpdateState state);
  }

  private CatchUp() {}

  /**
   * Catches up from {@code saved}: delivers every answer, saving the state after each, and returns
   * the state reached, which Telegram's live updates continue from.
   *
   * @throws IllegalStateException if Telegram answers a slice that does not move pts forward,
   *     which would otherwise be asked for again for ever
   */
  static UpdateState run(UpdateState saved, Steps steps) {
    UpdateState state = saved;
    while (true) {
      Difference answer = steps.getDifference(state);
      switch (answer) {
        case DifferenceEmpty empty -> {
          state = state.withCommon(state.pts(), state.qts(), empty.date(), empty.seq());
          steps.save(state);
          return state;
        }
        case DifferenceCtor all -> {
          steps.deliver(all.newMessages(), all.otherUpdates(), all.users(), all.chats());
          state = moved(state, all.state());
          steps.save(state);
          return state;
        }
        case DifferenceSlice slice -> {
          UpdateState next = moved(state, slice.intermediateState());
          if (next.pts() <= state.pts()) {
            throw new IllegalStateException("Telegram's differenceSlice from pts " + state.pts()
                + " ends at pts " + next.pts() + ", not after it: catch-up would not end");
          }
          steps.deliver(slice.newMessages(), slice.otherUpdates(), slice.users(), slice.chats());
          state = next;
          steps.save(state);
        }
        case DifferenceTooLong tooLong -> {
          // Telegram keeps a bounded history: what it no longer has cannot be delivered.
          StateCtor now = steps.getState();
          log.warn("Telegram no longer has all the updates missed while away (differenceTooLong): {} pts skipped,"
              + " from pts {} to {}; their messages are not delivered as events", now.pts() - state.pts(),
              state.pts(), now.pts());
          state = moved(state, now);
          steps.save(state);
          return state;
        }
      }
    }
  }

  /** {@code state} moved to Telegram's {@code next}, keeping each channel's pts. */
  private static UpdateState moved(UpdateState state, State next) {
    return switch (next) {
      case StateCtor s -> state.withCommon(s.pts(), s.qts(), s.date(), s.seq());
    };
  }
}
