package dev.tgkit.test.internal.services.messages;

import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.test.RequestContext;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.test.Services;
import dev.tgkit.test.internal.services.Callers;
import dev.tgkit.test.internal.world.Account;
import dev.tgkit.test.internal.world.BasicGroup;
import dev.tgkit.test.internal.world.Stored;
import dev.tgkit.test.internal.world.World;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.InputMessage;
import dev.tgkit.tl.api.InputMessageID;
import dev.tgkit.tl.api.InputMessageReplyTo;
import dev.tgkit.tl.api.InputReplyToMessage;
import dev.tgkit.tl.api.InputUser;
import dev.tgkit.tl.api.Message;
import dev.tgkit.tl.api.MessageEmpty;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityTextUrl;
import dev.tgkit.tl.api.MessageFwdHeader;
import dev.tgkit.tl.api.MessageFwdHeaderCtor;
import dev.tgkit.tl.api.MessageMedia;
import dev.tgkit.tl.api.MessageMediaWebPage;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.Update;
import dev.tgkit.tl.api.UpdateEditMessage;
import dev.tgkit.tl.api.UpdateMessageID;
import dev.tgkit.tl.api.UpdateNewMessage;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.WebPagePending;
import dev.tgkit.tl.api.messages.AffectedHistoryCtor;
import dev.tgkit.tl.api.messages.AffectedMessagesCtor;
import dev.tgkit.tl.api.messages.ChatsCtor;
import dev.tgkit.tl.api.messages.CreateChat;
import dev.tgkit.tl.api.messages.DeleteMessages;
import dev.tgkit.tl.api.messages.EditMessage;
import dev.tgkit.tl.api.messages.ForwardMessages;
import dev.tgkit.tl.api.messages.GetChats;
import dev.tgkit.tl.api.messages.GetHistory;
import dev.tgkit.tl.api.messages.GetMessages;
import dev.tgkit.tl.api.messages.InvitedUsersCtor;
import dev.tgkit.tl.api.messages.Messages;
import dev.tgkit.tl.api.messages.MessagesCtor;
import dev.tgkit.tl.api.messages.MessagesSlice;
import dev.tgkit.tl.api.messages.ReadHistory;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.api.messages.UnpinAllMessages;
import dev.tgkit.tl.api.messages.UpdatePinnedMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code messages} methods of private chats and basic groups over the {@link World}: sending,
 * editing, deleting, forwarding, pinning, reading, history, basic-group creation and lookup. The
 * sender's own answer carries what its session needs ({@code updateShortSentMessage} for a private chat,
 * {@code updates} with {@code updateMessageID} and {@code updateNewMessage} otherwise, as Telegram
 * answers); everyone else involved gets it pushed.
 */
public final class MessagesService {

  /** Telegram's cap on one page of history. */
  static final int HISTORY_LIMIT_MAX = 100;

  /** What Telegram takes for a link worth a preview, roughly: an http(s) URL. */
  private static final Pattern LINK = Pattern.compile("https?://[^\\s]+");

  private final Callers callers;
  private final World world;

  public MessagesService(Callers callers, World world) {
    this.callers = callers;
    this.world = world;
  }

  public void register(Services services) {
    services
        .registerDefault(SendMessage.class, this::send)
        .registerDefault(EditMessage.class, this::edit)
        .registerDefault(DeleteMessages.class, this::delete)
        .registerDefault(ForwardMessages.class, this::forward)
        .registerDefault(GetHistory.class, this::history)
        .registerDefault(GetMessages.class, this::messages)
        .registerDefault(UpdatePinnedMessage.class, this::pin)
        .registerDefault(UnpinAllMessages.class, this::unpinAll)
        .registerDefault(ReadHistory.class, this::read)
        .registerDefault(CreateChat.class, this::createChat)
        .registerDefault(GetChats.class, this::chats);
  }

  private Updates send(SendMessage r, RequestContext context) {
    Account me = callers.accountOf(context);
    synchronized (world) {
      Object target = world.resolve(me, r.peer());
      if (!me.randomIds.add(r.randomId())) {
        throw new RpcErrorException(400, RpcErrors.RANDOM_ID_DUPLICATE);
      }
      Integer replyTo = r.replyTo() instanceof InputReplyToMessage m ? m.replyToMsgId() : null;
      Stored m;
      try {
        m = world.send(me, target,
            new World.Draft(r.message(), r.entities(), replyTo, r.replyMarkup(), r.silent(), null, null,
                r.noWebpage() ? null : preview(r.message(), r.entities(), r.randomId(), world.now())),
            context);
      } catch (RpcErrorException e) {
        me.randomIds.remove(r.randomId());
        throw e;
      }
      if (target instanceof Account && m.markup() == null) {
        // Like Telegram, with the entities as stored: mentions resolved, links and @names found.
        return UpdateShortSentMessage.builder(m.id, me.pts(), 1, m.date).out_(true).media(m.media()).entities(m.entities())
            .build();
      }
      return world.updates(me,
          List.of(new UpdateMessageID(m.id, r.randomId()), new UpdateNewMessage(World.message(m), me.pts(), 1)),
          List.of(m));
    }
  }

