package dev.tgkit.client;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageDeleted;
import dev.tgkit.client.events.MessageEdited;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.PeerMap;
import dev.tgkit.session.PeerCache;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageEmpty;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.Update;
import dev.tgkit.tl.api.UpdateDeleteChannelMessages;
import dev.tgkit.tl.api.UpdateDeleteMessages;
import dev.tgkit.tl.api.UpdateEditChannelMessage;
import dev.tgkit.tl.api.UpdateEditMessage;
import dev.tgkit.tl.api.UpdateNewChannelMessage;
import dev.tgkit.tl.api.UpdateNewMessage;
import dev.tgkit.tl.api.UpdateShort;
import dev.tgkit.tl.api.UpdateShortChatMessage;
import dev.tgkit.tl.api.UpdateShortMessage;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.UpdatesCombined;
import dev.tgkit.tl.api.UpdatesCtor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Turns what Telegram pushes (<a href="https://core.telegram.org/api/updates">updates</a>) into
 * the events handlers see: new, edited and deleted messages. The short forms ({@code
 * updateShortMessage}, {@code updateShortChatMessage}) are expanded into the full message they
 * stand for. Other updates make no event yet.
 */
final class UpdateEvents {

  private UpdateEvents() {}

  /**
   * The events in {@code updates}.
   *
   * @param self the signed-in account's user id (0 if unknown)
   * @param selfUsername its username, for {@code Command} filters
   */
  static List<Event> of(Updates updates, long self, @Nullable String selfUsername, Client client,
      PeerCache cache) {
    List<Event> events = new ArrayList<>();
    switch (updates) {
      case UpdateShortMessage m -> events.add(new NewMessage(
          Message.of(shortMessage(m, self), new PeerMap(cache), self, client), selfUsername));
      case UpdateShortChatMessage m -> events.add(new NewMessage(
          Message.of(shortChatMessage(m), new PeerMap(cache), self, client), selfUsername));
      case UpdateShort s -> add(events, s.update(), new PeerMap(cache), self, selfUsername, client);
      case UpdatesCombined c -> {
        PeerMap peers = new PeerMap(cache).add(c.users(), c.chats());
        c.updates().forEach(u -> add(events, u, peers, self, selfUsername, client));
      }
      case UpdatesCtor c -> {
        PeerMap peers = new PeerMap(cache).add(c.users(), c.chats());
        c.updates().forEach(u -> add(events, u, peers, self, selfUsername, client));
      }
      default -> { }
    }
    return events;
  }

  /**
   * The events of one {@code updates.getDifference} answer: each new message as a {@code
   * NewMessage}, then each other update as if pushed (edits, deletions), in the order Telegram
   * lists them, which is pts order.
   */
  static List<Event> ofDifference(List<dev.tgkit.tl.api.Message> newMessages, List<Update> otherUpdates,
      List<dev.tgkit.tl.api.User> users, List<dev.tgkit.tl.api.Chat> chats, long self, @Nullable String selfUsername,
      Client client, PeerCache cache) {
    PeerMap peers = new PeerMap(cache).add(users, chats);
    List<Event> events = new ArrayList<>();
    for (dev.tgkit.tl.api.Message m : newMessages) {
      if (!(m instanceof MessageEmpty)) {
        events.add(new NewMessage(Message.of(m, peers, self, client), selfUsername));
      }
    }
    otherUpdates.forEach(u -> add(events, u, peers, self, selfUsername, client));
    return events;
  }

  /**
   * {@code updates} without what a state at {@code pts} already covers: the updates of the common
   * box whose pts is at most {@code pts}. Null when nothing is left. For updates that arrived while
   * catch-up ran, which its answers may have held already.
   */
  static @Nullable Updates newerThan(Updates updates, int pts) {
    if (pts <= 0) {
      return updates; // nothing caught up: the common case, left without a look at each update
    }
    return switch (updates) {
      case UpdateShortMessage m -> m.pts() <= pts ? null : m;
      case UpdateShortChatMessage m -> m.pts() <= pts ? null : m;
      case UpdateShortSentMessage m -> m.pts() <= pts ? null : m;
      case UpdateShort s -> covered(s.update(), pts) ? null : s;
      case UpdatesCombined c -> {
        List<Update> newer = newer(c.updates(), pts);
        yield newer.size() == c.updates().size() ? c
            : newer.isEmpty() ? null
            : UpdatesCombined.builder().updates(newer).users(c.users()).chats(c.chats())
                .date(c.date()).seqStart(c.seqStart()).seq(c.seq()).build();
      }
      case UpdatesCtor c -> {
        List<Update> newer = newer(c.updates(), pts);
        yield newer.size() == c.updates().size() ? c
            : newer.isEmpty() ? null
            : new UpdatesCtor(newer, c.users(), c.chats(), c.date(), c.seq());
      }
      default -> updates;
    };
  }

