package dev.tgkit.test.internal.world;

import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.Message;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.Update;
import dev.tgkit.tl.api.UpdateNewMessage;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.updates.Difference;
import dev.tgkit.tl.api.updates.DifferenceCtor;
import dev.tgkit.tl.api.updates.DifferenceEmpty;
import dev.tgkit.tl.api.updates.DifferenceSlice;
import dev.tgkit.tl.api.updates.DifferenceTooLong;
import dev.tgkit.tl.api.updates.StateCtor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The accounts' update logs, and {@code updates.getDifference} answered from them: every update
 * that moves an account's pts is logged here with the users and groups it names, within a capacity
 * per account, and a difference gives at most a limit of them at once. Guarded by the world's lock.
 */
final class Differences {

  /** Updates in one {@code updates.getDifference} answer, about as many as Telegram gives. */
  static final int DIFFERENCE_LIMIT_DEFAULT = 100;
  /** Updates each account's log keeps for {@code updates.getDifference}. */
  static final int UPDATE_LOG_CAPACITY_DEFAULT = 10_000;

  private final Accounts accounts;
  private final BasicGroups groups;
  private final Views views;
  private final IntSupplier now;
  private int differenceLimit = DIFFERENCE_LIMIT_DEFAULT;
  private int updateLogCapacity = UPDATE_LOG_CAPACITY_DEFAULT;

  Differences(Accounts accounts, BasicGroups groups, Views views, IntSupplier now) {
    this.accounts = accounts;
    this.groups = groups;
    this.views = views;
    this.now = now;
  }

  /**
   * Logs {@code update}, which just moved {@code owner}'s pts by {@code ptsCount}, with the users and
   * basic groups that {@code messages} and {@code dialog} name, for {@link #difference}.
   */
  void log(Account owner, Update update, int ptsCount, List<Stored> messages, @Nullable Peer dialog) {
    Set<Long> users = new LinkedHashSet<>();
    Set<Long> chats = new LinkedHashSet<>();
    for (Stored m : messages) {
      users.addAll(Views.userIds(m));
      if (m.peer instanceof PeerChat c) {
        chats.add(c.chatId());
      }
    }
    switch (dialog) {
      case PeerUser u -> users.add(u.userId());
      case PeerChat c -> chats.add(c.chatId());
      case null, default -> {}
    }
    owner.updateLog.add(new UpdateLog.Entry(owner.pts, ptsCount, now.getAsInt(), update,
        Collections.unmodifiableSet(users), Collections.unmodifiableSet(chats)), updateLogCapacity);
  }

  void differenceLimit(int updates) {
    if (updates < 1) {
      throw new IllegalArgumentException("a difference holds at least 1 update, got a limit of " + updates);
    }
    differenceLimit = updates;
  }

  void updateLogCapacity(int updates) {
    if (updates < 1) {
      throw new IllegalArgumentException("an update log keeps at least 1 update, got a capacity of " + updates);
    }
    updateLogCapacity = updates;
    accounts.all().forEach(a -> a.updateLog.trim(updates));
  }

  Difference difference(Account viewer, int pts, int qts, int date) {
    if (date == 0) {
      throw new RpcErrorException(400, RpcErrors.PERSISTENT_TIMESTAMP_EMPTY);
    }
    if (pts < 0 || qts < 0 || date < 0 || pts > viewer.pts || qts > 0) {
      throw new RpcErrorException(400, RpcErrors.PERSISTENT_TIMESTAMP_INVALID);
    }
    if (pts == viewer.pts) {
      return new DifferenceEmpty(now.getAsInt(), 0);
    }
    if (!viewer.updateLog.holdsAllAfter(pts)) {
      return new DifferenceTooLong(viewer.pts);
    }
    List<UpdateLog.Entry> entries = viewer.updateLog.after(pts, differenceLimit);
    List<Message> newMessages = new ArrayList<>();
    List<Update> otherUpdates = new ArrayList<>();
    Map<Long, User> users = new LinkedHashMap<>();
    Map<Long, Chat> chats = new LinkedHashMap<>();
    for (UpdateLog.Entry e : entries) {
      if (e.update() instanceof UpdateNewMessage n) {
        newMessages.add(n.message());
      } else {
        otherUpdates.add(e.update());
      }
      e.users().forEach(id -> views.addUser(viewer, users, id));
      for (long id : e.chats()) {
        BasicGroup g = groups.group(id);
        if (g != null && !chats.containsKey(id)) {
          chats.put(id, views.chat(viewer, g));
        }
      }
    }
    UpdateLog.Entry last = entries.getLast();
    boolean complete = last.pts() == viewer.pts;
    StateCtor state = new StateCtor(last.pts(), 0, complete ? now.getAsInt() : last.date(), 0, viewer.unread());
    return differenceOf(complete, newMessages, otherUpdates, chats, users, state);
  }

  /** All that was missed if {@code complete}, else the slice of it that fits in one answer. */
  private static Difference differenceOf(boolean complete, List<Message> newMessages, List<Update> otherUpdates,
      Map<Long, Chat> chats, Map<Long, User> users, StateCtor state) {
    List<Chat> chatList = List.copyOf(chats.values());
    List<User> userList = List.copyOf(users.values());
    return complete
        ? DifferenceCtor.builder().newMessages(newMessages).newEncryptedMessages(List.of()).otherUpdates(otherUpdates)
            .chats(chatList).users(userList).state(state).build()
        : DifferenceSlice.builder().newMessages(newMessages).newEncryptedMessages(List.of()).otherUpdates(otherUpdates)
            .chats(chatList).users(userList).intermediateState(state).build();
  }
}
