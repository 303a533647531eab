package dev.tgkit.test.internal.world;

import static dev.tgkit.test.internal.world.Peers.accessHash;

import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.ChatCtor;
import dev.tgkit.tl.api.ChatPhotoEmpty;
import dev.tgkit.tl.api.Message;
import dev.tgkit.tl.api.MessageActionChatCreate;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityMentionName;
import dev.tgkit.tl.api.MessageFwdHeaderCtor;
import dev.tgkit.tl.api.MessageReplyHeaderCtor;
import dev.tgkit.tl.api.MessageService;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.Update;
import dev.tgkit.tl.api.UpdateNewMessage;
import dev.tgkit.tl.api.UpdateShortChatMessage;
import dev.tgkit.tl.api.UpdateShortMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.UpdatesCtor;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserCtor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The TL objects an account is shown of the {@link World}: users with the access hashes it sees,
 * groups, its copies of messages, and the updates that carry them with the users and chats they
 * name. Each TL object is built by a method of its own. Showing a user makes the viewer know its
 * access hash, so this is guarded by the world's lock like the rest.
 */
final class Views {

  private final Accounts accounts;
  private final BasicGroups groups;
  private final IntSupplier now;

  Views(Accounts accounts, BasicGroups groups, IntSupplier now) {
    this.accounts = accounts;
    this.groups = groups;
    this.now = now;
  }

  /** {@code account} as {@code viewer} sees it; the viewer now knows its access hash. */
  UserCtor user(Account viewer, Account account) {
    boolean self = viewer == account;
    viewer.known.add(account.id);
    return UserCtor.builder(account.id)
        .self(self)
        .bot(account.bot)
        .botInfoVersion(account.bot ? 1 : null) // shares the bot flag's bit
        .accessHash(accessHash(viewer, account.id))
        .firstName(account.firstName)
        .lastName(account.lastName)
        .username(account.username)
        .phone(self ? account.phone : null)
        .build();
  }

  ChatCtor chat(Account viewer, BasicGroup group) {
    return ChatCtor.builder()
        .creator(group.creatorId == viewer.id)
        .id(group.id).title(group.title).photo(new ChatPhotoEmpty())
        .participantsCount(group.members.size()).date(group.date).version(1)
        .build();
  }

  /** {@code m} as its owner sees it. */
  static Message message(Stored m) {
    MessageReplyHeaderCtor reply = replyHeader(m);
    // Telegram names the sender of an incoming private message by the dialog alone.
    Peer from = m.out() || m.peer instanceof PeerChat ? new PeerUser(m.fromId) : null;
    return m.action != null ? serviceMessage(m, from, reply) : textMessage(m, from, reply);
  }

  private static MessageService serviceMessage(Stored m, @Nullable Peer from, @Nullable MessageReplyHeaderCtor reply) {
    return MessageService.builder(m.id, m.peer, m.date, m.action)
        .out_(m.out()).silent(m.silent).fromId(from).replyTo(reply)
        .build();
  }

  private static MessageCtor textMessage(Stored m, @Nullable Peer from, @Nullable MessageReplyHeaderCtor reply) {
    return MessageCtor.builder(m.id, m.peer, m.date, m.text)
        .out_(m.out()).silent(m.silent).pinned(m.pinned)
        .fromId(from).fwdFrom(m.fwdFrom).replyTo(reply)
        .media(m.media).replyMarkup(m.markup).entities(m.entities).editDate(m.editDate)
        .build();
  }

  private static @Nullable MessageReplyHeaderCtor replyHeader(Stored m) {
    return m.replyTo == null
        ? null
        : MessageReplyHeaderCtor.builder().replyToMsgId(m.replyTo).build();
  }

  /** The users and chats {@code messages} mention, as {@code viewer} sees them. */
  List<User> usersOf(Account viewer, List<Stored> messages) {
    Map<Long, User> users = new LinkedHashMap<>();
    for (Stored m : messages) {
      for (long id : userIds(m)) {
        addUser(viewer, users, id);
      }
    }
    return List.copyOf(users.values());
  }

