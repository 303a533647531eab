package dev.tgkit.test.internal.world;

import dev.tgkit.test.RequestContext;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.test.internal.services.auth.SrpServer;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.ChatCtor;
import dev.tgkit.tl.api.ChatPhotoEmpty;
import dev.tgkit.tl.api.InputPeer;
import dev.tgkit.tl.api.InputPeerChat;
import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.InputUser;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.Message;
import dev.tgkit.tl.api.MessageAction;
import dev.tgkit.tl.api.MessageActionChatCreate;
import dev.tgkit.tl.api.MessageActionPinMessage;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityMentionName;
import dev.tgkit.tl.api.MessageFwdHeader;
import dev.tgkit.tl.api.MessageFwdHeaderCtor;
import dev.tgkit.tl.api.MessageMedia;
import dev.tgkit.tl.api.MessageReplyHeaderCtor;
import dev.tgkit.tl.api.MessageService;
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
import dev.tgkit.tl.api.UpdateShortChatMessage;
import dev.tgkit.tl.api.UpdateShortMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.UpdatesCtor;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.updates.Difference;
import dev.tgkit.tl.api.updates.DifferenceCtor;
import dev.tgkit.tl.api.updates.DifferenceEmpty;
import dev.tgkit.tl.api.updates.DifferenceSlice;
import dev.tgkit.tl.api.updates.DifferenceTooLong;
import dev.tgkit.tl.api.updates.StateCtor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The simulated world behind the embedded Telegram's API: accounts, basic groups and messages,
 * kept the way Telegram keeps them.
 *
 * <ul>
 *   <li>Private chats and basic groups: every participant holds its own copy of a message, numbered
 *       in its own sequence (one per account, shared by all its private chats and basic groups).
 *   <li>Every change to an account's messages (new, edited, deleted, pinned, read) moves that
 *       account's {@code pts} by {@code pts_count} (<a
 *       href="https://core.telegram.org/api/updates">updates</a>) and is pushed to every connected
 *       session signed in as it, but the session whose request made it, which gets it as the answer.
 *       It is also logged with the pts it reached, so a session that was away gets what it missed
 *       from {@code updates.getDifference}; the log keeps the newest updates up to a capacity.
 *   <li>Bots in basic groups are in privacy mode unless a test turns it off: they get service
 *       messages, commands, mentions and replies to them, not the rest of the conversation.
 *   <li>Access hashes depend on the account that sees them: each account derives its own from a
 *       secret of its own and the peer's id, and only accepts those.
 * </ul>
 *
 * One lock guards everything; pushes are queued on the connections' event loops, never sent inline,
 * so holding it while pushing cannot deadlock with a session's lock.
 */
public final class World {

  /** Sends updates to an account's sessions; {@code except} is the session that gets them as its answer. */
  public interface Pusher {
    void push(long userId, TlObject updates, @Nullable RequestContext except);
  }

  /** A message to create: its text and what comes with it, before ids are assigned. */
  public record Draft(
      String text,
      @Nullable List<MessageEntity> entities,
      @Nullable Integer replyTo,
      @Nullable ReplyMarkup markup,
      boolean silent,
      @Nullable MessageFwdHeader fwdFrom,
      @Nullable MessageAction action,
      @Nullable MessageMedia media) {

    public Draft(String text, @Nullable List<MessageEntity> entities, @Nullable Integer replyTo,
        @Nullable ReplyMarkup markup, boolean silent, @Nullable MessageFwdHeader fwdFrom,
        @Nullable MessageAction action) {
      this(text, entities, replyTo, markup, silent, fwdFrom, action, null);
    }

    public static Draft text(String text) {
      return new Draft(text, null, null, null, false, null, null);
    }
  }

