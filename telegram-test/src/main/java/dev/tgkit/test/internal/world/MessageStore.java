package dev.tgkit.test.internal.world;

import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.test.RequestContext;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.tl.api.MessageActionPinMessage;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageMedia;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.ReplyInlineMarkup;
import dev.tgkit.tl.api.ReplyMarkup;
import dev.tgkit.tl.api.Update;
import dev.tgkit.tl.api.UpdateDeleteMessages;
import dev.tgkit.tl.api.UpdateEditMessage;
import dev.tgkit.tl.api.UpdateNewMessage;
import dev.tgkit.tl.api.UpdatePinnedMessages;
import dev.tgkit.tl.api.UpdateReadHistoryInbox;
import dev.tgkit.tl.api.UpdateReadHistoryOutbox;
import dev.tgkit.tl.api.UpdateShort;
import dev.tgkit.tl.api.UpdatesCtor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The messages of private chats and basic groups, kept as Telegram keeps them: every participant
 * holds its own copy, numbered in its own sequence, and the copies of one message are found by
 * their shared origin so that edits, deletions, pins and reads reach them all. Every change moves
 * the pts of each account it touches, is logged for {@code updates.getDifference} and pushed to
 * that account's sessions. Guarded by the world's lock.
 */
final class MessageStore {

  static final int MESSAGE_LENGTH_MAX = 4096;

  private final Accounts accounts;
  private final BasicGroups groups;
  private final Peers peers;
  private final Views views;
  private final Differences differences;
  private final World.Pusher pusher;
  private final IntSupplier now;
  /** Wakes the world's waiters: run holding the world's lock, after each change. */
  private final Runnable changed;
  private final Map<Long, List<Stored>> copies = new HashMap<>();
  private long nextOrigin = 1;

  MessageStore(Accounts accounts, BasicGroups groups, Peers peers, Views views, Differences differences,
      World.Pusher pusher, IntSupplier now, Runnable changed) {
    this.accounts = accounts;
    this.groups = groups;
    this.peers = peers;
    this.views = views;
    this.differences = differences;
    this.pusher = pusher;
    this.now = now;
    this.changed = changed;
  }

  Stored send(Account sender, Object target, World.Draft draft, @Nullable RequestContext origin) {
    List<MessageEntity> entities = draft.entities();
    if (draft.action() == null) {
      if (draft.text().isBlank()) {
        throw new RpcErrorException(400, RpcErrors.MESSAGE_EMPTY);
      }
      if (draft.text().length() > MESSAGE_LENGTH_MAX) {
        throw new RpcErrorException(400, RpcErrors.MESSAGE_TOO_LONG);
      }
      if (draft.fwdFrom() == null) {
        entities = Entities.of(accounts, peers, sender, draft.text(), entities); // a forward keeps the original's
      }
    }
    if (target instanceof Account to && to.bot && sender.bot && to != sender) {
      throw new RpcErrorException(400, RpcErrors.USER_IS_BOT); // bots cannot write to bots
    }
    if (target instanceof Account to) {
      sender.known.add(to.id); // it addressed the recipient with its access hash
    }
    long origin0 = nextOrigin++;
    int date = now.getAsInt();
    Stored reference = draft.replyTo() == null ? null : sender.box.get(draft.replyTo());
    if (reference != null && !reference.peer.equals(Peers.peerOf(sender, target))) {
      reference = null; // a reply to a message of another dialog is sent as a plain message
    }
    List<Stored> made = new ArrayList<>();
    for (Account p : peers.participants(sender, target)) {
      if (target instanceof BasicGroup && p.bot && p != sender && p.privacyMode && !meantFor(p, draft, reference)) {
        continue;
      }
      Peer peer = target instanceof BasicGroup g ? new PeerChat(g.id) : new PeerUser(p == sender ? ((Account) target).id : sender.id);
      Integer replyTo = reference == null ? null : copyOf(reference.origin, p);
      Stored m =
          new Stored(p, p.nextMessageId++, origin0, peer, sender.id, date, draft.silent(), replyTo,
              draft.fwdFrom(), sender.bot ? draft.markup() : null, draft.action(), draft.text(),
              entities, draft.media());
      p.box.put(m.id, m);
      p.pts++;
      differences.log(p, new UpdateNewMessage(Views.message(m), p.pts, 1), 1, List.of(m), null);
      made.add(m);
    }
    copies.put(origin0, made);
    for (Stored m : made) {
      pusher.push(m.owner.id, views.newMessage(m), origin);
    }
    changed.run();
    return made.getFirst();
  }