  /** The users {@code m} names: its sender, the other side, the forwarded author, those it mentions. */
  static Set<Long> userIds(Stored m) {
    Set<Long> ids = new LinkedHashSet<>();
    ids.add(m.fromId);
    if (m.peer instanceof PeerUser p) {
      ids.add(p.userId());
    }
    if (m.fwdFrom instanceof MessageFwdHeaderCtor f && f.fromId() instanceof PeerUser p) {
      ids.add(p.userId());
    }
    if (m.action instanceof MessageActionChatCreate c) {
      ids.addAll(c.users());
    }
    ids.addAll(mentioned(m));
    return ids;
  }

  void addUser(Account viewer, Map<Long, User> users, long id) {
    Account a = accounts.account(id);
    if (a != null && !users.containsKey(id)) {
      users.put(id, user(viewer, a));
    }
  }

  List<Chat> chatsOf(Account viewer, List<Stored> messages) {
    Map<Long, Chat> chats = new LinkedHashMap<>();
    for (Stored m : messages) {
      if (m.peer instanceof PeerChat p && !chats.containsKey(p.chatId())) {
        chats.put(p.chatId(), chat(viewer, groups.group(p.chatId())));
      }
    }
    return List.copyOf(chats.values());
  }

  /** {@code updates} wrapped with the users and chats their messages mention. */
  UpdatesCtor updates(Account viewer, List<Update> updates, List<Stored> mentioned) {
    return new UpdatesCtor(updates, usersOf(viewer, mentioned), chatsOf(viewer, mentioned), now.getAsInt(), 0);
  }

  /** How the owner of {@code m} learns of it: in short form when it knows everyone involved. */
  Updates newMessage(Stored m) {
    Account owner = m.owner;
    boolean simple = m.action == null && m.markup == null && m.fwdFrom == null && m.media == null;
    boolean knows = owner.known.contains(m.fromId) || m.fromId == owner.id;
    for (long id : mentioned(m)) {
      knows &= owner.known.contains(id) || id == owner.id; // else the users vector must name them
    }
    if (m.peer instanceof PeerUser p) {
      knows &= owner.known.contains(p.userId()) || p.userId() == owner.id;
      if (simple && knows) {
        return shortMessage(m, p);
      }
    } else if (m.peer instanceof PeerChat c && simple && knows) {
      return shortChatMessage(m, c);
    }
    return updates(owner, List.of(new UpdateNewMessage(message(m), owner.pts, 1)), List.of(m));
  }

  private static UpdateShortMessage shortMessage(Stored m, PeerUser p) {
    Account owner = m.owner;
    return UpdateShortMessage.builder()
        .out_(m.out()).silent(m.silent).id(m.id).userId(p.userId()).message(m.text)
        .pts(owner.pts).ptsCount(1).date(m.date).replyTo(replyHeader(m)).entities(m.entities)
        .build();
  }

  private static UpdateShortChatMessage shortChatMessage(Stored m, PeerChat c) {
    Account owner = m.owner;
    return UpdateShortChatMessage.builder()
        .out_(m.out()).silent(m.silent).id(m.id).fromId(m.fromId).chatId(c.chatId()).message(m.text)
        .pts(owner.pts).ptsCount(1).date(m.date).replyTo(replyHeader(m)).entities(m.entities)
        .build();
  }

  /** The users {@code m} mentions by name ({@code messageEntityMentionName}). */
  private static List<Long> mentioned(Stored m) {
    List<Long> ids = new ArrayList<>();
    for (MessageEntity e : m.entities == null ? List.<MessageEntity>of() : m.entities) {
      if (e instanceof MessageEntityMentionName n) {
        ids.add(n.userId());
      }
    }
    return ids;
  }
}