  static final int MESSAGE_LENGTH_MAX = 4096;
  /** Updates in one {@code updates.getDifference} answer, about as many as Telegram gives. */
  static final int DIFFERENCE_LIMIT_DEFAULT = 100;
  /** Updates each account's log keeps for {@code updates.getDifference}. */
  static final int UPDATE_LOG_CAPACITY_DEFAULT = 10_000;
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{3,31}");
  private static final Pattern PHONE = Pattern.compile("[0-9]{5,15}");
  private static final Pattern BOT_TOKEN = Pattern.compile("([0-9]{1,15}):[A-Za-z0-9_-]{20,64}");

  private final Clock clock;
  private final RandomGenerator random;
  private final int dataCenters;
  private final Pusher pusher;
  private final Map<Long, Account> accounts = new HashMap<>();
  private final Map<String, Account> byPhone = new HashMap<>();
  private final Map<String, Account> byUsername = new HashMap<>();
  private final Map<Long, BasicGroup> groups = new HashMap<>();
  private final Map<Long, List<Stored>> copies = new HashMap<>();
  private long nextOrigin = 1;
  private int differenceLimit = DIFFERENCE_LIMIT_DEFAULT;
  private int updateLogCapacity = UPDATE_LOG_CAPACITY_DEFAULT;
  private long nextUserId = 1_000_001;
  private long nextGroupId = 1_001;

  public World(Clock clock, RandomGenerator random, int dataCenters, Pusher pusher) {
    this.clock = clock;
    this.random = random;
    this.dataCenters = dataCenters;
    this.pusher = pusher;
  }

  public int now() {
    return (int) (clock.millis() / 1000);
  }

  // ---- accounts

  public synchronized Account createUser(String phone, String firstName, @Nullable String lastName, int homeDc) {
    String number = phone(phone);
    if (firstName.isBlank()) {
      throw new IllegalArgumentException("a user needs a first name, got a blank one");
    }
    checkDc(homeDc);
    if (byPhone.containsKey(number)) {
      throw new IllegalArgumentException("phone " + number + " already has an account");
    }
    while (accounts.containsKey(nextUserId)) {
      nextUserId++;
    }
    Account account =
        new Account(nextUserId++, number, firstName, lastName, false, null, homeDc, random.nextLong());
    accounts.put(account.id, account);
    byPhone.put(number, account);
    return account;
  }

  public synchronized Account createBot(String token, String username, int homeDc) {
    var m = BOT_TOKEN.matcher(token);
    if (!m.matches()) {
      // The token is a secret: say what is expected, not what was given.
      throw new IllegalArgumentException(
          "a bot token is <bot id>:<secret of 20 to 64 letters, digits, _ or ->, as BotFather gives"
              + " (123456:AAH...); got a string of " + token.length() + " characters that is not");
    }
    long id = Long.parseLong(m.group(1));
    if (id <= 0 || accounts.containsKey(id)) {
      throw new IllegalArgumentException("bot id " + id + " is taken or not positive");
    }
    if (!username.toLowerCase(Locale.ROOT).endsWith("bot")) {
      throw new IllegalArgumentException("a bot's username ends with \"bot\", got " + username);
    }
    checkDc(homeDc);
    checkUsername(username);
    Account account = new Account(id, null, username, null, true, token, homeDc, random.nextLong());
    accounts.put(id, account);
    setUsername(account, username);
    return account;
  }

  public synchronized void setUsername(Account account, @Nullable String username) {
    if (username != null) {
      checkUsername(username);
      Account holder = byUsername.get(username.toLowerCase(Locale.ROOT));
      if (holder != null && holder != account) {
        throw new IllegalArgumentException("username " + username + " is taken by " + holder);
      }
    }
    if (account.username != null) {
      byUsername.remove(account.username.toLowerCase(Locale.ROOT));
    }
    account.username = username;
    if (username != null) {
      byUsername.put(username.toLowerCase(Locale.ROOT), account);
    }
  }

  public synchronized void setPassword(Account account, @Nullable String password) {
    if (password != null && password.isEmpty()) {
      throw new IllegalArgumentException("a password is not empty; pass null to remove it");
    }
    account.password = password == null ? null : SrpServer.verifier(password, random);
  }