  private static List<Update> newer(List<Update> updates, int pts) {
    return updates.stream().filter(u -> !covered(u, pts)).toList();
  }

  /** Whether {@code update} belongs to the common box and a state at {@code pts} has it. */
  private static boolean covered(Update update, int pts) {
    int at = pts(update);
    return at != 0 && at <= pts;
  }

  /**
   * How far {@code updates} moves the account's common sequence: {pts, seq, date}, 0 where it
   * says nothing; null if it moves nothing. Channel updates have their own pts and are left out.
   */
  static int @Nullable [] position(Updates updates) {
    return switch (updates) {
      case UpdateShortMessage m -> new int[] {m.pts(), 0, m.date()};
      case UpdateShortChatMessage m -> new int[] {m.pts(), 0, m.date()};
      case UpdateShortSentMessage m -> new int[] {m.pts(), 0, m.date()};
      case UpdateShort s -> new int[] {pts(s.update()), 0, s.date()};
      case UpdatesCombined c -> new int[] {maxPts(c.updates()), c.seq(), c.date()};
      case UpdatesCtor c -> new int[] {maxPts(c.updates()), c.seq(), c.date()};
      default -> null;
    };
  }

  private static int maxPts(List<Update> updates) {
    int max = 0;
    for (Update u : updates) {
      max = Math.max(max, pts(u));
    }
    return max;
  }

  private static int pts(Update update) {
    return switch (update) {
      case UpdateNewMessage u -> u.pts();
      case UpdateEditMessage u -> u.pts();
      case UpdateDeleteMessages u -> u.pts();
      case dev.tgkit.tl.api.UpdateReadHistoryInbox u -> u.pts();
      case dev.tgkit.tl.api.UpdateReadHistoryOutbox u -> u.pts();
      case dev.tgkit.tl.api.UpdatePinnedMessages u -> u.pts();
      default -> 0;
    };
  }

  private static void add(List<Event> events, Update update, PeerMap peers, long self, @Nullable String selfUsername,
      Client client) {
    switch (update) {
      case UpdateNewMessage u -> events.add(new NewMessage(Message.of(u.message(), peers, self, client), selfUsername));
      case UpdateNewChannelMessage u -> events.add(new NewMessage(Message.of(u.message(), peers, self, client), selfUsername));
      case UpdateEditMessage u -> events.add(new MessageEdited(Message.of(u.message(), peers, self, client), selfUsername));
      case UpdateEditChannelMessage u -> events.add(new MessageEdited(Message.of(u.message(), peers, self, client), selfUsername));
      case UpdateDeleteMessages u -> events.add(new MessageDeleted(u.messages(), OptionalLong.empty(), selfUsername));
      case UpdateDeleteChannelMessages u ->
          events.add(new MessageDeleted(u.messages(), OptionalLong.of(u.channelId()), selfUsername));
      default -> { }
    }
  }

  /** The message an {@code updateShortMessage} (a private chat) stands for. */
  static MessageCtor shortMessage(UpdateShortMessage m, long self) {
    Peer other = new PeerUser(m.userId());
    Peer from = m.out_() ? (self != 0 ? new PeerUser(self) : null) : other;
    return MessageCtor.builder(m.id(), other, m.date(), m.message())
        .out_(m.out_()).mentioned(m.mentioned()).mediaUnread(m.mediaUnread()).silent(m.silent())
        .fromId(from).fwdFrom(m.fwdFrom()).viaBotId(m.viaBotId()).replyTo(m.replyTo())
        .entities(m.entities()).ttlPeriod(m.ttlPeriod())
        .build();
  }

  /** The message an {@code updateShortChatMessage} (a small group) stands for. */
  static MessageCtor shortChatMessage(UpdateShortChatMessage m) {
    return MessageCtor.builder(m.id(), new PeerChat(m.chatId()), m.date(), m.message())
        .out_(m.out_()).mentioned(m.mentioned()).mediaUnread(m.mediaUnread()).silent(m.silent())
        .fromId(new PeerUser(m.fromId())).fwdFrom(m.fwdFrom()).viaBotId(m.viaBotId()).replyTo(m.replyTo())
        .entities(m.entities()).ttlPeriod(m.ttlPeriod())
        .build();
  }
}