  /**
   * Whether a bot in privacy mode sees a group message (<a
   * href="https://core.telegram.org/bots/features#privacy-mode">privacy mode</a>): service messages,
   * commands, mentions of it and replies to its messages. Telegram narrows bare commands further
   * (to the last bot that wrote); here every command counts.
   */
  private static boolean meantFor(Account bot, World.Draft draft, @Nullable Stored reference) {
    String text = draft.text();
    return draft.action() != null
        || text.startsWith("/")
        || (bot.username != null && text.toLowerCase(Locale.ROOT).contains("@" + bot.username.toLowerCase(Locale.ROOT)))
        || (reference != null && reference.fromId == bot.id);
  }

  /** The id of {@code owner}'s copy of message {@code origin}, if it has one. */
  private @Nullable Integer copyOf(long origin, Account owner) {
    for (Stored s : copies.getOrDefault(origin, List.of())) {
      if (s.owner == owner) {
        return s.id;
      }
    }
    return null;
  }

  /** The message {@code id} of {@code owner} in the dialog {@code peer}; 400 MESSAGE_ID_INVALID otherwise. */
  Stored find(Account owner, Peer peer, int id) {
    Stored m = owner.box.get(id);
    if (m == null || !m.peer.equals(peer)) {
      throw new RpcErrorException(400, RpcErrors.MESSAGE_ID_INVALID);
    }
    return m;
  }

  Stored edit(Account editor, Peer peer, int id, @Nullable String text,
      @Nullable List<MessageEntity> entities, @Nullable ReplyMarkup markup, @Nullable MessageMedia preview,
      @Nullable RequestContext origin) {
    Stored m = find(editor, peer, id);
    if (m.action != null) {
      throw new RpcErrorException(400, RpcErrors.MESSAGE_ID_INVALID);
    }
    if (m.fromId != editor.id) {
      throw new RpcErrorException(403, RpcErrors.MESSAGE_AUTHOR_REQUIRED);
    }
    String newText = text == null ? m.text : text;
    if (newText.isBlank()) {
      throw new RpcErrorException(400, RpcErrors.MESSAGE_EMPTY);
    }
    if (newText.length() > MESSAGE_LENGTH_MAX) {
      throw new RpcErrorException(400, RpcErrors.MESSAGE_TOO_LONG);
    }
    List<MessageEntity> newEntities =
        text == null && entities == null ? m.entities : Entities.of(accounts, peers, editor, newText, entities);
    // A bot's edit replaces its buttons, and leaving them out removes them; only inline ones may stay.
    ReplyMarkup newMarkup = editor.bot ? markup : m.markup;
    if (editor.bot && markup != null && !(markup instanceof ReplyInlineMarkup)) {
      throw new RpcErrorException(400, RpcErrors.REPLY_MARKUP_INVALID);
    }
    boolean samePreview = (preview == null) == (m.media == null);
    if (newText.equals(m.text) && Objects.equals(newEntities, m.entities) && Objects.equals(newMarkup, m.markup)
        && samePreview) {
      throw new RpcErrorException(400, RpcErrors.MESSAGE_NOT_MODIFIED);
    }
    int date = now.getAsInt();
    for (Stored c : copies.get(m.origin)) {
      c.text = newText;
      c.entities = newEntities;
      c.markup = newMarkup;
      c.media = preview;
      c.editDate = date;
      c.owner.pts++;
      UpdateEditMessage u = new UpdateEditMessage(Views.message(c), c.owner.pts, 1);
      differences.log(c.owner, u, 1, List.of(c), null);
      pusher.push(c.owner.id, views.updates(c.owner, List.of(u), List.of(c)), origin);
    }
    changed.run();
    return m;
  }

  int delete(Account deleter, List<Integer> ids, boolean revoke, @Nullable RequestContext origin) {
    Map<Account, List<Integer>> gone = new LinkedHashMap<>();
    gone.put(deleter, new ArrayList<>());
    for (int id : ids) {
      Stored m = deleter.box.get(id);
      if (m == null) {
        continue; // Telegram ignores ids that are not there (any more)
      }
      List<Stored> targets = List.of(m);
      if (revoke) {
        if (m.peer instanceof PeerChat c && m.fromId != deleter.id && groups.group(c.chatId()).creatorId != deleter.id) {
          throw new RpcErrorException(403, RpcErrors.MESSAGE_DELETE_FORBIDDEN);
        }
        targets = List.copyOf(copies.get(m.origin));
      }
      for (Stored t : targets) {
        t.owner.box.remove(t.id);
        copies.get(m.origin).remove(t);
        gone.computeIfAbsent(t.owner, a -> new ArrayList<>()).add(t.id);
      }
    }
    for (Map.Entry<Account, List<Integer>> e : gone.entrySet()) {
      Account a = e.getKey();
      if (e.getValue().isEmpty()) {
        continue;
      }
      a.pts += e.getValue().size();
      UpdateDeleteMessages u = new UpdateDeleteMessages(e.getValue(), a.pts, e.getValue().size());
      differences.log(a, u, e.getValue().size(), List.of(), null);
      pusher.push(a.id, new UpdateShort(u, now.getAsInt()), origin);
    }
    changed.run();
    return gone.get(deleter).size();
  }