  private Updates edit(EditMessage r, RequestContext context) {
    Account me = callers.accountOf(context);
    if (r.media() != null) {
      throw new RpcErrorException(400, RpcErrors.MEDIA_INVALID); // no media in this world yet
    }
    synchronized (world) {
      Peer peer = World.peerOf(me, world.resolve(me, r.peer()));
      Stored old = world.find(me, peer, r.id());
      String text = r.message() == null ? old.text() : r.message();
      List<MessageEntity> entities = r.message() == null ? old.entities() : r.entities();
      // Telegram previews the edited text's first link anew unless asked not to.
      MessageMedia preview = r.noWebpage() ? null : preview(text, entities, old.origin, world.now());
      Stored m = world.edit(me, peer, r.id(), r.message(), r.entities(), r.replyMarkup(), preview, context);
      return world.updates(me, List.of(new UpdateEditMessage(World.message(m), me.pts(), 1)), List.of(m));
    }
  }

  private AffectedMessagesCtor delete(DeleteMessages r, RequestContext context) {
    Account me = callers.accountOf(context);
    synchronized (world) {
      int n = world.delete(me, r.id(), r.revoke(), context);
      return new AffectedMessagesCtor(me.pts(), n);
    }
  }

  private Updates forward(ForwardMessages r, RequestContext context) {
    Account me = callers.accountOf(context);
    if (r.id().size() != r.randomId().size() || r.id().isEmpty()) {
      throw new RpcErrorException(400, RpcErrors.RANDOM_ID_INVALID);
    }
    synchronized (world) {
      Peer from = World.peerOf(me, world.resolve(me, r.fromPeer()));
      Object to = world.resolve(me, r.toPeer());
      List<Stored> originals = new ArrayList<>();
      for (int id : r.id()) {
        Stored m = world.find(me, from, id);
        if (m.action != null) {
          throw new RpcErrorException(400, RpcErrors.MESSAGE_ID_INVALID); // service messages stay put
        }
        originals.add(m);
      }
      for (long rid : r.randomId()) {
        if (me.randomIds.contains(rid)) {
          throw new RpcErrorException(400, RpcErrors.RANDOM_ID_DUPLICATE);
        }
      }
      me.randomIds.addAll(r.randomId());
      List<Update> updates = new ArrayList<>();
      List<Stored> made = new ArrayList<>();
      for (int i = 0; i < originals.size(); i++) {
        Stored o = originals.get(i);
        Stored m = world.send(me, to,
            new World.Draft(o.text(), o.entities(), null, null, r.silent(), r.dropAuthor() ? null : header(o), null,
                o.media()),
            context);
        updates.add(new UpdateMessageID(m.id, r.randomId().get(i)));
        updates.add(new UpdateNewMessage(World.message(m), me.pts(), 1));
        made.add(m);
      }
      return world.updates(me, updates, made);
    }
  }

  /**
   * The preview Telegram starts making for the first link of a message ({@code webPagePending},
   * later filled in by {@code updateWebPage}), or null if it has no link. {@code no_webpage} asks
   * for none.
   */
  private static @Nullable MessageMedia preview(String text, @Nullable List<MessageEntity> entities, long id, int date) {
    String url = null;
    int at = Integer.MAX_VALUE;
    Matcher m = LINK.matcher(text);
    if (m.find()) {
      url = m.group();
      at = m.start();
    }
    for (MessageEntity e : entities == null ? List.<MessageEntity>of() : entities) {
      if (e instanceof MessageEntityTextUrl link && link.offset() < at) {
        url = link.url();
        at = link.offset();
      }
    }
    return url == null ? null : new MessageMediaWebPage(false, false, false, false, new WebPagePending(id, url, date));
  }

  /**
   * {@code messages.getChats}: the basic groups asked for that the caller is a member of. Telegram
   * answers {@code CHAT_ID_INVALID} for an id it does not let the caller see.
   */
  private ChatsCtor chats(GetChats r, RequestContext context) {
    Account me = callers.accountOf(context);
    synchronized (world) {
      List<Chat> chats = new ArrayList<>();
      for (long id : r.id()) {
        BasicGroup g = world.group(id);
        if (g == null || !g.hasMember(me)) {
          throw new RpcErrorException(400, RpcErrors.CHAT_ID_INVALID);
        }
        chats.add(world.chat(me, g));
      }
      return new ChatsCtor(chats);
    }
  }

  /** Where a forwarded copy says it came from: the original's own origin, if it was forwarded. */
  private static MessageFwdHeader header(Stored o) {
    if (o.fwdFrom != null) {
      return o.fwdFrom;
    }
    return MessageFwdHeaderCtor.builder(o.date).fromId(new PeerUser(o.fromId)).build();
  }