  public synchronized @Nullable Account account(long id) {
    return accounts.get(id);
  }

  public synchronized @Nullable Account byPhone(String phone) {
    return byPhone.get(phone);
  }

  public synchronized @Nullable Account byUsername(String username) {
    return byUsername.get(username.toLowerCase(Locale.ROOT));
  }

  /** The bot whose token this is, comparing the whole token. */
  public synchronized @Nullable Account byBotToken(String token) {
    var m = BOT_TOKEN.matcher(token);
    if (!m.matches()) {
      return null;
    }
    Account a = accounts.get(Long.parseLong(m.group(1)));
    return a != null && a.bot && Objects.equals(a.botToken, token) ? a : null;
  }

  public synchronized BasicGroup createGroup(String title, Account creator, List<Account> invited, @Nullable RequestContext origin) {
    if (title.isBlank()) {
      throw new RpcErrorException(400, "CHAT_TITLE_EMPTY");
    }
    BasicGroup group = new BasicGroup(nextGroupId++, title, creator.id, now());
    group.members.add(creator.id);
    invited.forEach(a -> group.members.add(a.id));
    groups.put(group.id, group);
    List<Long> ids = List.copyOf(group.members);
    send(creator, group, new Draft("", null, null, null, false, null, new MessageActionChatCreate(title, ids)), origin);
    return group;
  }

  public synchronized @Nullable BasicGroup group(long id) {
    return groups.get(id);
  }

  /** The digits of a phone number given with or without {@code +}, spaces and dashes. */
  public static String phone(String phone) {
    String digits = phone.replaceAll("[+\\s()-]", "");
    if (!PHONE.matcher(digits).matches()) {
      throw new IllegalArgumentException(
          "a phone number is 5 to 15 digits, optionally with +, spaces or dashes; got " + phone);
    }
    return digits;
  }

  private void checkDc(int dc) {
    if (dc < 1 || dc > dataCenters) {
      throw new IllegalArgumentException("no DC " + dc + ": this Telegram has DCs 1.." + dataCenters);
    }
  }