  UpdatesCtor pin(Account actor, Object dialog, int id, boolean unpin, boolean oneSide,
      boolean silent, @Nullable RequestContext origin) {
    Peer peer = Peers.peerOf(actor, dialog);
    Stored m = find(actor, peer, id);
    List<Stored> targets = oneSide && peer instanceof PeerUser ? List.of(m) : List.copyOf(copies.get(m.origin));
    List<Update> mine = new ArrayList<>();
    for (Stored c : targets) {
      c.pinned = !unpin;
      c.owner.pts++;
      UpdatePinnedMessages u = new UpdatePinnedMessages(!unpin, c.peer, List.of(c.id), c.owner.pts, 1);
      differences.log(c.owner, u, 1, List.of(), c.peer);
      if (c.owner == actor) {
        mine.add(u);
      }
      pusher.push(c.owner.id, views.updates(c.owner, List.of(u), List.of(c)), c.owner == actor ? origin : null);
    }
    List<Stored> mentioned = new ArrayList<>(List.of(m));
    if (!unpin && !oneSide) {
      Stored service = send(actor, dialog,
          new World.Draft("", null, m.id, null, silent, null, new MessageActionPinMessage()), origin);
      mine.add(new UpdateNewMessage(Views.message(service), actor.pts, 1));
      mentioned.add(service);
    }
    changed.run();
    return views.updates(actor, mine, mentioned);
  }

  int unpinAll(Account actor, Object dialog, @Nullable RequestContext origin) {
    Peer peer = Peers.peerOf(actor, dialog);
    List<Integer> pinned = new ArrayList<>();
    for (Stored m : actor.box.values()) {
      if (m.pinned && m.peer.equals(peer)) {
        pinned.add(m.id);
      }
    }
    for (int id : pinned) {
      pin(actor, dialog, id, true, false, false, origin);
    }
    return pinned.size();
  }

  boolean read(Account reader, Object dialog, int maxId, @Nullable RequestContext origin) {
    Peer peer = Peers.peerOf(reader, dialog);
    int upTo = maxId <= 0 ? reader.nextMessageId - 1 : maxId;
    int before = reader.readInboxMax.getOrDefault(peer, 0);
    if (upTo <= before) {
      return false;
    }
    reader.readInboxMax.put(peer, upTo);
    Map<Account, Integer> outboxMax = new LinkedHashMap<>();
    int unread = 0;
    for (Stored m : reader.box.values()) {
      if (!m.peer.equals(peer) || m.out()) {
        continue;
      }
      if (m.id > upTo) {
        unread++;
      } else if (m.id > before) {
        for (Stored c : copies.get(m.origin)) {
          if (c.owner.id == m.fromId) {
            outboxMax.merge(c.owner, c.id, Math::max);
          }
        }
      }
    }
    reader.pts++;
    UpdateReadHistoryInbox inbox = UpdateReadHistoryInbox.builder(peer, upTo, unread, reader.pts, 1).build();
    differences.log(reader, inbox, 1, List.of(), peer);
    pusher.push(reader.id, new UpdateShort(inbox, now.getAsInt()), origin);
    for (Map.Entry<Account, Integer> e : outboxMax.entrySet()) {
      Account sender = e.getKey();
      sender.pts++;
      Peer theirs = dialog instanceof BasicGroup g ? new PeerChat(g.id) : new PeerUser(reader.id);
      sender.readOutboxMax.merge(theirs, e.getValue(), Math::max);
      UpdateReadHistoryOutbox outbox = new UpdateReadHistoryOutbox(theirs, e.getValue(), sender.pts, 1);
      differences.log(sender, outbox, 1, List.of(), theirs);
      pusher.push(sender.id, new UpdateShort(outbox, now.getAsInt()), null);
    }
    changed.run();
    return true;
  }

  List<Stored> history(Account owner, Peer peer) {
    List<Stored> out = new ArrayList<>();
    for (Stored m : owner.box.descendingMap().values()) {
      if (m.peer.equals(peer)) {
        out.add(m);
      }
    }
    return out;
  }
}