  private Messages history(GetHistory r, RequestContext context) {
    Account me = callers.accountOf(context);
    if (me.bot) {
      throw new RpcErrorException(400, RpcErrors.BOT_METHOD_INVALID); // bots cannot read history
    }
    synchronized (world) {
      Peer peer = World.peerOf(me, world.resolve(me, r.peer()));
      List<Stored> all = world.history(me, peer); // newest first
      List<Stored> window = new ArrayList<>();
      for (Stored m : all) {
        if ((r.maxId() <= 0 || m.id < r.maxId()) && (r.minId() <= 0 || m.id > r.minId())) {
          window.add(m);
        }
      }
      // The page starts at the first message older than offset_id (or offset_date), moved by add_offset.
      int anchor = 0;
      if (r.offsetId() > 0) {
        while (anchor < window.size() && window.get(anchor).id >= r.offsetId()) {
          anchor++;
        }
      } else if (r.offsetDate() > 0) {
        while (anchor < window.size() && window.get(anchor).date >= r.offsetDate()) {
          anchor++;
        }
      }
      int limit = Math.clamp(r.limit(), 0, HISTORY_LIMIT_MAX);
      int start = Math.clamp((long) anchor + r.addOffset(), 0, window.size());
      int end = Math.clamp((long) anchor + r.addOffset() + limit, start, window.size());
      List<Stored> page = window.subList(start, end);
      List<Message> messages = page.stream().map(World::message).toList();
      if (page.size() == all.size()) {
        return new MessagesCtor(messages, List.of(), world.chatsOf(me, page), world.usersOf(me, page));
      }
      Integer offsetIdOffset = r.offsetId() > 0 || r.offsetDate() > 0 ? start : null;
      return MessagesSlice.builder(all.size(), messages, List.of(), world.chatsOf(me, page), world.usersOf(me, page))
          .offsetIdOffset(offsetIdOffset)
          .build();
    }
  }

  private Messages messages(GetMessages r, RequestContext context) {
    Account me = callers.accountOf(context);
    synchronized (world) {
      List<Message> messages = new ArrayList<>();
      List<Stored> found = new ArrayList<>();
      for (InputMessage input : r.id()) {
        Stored m = switch (input) {
          case InputMessageID id -> me.message(id.id());
          case InputMessageReplyTo reply -> {
            Stored of = me.message(reply.id());
            yield of == null || of.replyTo == null ? null : me.message(of.replyTo);
          }
          default -> null;
        };
        if (m == null) {
          int id = input instanceof InputMessageID i ? i.id() : input instanceof InputMessageReplyTo t ? t.id() : 0;
          messages.add(new MessageEmpty(id, null));
        } else {
          messages.add(World.message(m));
          found.add(m);
        }
      }
      return new MessagesCtor(messages, List.of(), world.chatsOf(me, found), world.usersOf(me, found));
    }
  }

  private Updates pin(UpdatePinnedMessage r, RequestContext context) {
    Account me = callers.accountOf(context);
    synchronized (world) {
      Object dialog = world.resolve(me, r.peer());
      return world.pin(me, dialog, r.id(), r.unpin(), r.pmOneside(), r.silent(), context);
    }
  }

  private AffectedHistoryCtor unpinAll(UnpinAllMessages r, RequestContext context) {
    Account me = callers.accountOf(context);
    synchronized (world) {
      int before = me.pts();
      world.unpinAll(me, world.resolve(me, r.peer()), context);
      return new AffectedHistoryCtor(me.pts(), me.pts() - before, 0);
    }
  }

  private AffectedMessagesCtor read(ReadHistory r, RequestContext context) {
    Account me = callers.accountOf(context);
    synchronized (world) {
      boolean changed = world.read(me, world.resolve(me, r.peer()), r.maxId(), context);
      return new AffectedMessagesCtor(me.pts(), changed ? 1 : 0);
    }
  }

  private InvitedUsersCtor createChat(CreateChat r, RequestContext context) {
    Account me = callers.accountOf(context);
    if (me.bot) {
      throw new RpcErrorException(400, RpcErrors.BOT_METHOD_INVALID); // bots are added, they do not create
    }
    synchronized (world) {
      List<Account> invited = new ArrayList<>();
      Set<Long> seen = new HashSet<>();
      for (InputUser u : r.users()) {
        Account a = world.resolve(me, u);
        if (a != me && seen.add(a.id)) {
          invited.add(a);
        }
      }
      BasicGroup group = world.createGroup(r.title(), me, invited, context);
      Stored created = world.history(me, new dev.tgkit.tl.api.PeerChat(group.id)).getFirst();
      return new InvitedUsersCtor(
          world.updates(me, List.of(new UpdateNewMessage(World.message(created), me.pts(), 1)), List.of(created)),
          List.of());
    }
  }
}