  private static void checkUsername(String username) {
    if (!USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "a username is 4 to 32 letters, digits or _, starting with a letter; got " + username);
    }
  }

  // ---- access hashes and peers

  /** The access hash {@code viewer} sees for peer {@code peerId}: its own, unlike any other's. */
  public static long accessHash(Account viewer, long peerId) {
    long z = viewer.secret + peerId * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The account or group {@code peer} names for {@code viewer}; 400 PEER_ID_INVALID otherwise. */
  public synchronized Object resolve(Account viewer, InputPeer peer) {
    switch (peer) {
      case InputPeerSelf s -> {
        return viewer;
      }
      case InputPeerUser u -> {
        Account a = accounts.get(u.userId());
        if (a != null && u.accessHash() == accessHash(viewer, a.id)) {
          return a;
        }
      }
      case InputPeerChat c -> {
        BasicGroup g = groups.get(c.chatId());
        if (g != null && g.members.contains(viewer.id)) {
          return g;
        }
      }
      default -> {}
    }
    throw new RpcErrorException(400, "PEER_ID_INVALID");
  }

  /** The account {@code user} names for {@code viewer}; 400 USER_ID_INVALID otherwise. */
  public synchronized Account resolve(Account viewer, InputUser user) {
    switch (user) {
      case InputUserSelf s -> {
        return viewer;
      }
      case InputUserCtor u -> {
        Account a = accounts.get(u.userId());
        if (a != null && u.accessHash() == accessHash(viewer, a.id)) {
          return a;
        }
      }
      default -> {}
    }
    throw new RpcErrorException(400, "USER_ID_INVALID");
  }

  /** The dialog with {@code target} (an account or a group) as {@code viewer} names it. */
  public static Peer peerOf(Account viewer, Object target) {
    return switch (target) {
      case Account a -> new PeerUser(a.id);
      case BasicGroup g -> new PeerChat(g.id);
      default -> throw new IllegalArgumentException("not a dialog: " + target);
    };
  }

  /** The participants of the dialog with {@code target}, the sender first. */
  private List<Account> participants(Account sender, Object target) {
    Set<Account> all = new LinkedHashSet<>();
    all.add(sender);
    switch (target) {
      case Account a -> all.add(a);
      case BasicGroup g -> g.members.forEach(id -> all.add(accounts.get(id)));
      default -> throw new IllegalArgumentException("not a dialog: " + target);
    }
    return List.copyOf(all);
  }

  // ---- the TL views of the world

  /** {@code account} as {@code viewer} sees it; the viewer now knows its access hash. */
  public synchronized UserCtor user(Account viewer, Account account) {
    boolean self = viewer == account;
    viewer.known.add(account.id);
    return new UserCtor(
        self, false, false, false, account.bot, false, false, false, false, false, false, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false,
        false, false, false, false, false,
        account.id,
        accessHash(viewer, account.id),
        account.firstName,
        account.lastName,
        account.username,
        self ? account.phone : null,
        null, null,
        account.bot ? 1 : null, // bot_info_version shares the bot flag's bit
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public synchronized ChatCtor chat(Account viewer, BasicGroup group) {
    return new ChatCtor(
        group.creatorId == viewer.id, false, false, false, false, false,
        group.id, group.title, new ChatPhotoEmpty(), group.members.size(), group.date, 1,
        null, null, null);
  }

  /** {@code m} as its owner sees it. */
  public static Message message(Stored m) {
    MessageReplyHeaderCtor reply = replyHeader(m);
    // Telegram names the sender of an incoming private message by the dialog alone.
    Peer from = m.out() || m.peer instanceof PeerChat ? new PeerUser(m.fromId) : null;
    if (m.action != null) {
      return new MessageService(m.out(), false, false, false, m.silent, false, false, m.id, from,
          m.peer, null, reply, m.date, m.action, null, null);
    }
    return new MessageCtor(
        m.out(), false, false, m.silent, false, false, false, false, m.pinned, false, false, false,
        false, false, false,
        m.id, from, null, null, m.peer, null, m.fwdFrom, null, null, null, reply, m.date, m.text,
        m.media, m.markup, m.entities, null, null, null, m.editDate, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null);
  }

  /** The users and chats {@code messages} mention, as {@code viewer} sees them. */
  public synchronized List<User> usersOf(Account viewer, List<Stored> messages) {
    Map<Long, User> users = new LinkedHashMap<>();
    for (Stored m : messages) {
      for (long id : userIds(m)) {
        addUser(viewer, users, id);
      }
    }
    return List.copyOf(users.values());
  }

  /** The users {@code m} names: its sender, the other side, the forwarded author, those it mentions. */
  private static Set<Long> userIds(Stored m) {
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

  private void addUser(Account viewer, Map<Long, User> users, long id) {
    Account a = accounts.get(id);
    if (a != null && !users.containsKey(id)) {
      users.put(id, user(viewer, a));
    }
  }

  public synchronized List<Chat> chatsOf(Account viewer, List<Stored> messages) {
    Map<Long, Chat> chats = new LinkedHashMap<>();
    for (Stored m : messages) {
      if (m.peer instanceof PeerChat p && !chats.containsKey(p.chatId())) {
        chats.put(p.chatId(), chat(viewer, groups.get(p.chatId())));
      }
    }
    return List.copyOf(chats.values());
  }

  /** {@code updates} wrapped with the users and chats their messages mention. */
  public synchronized UpdatesCtor updates(Account viewer, List<Update> updates, List<Stored> mentioned) {
    return new UpdatesCtor(updates, usersOf(viewer, mentioned), chatsOf(viewer, mentioned), now(), 0);
  }

  // ---- messages

  /**
   * Creates a message from {@code sender} in the dialog with {@code target}: a copy for every
   * participant with its own id, each participant's pts one up, and the new message pushed to every
   * session of every participant but {@code origin}.
   *
   * @return the sender's copy
   */
  public synchronized Stored send(Account sender, Object target, Draft draft, @Nullable RequestContext origin) {
    List<MessageEntity> entities = draft.entities();
    if (draft.action() == null) {
      if (draft.text().isBlank()) {
        throw new RpcErrorException(400, "MESSAGE_EMPTY");
      }
      if (draft.text().length() > MESSAGE_LENGTH_MAX) {
        throw new RpcErrorException(400, "MESSAGE_TOO_LONG");
      }
      if (draft.fwdFrom() == null) {
        entities = Entities.of(this, sender, draft.text(), entities); // a forward keeps the original's
      }
    }
    if (target instanceof Account to && to.bot && sender.bot && to != sender) {
      throw new RpcErrorException(400, "USER_IS_BOT"); // bots cannot write to bots
    }
    if (target instanceof Account to) {
      sender.known.add(to.id); // it addressed the recipient with its access hash
    }
    long origin0 = nextOrigin++;
    int date = now();
    Stored reference = draft.replyTo() == null ? null : sender.box.get(draft.replyTo());
    if (reference != null && !reference.peer.equals(peerOf(sender, target))) {
      reference = null; // a reply to a message of another dialog is sent as a plain message
    }
    List<Stored> made = new ArrayList<>();
    for (Account p : participants(sender, target)) {
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
      log(p, new UpdateNewMessage(message(m), p.pts, 1), 1, List.of(m), null);
      made.add(m);
    }
    copies.put(origin0, made);
    for (Stored m : made) {
      pusher.push(m.owner.id, newMessage(m), origin);
    }
    notifyAll();
    return made.getFirst();
  }

  /**
   * Whether a bot in privacy mode sees a group message (<a
   * href="https://core.telegram.org/bots/features#privacy-mode">privacy mode</a>): service messages,
   * commands, mentions of it and replies to its messages. Telegram narrows bare commands further
   * (to the last bot that wrote); here every command counts.
   */
  private static boolean meantFor(Account bot, Draft draft, @Nullable Stored reference) {
    String text = draft.text();
    return draft.action() != null
        || text.startsWith("/")
        || (bot.username != null && text.toLowerCase(Locale.ROOT).contains("@" + bot.username.toLowerCase(Locale.ROOT)))
        || (reference != null && reference.fromId == bot.id);
  }

  /** How the owner of {@code m} learns of it: in short form when it knows everyone involved. */
  private Updates newMessage(Stored m) {
    Account owner = m.owner;
    boolean simple = m.action == null && m.markup == null && m.fwdFrom == null && m.media == null;
    boolean knows = owner.known.contains(m.fromId) || m.fromId == owner.id;
    for (long id : mentioned(m)) {
      knows &= owner.known.contains(id) || id == owner.id; // else the users vector must name them
    }
    if (m.peer instanceof PeerUser p) {
      knows &= owner.known.contains(p.userId()) || p.userId() == owner.id;
      if (simple && knows) {
        return new UpdateShortMessage(m.out(), false, false, m.silent, m.id, p.userId(), m.text,
            owner.pts, 1, m.date, null, null, replyHeader(m), m.entities, null);
      }
    } else if (m.peer instanceof PeerChat c && simple && knows) {
      return new UpdateShortChatMessage(m.out(), false, false, m.silent, m.id, m.fromId,
          c.chatId(), m.text, owner.pts, 1, m.date, null, null, replyHeader(m), m.entities, null);
    }
    return updates(owner, List.of(new UpdateNewMessage(message(m), owner.pts, 1)), List.of(m));
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

  private static @Nullable MessageReplyHeaderCtor replyHeader(Stored m) {
    return m.replyTo == null
        ? null
        : new MessageReplyHeaderCtor(false, false, false, false, m.replyTo, null, null, null, null,
            null, null, null, null, null);
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
  public synchronized Stored find(Account owner, Peer peer, int id) {
    Stored m = owner.box.get(id);
    if (m == null || !m.peer.equals(peer)) {
      throw new RpcErrorException(400, "MESSAGE_ID_INVALID");
    }
    return m;
  }

  /**
   * Edits message {@code id} of {@code editor} in dialog {@code peer} for everyone who has it. A
   * bot's edit sets the buttons to {@code markup} (none if null); a user's keeps them. The link
   * preview becomes {@code preview}: none if null.
   *
   * @return the editor's updated copy
   */
  public synchronized Stored edit(Account editor, Peer peer, int id, @Nullable String text,
      @Nullable List<MessageEntity> entities, @Nullable ReplyMarkup markup, @Nullable MessageMedia preview,
      @Nullable RequestContext origin) {
    Stored m = find(editor, peer, id);
    if (m.action != null) {
      throw new RpcErrorException(400, "MESSAGE_ID_INVALID");
    }
    if (m.fromId != editor.id) {
      throw new RpcErrorException(403, "MESSAGE_AUTHOR_REQUIRED");
    }
    String newText = text == null ? m.text : text;
    if (newText.isBlank()) {
      throw new RpcErrorException(400, "MESSAGE_EMPTY");
    }
    if (newText.length() > MESSAGE_LENGTH_MAX) {
      throw new RpcErrorException(400, "MESSAGE_TOO_LONG");
    }
    List<MessageEntity> newEntities =
        text == null && entities == null ? m.entities : Entities.of(this, editor, newText, entities);
    // A bot's edit replaces its buttons, and leaving them out removes them; only inline ones may stay.
    ReplyMarkup newMarkup = editor.bot ? markup : m.markup;
    if (editor.bot && markup != null && !(markup instanceof ReplyInlineMarkup)) {
      throw new RpcErrorException(400, "REPLY_MARKUP_INVALID");
    }
    boolean samePreview = (preview == null) == (m.media == null);
    if (newText.equals(m.text) && Objects.equals(newEntities, m.entities) && Objects.equals(newMarkup, m.markup)
        && samePreview) {
      throw new RpcErrorException(400, "MESSAGE_NOT_MODIFIED");
    }
    int date = now();
    for (Stored c : copies.get(m.origin)) {
      c.text = newText;
      c.entities = newEntities;
      c.markup = newMarkup;
      c.media = preview;
      c.editDate = date;
      c.owner.pts++;
      UpdateEditMessage u = new UpdateEditMessage(message(c), c.owner.pts, 1);
      log(c.owner, u, 1, List.of(c), null);
      pusher.push(c.owner.id, updates(c.owner, List.of(u), List.of(c)), origin);
    }
    notifyAll();
    return m;
  }

  /**
   * Deletes {@code ids} of {@code deleter}: for it alone, or with {@code revoke} for everyone who
   * has them (in basic groups only the author or the group's creator may).
   *
   * @return how many of the deleter's messages went
   */
  public synchronized int delete(Account deleter, List<Integer> ids, boolean revoke, @Nullable RequestContext origin) {
    Map<Account, List<Integer>> gone = new LinkedHashMap<>();
    gone.put(deleter, new ArrayList<>());
    for (int id : ids) {
      Stored m = deleter.box.get(id);
      if (m == null) {
        continue; // Telegram ignores ids that are not there (any more)
      }
      List<Stored> targets = List.of(m);
      if (revoke) {
        if (m.peer instanceof PeerChat c && m.fromId != deleter.id && groups.get(c.chatId()).creatorId != deleter.id) {
          throw new RpcErrorException(403, "MESSAGE_DELETE_FORBIDDEN");
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
      log(a, u, e.getValue().size(), List.of(), null);
      pusher.push(a.id, new UpdateShort(u, now()), origin);
    }
    notifyAll();
    return gone.get(deleter).size();
  }

  /**
   * Pins or unpins message {@code id} of {@code actor} in dialog {@code peer}: for both sides of a
   * private chat unless {@code oneSide}, for every member of a group. Pinning for everyone also
   * posts the "pinned a message" service message, as Telegram does.
   *
   * @return the updates for the actor's own answer
   */
  public synchronized UpdatesCtor pin(Account actor, Object dialog, int id, boolean unpin, boolean oneSide,
      boolean silent, @Nullable RequestContext origin) {
    Peer peer = peerOf(actor, dialog);
    Stored m = find(actor, peer, id);
    List<Stored> targets = oneSide && peer instanceof PeerUser ? List.of(m) : List.copyOf(copies.get(m.origin));
    List<Update> mine = new ArrayList<>();
    for (Stored c : targets) {
      c.pinned = !unpin;
      c.owner.pts++;
      UpdatePinnedMessages u = new UpdatePinnedMessages(!unpin, c.peer, List.of(c.id), c.owner.pts, 1);
      log(c.owner, u, 1, List.of(), c.peer);
      if (c.owner == actor) {
        mine.add(u);
      }
      pusher.push(c.owner.id, updates(c.owner, List.of(u), List.of(c)), c.owner == actor ? origin : null);
    }
    List<Stored> mentioned = new ArrayList<>(List.of(m));
    if (!unpin && !oneSide) {
      Stored service = send(actor, dialog,
          new Draft("", null, m.id, null, silent, null, new MessageActionPinMessage()), origin);
      mine.add(new UpdateNewMessage(message(service), actor.pts, 1));
      mentioned.add(service);
    }
    notifyAll();
    return updates(actor, mine, mentioned);
  }

  /** Unpins every pinned message of the dialog for everyone who has it; returns how many of the actor's. */
  public synchronized int unpinAll(Account actor, Object dialog, @Nullable RequestContext origin) {
    Peer peer = peerOf(actor, dialog);
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

  /**
   * Marks {@code reader}'s incoming messages in {@code dialog} up to {@code maxId} (all for 0) read,
   * and tells the senders their outgoing messages were read.
   *
   * @return whether anything changed (the reader's pts then moved by one)
   */
  public synchronized boolean read(Account reader, Object dialog, int maxId, @Nullable RequestContext origin) {
    Peer peer = peerOf(reader, dialog);
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
    UpdateReadHistoryInbox inbox = new UpdateReadHistoryInbox(null, peer, null, upTo, unread, reader.pts, 1);
    log(reader, inbox, 1, List.of(), peer);
    pusher.push(reader.id, new UpdateShort(inbox, now()), origin);
    for (Map.Entry<Account, Integer> e : outboxMax.entrySet()) {
      Account sender = e.getKey();
      sender.pts++;
      Peer theirs = dialog instanceof BasicGroup g ? new PeerChat(g.id) : new PeerUser(reader.id);
      sender.readOutboxMax.merge(theirs, e.getValue(), Math::max);
      UpdateReadHistoryOutbox outbox = new UpdateReadHistoryOutbox(theirs, e.getValue(), sender.pts, 1);
      log(sender, outbox, 1, List.of(), theirs);
      pusher.push(sender.id, new UpdateShort(outbox, now()), null);
    }
    notifyAll();
    return true;
  }

  // ---- the update log and updates.getDifference

  /**
   * Logs {@code update}, which just moved {@code owner}'s pts by {@code ptsCount}, with the users and
   * basic groups that {@code messages} and {@code dialog} name, for {@link #difference}.
   */
  private void log(Account owner, Update update, int ptsCount, List<Stored> messages, @Nullable Peer dialog) {
    Set<Long> users = new LinkedHashSet<>();
    Set<Long> chats = new LinkedHashSet<>();
    for (Stored m : messages) {
      users.addAll(userIds(m));
      if (m.peer instanceof PeerChat c) {
        chats.add(c.chatId());
      }
    }
    switch (dialog) {
      case PeerUser u -> users.add(u.userId());
      case PeerChat c -> chats.add(c.chatId());
      case null, default -> {}
    }
    owner.updateLog.add(new UpdateLog.Entry(owner.pts, ptsCount, now(), update,
        Collections.unmodifiableSet(users), Collections.unmodifiableSet(chats)), updateLogCapacity);
  }

  /** Sets how many updates one {@link #difference} answer holds at most. */
  public synchronized void differenceLimit(int updates) {
    if (updates < 1) {
      throw new IllegalArgumentException("a difference holds at least 1 update, got a limit of " + updates);
    }
    differenceLimit = updates;
  }

  /** Sets how many updates each account's log keeps, forgetting the oldest beyond it now. */
  public synchronized void updateLogCapacity(int updates) {
    if (updates < 1) {
      throw new IllegalArgumentException("an update log keeps at least 1 update, got a capacity of " + updates);
    }
    updateLogCapacity = updates;
    accounts.values().forEach(a -> a.updateLog.trim(updates));
  }

  /**
   * What {@code viewer} missed since {@code pts} ({@code updates.getDifference}, <a
   * href="https://core.telegram.org/api/updates#recovering-gaps">recovering gaps</a>), from its
   * update log: {@code differenceEmpty} when nothing is newer, {@code difference} with the state
   * now when the rest fits in one answer, {@code differenceSlice} with the state after its last
   * update when more remain, {@code differenceTooLong} with the pts now when the log no longer
   * holds all that was missed. New messages go in {@code new_messages} and the rest in {@code
   * other_updates}, each as it was pushed (Telegram may merge them: show an edited message already
   * edited, leave a deleted one out), with the users and groups they name as {@code viewer} sees
   * them. This world has no secret chats and no bot events, so {@code qts} is 0; {@code pts_limit},
   * {@code pts_total_limit} and {@code qts_limit} are not looked at.
   *
   * @throws RpcErrorException 400 {@code PERSISTENT_TIMESTAMP_EMPTY} for a date of 0 (no state was
   *     ever had), 400 {@code PERSISTENT_TIMESTAMP_INVALID} for a negative value or a pts or qts
   *     beyond the account's
   */
  public synchronized Difference difference(Account viewer, int pts, int qts, int date) {
    if (date == 0) {
      throw new RpcErrorException(400, "PERSISTENT_TIMESTAMP_EMPTY");
    }
    if (pts < 0 || qts < 0 || date < 0 || pts > viewer.pts || qts > 0) {
      throw new RpcErrorException(400, "PERSISTENT_TIMESTAMP_INVALID");
    }
    if (pts == viewer.pts) {
      return new DifferenceEmpty(now(), 0);
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
      e.users().forEach(id -> addUser(viewer, users, id));
      for (long id : e.chats()) {
        BasicGroup g = groups.get(id);
        if (g != null && !chats.containsKey(id)) {
          chats.put(id, chat(viewer, g));
        }
      }
    }
    UpdateLog.Entry last = entries.getLast();
    boolean complete = last.pts() == viewer.pts;
    StateCtor state = new StateCtor(last.pts(), 0, complete ? now() : last.date(), 0, unread(viewer));
    return complete
        ? new DifferenceCtor(newMessages, List.of(), otherUpdates, List.copyOf(chats.values()),
            List.copyOf(users.values()), state)
        : new DifferenceSlice(newMessages, List.of(), otherUpdates, List.copyOf(chats.values()),
            List.copyOf(users.values()), state);
  }

  /** {@code owner}'s messages in dialog {@code peer}, newest first. */
  public synchronized List<Stored> history(Account owner, Peer peer) {
    List<Stored> out = new ArrayList<>();
    for (Stored m : owner.box.descendingMap().values()) {
      if (m.peer.equals(peer)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Incoming messages {@code owner} has not read, over all dialogs. */
  public synchronized int unread(Account owner) {
    int n = 0;
    for (Stored m : owner.box.values()) {
      if (!m.out() && m.id > owner.readInboxMax.getOrDefault(m.peer, 0)) {
        n++;
      }
    }
    return n;
  }

  /** Waits until {@code condition} holds, rechecking whenever the world changes. */
  public synchronized boolean await(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
