package dev.tgkit.test.internal.world;

import dev.tgkit.test.RequestContext;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.ChatCtor;
import dev.tgkit.tl.api.InputPeer;
import dev.tgkit.tl.api.InputUser;
import dev.tgkit.tl.api.Message;
import dev.tgkit.tl.api.MessageAction;
import dev.tgkit.tl.api.MessageActionChatCreate;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageFwdHeader;
import dev.tgkit.tl.api.MessageMedia;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.ReplyMarkup;
import dev.tgkit.tl.api.Update;
import dev.tgkit.tl.api.UpdatesCtor;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.updates.Difference;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
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
 * <p>Package-private pieces keep it, one per concern: {@code Accounts}, {@code BasicGroups}, {@code
 * Peers} (who may name whom, with which access hash), {@code Views} (the TL objects an account is
 * shown), {@code MessageStore}, and {@code Differences} (the update logs and {@code
 * updates.getDifference}). This class holds them and the one rule they share: this object's
 * monitor guards all of them. Every public method here takes it; the pieces take none and are
 * reached from here only; a caller that needs several calls to see one state (check, then change)
 * holds it around them with {@code synchronized (world)}. Each change to messages wakes {@link
 * #await}. Pushes are queued on the connections' event loops, never sent inline, so holding the
 * lock while pushing cannot deadlock with a session's lock.
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

  private final Clock clock;
  private final Accounts accounts;
  private final BasicGroups groups;
  private final Peers peers;
  private final Views views;
  private final Differences differences;
  private final MessageStore messages;

  public World(Clock clock, RandomGenerator random, int dataCenters, Pusher pusher) {
    this.clock = clock;
    this.accounts = new Accounts(random, dataCenters);
    this.groups = new BasicGroups(this::now);
    this.peers = new Peers(accounts, groups);
    this.views = new Views(accounts, groups, this::now);
    this.differences = new Differences(accounts, groups, views, this::now);
    // The store wakes await() from inside this world's synchronized methods, where notifyAll may run.
    this.messages =
        new MessageStore(accounts, groups, peers, views, differences, pusher, this::now, this::notifyAll);
  }

  public int now() {
    return (int) (clock.millis() / 1000);
  }

  // ---- accounts and groups

  public synchronized Account createUser(String phone, String firstName, @Nullable String lastName, int homeDc) {
    return accounts.createUser(phone, firstName, lastName, homeDc);
  }

  public synchronized Account createBot(String token, String username, int homeDc) {
    return accounts.createBot(token, username, homeDc);
  }

  public synchronized void setUsername(Account account, @Nullable String username) {
    accounts.setUsername(account, username);
  }

  /** Whether the bot sees only the group messages meant for it (on) or all of them (off). */
  public synchronized void setPrivacyMode(Account bot, boolean on) {
    accounts.setPrivacyMode(bot, on);
  }

  public synchronized void setPassword(Account account, @Nullable String password) {
    accounts.setPassword(account, password);
  }

  public synchronized @Nullable Account account(long id) {
    return accounts.account(id);
  }

  public synchronized @Nullable Account byPhone(String phone) {
    return accounts.byPhone(phone);
  }

  public synchronized @Nullable Account byUsername(String username) {
    return accounts.byUsername(username);
  }

  /** The bot whose token this is, comparing the whole token. */
  public synchronized @Nullable Account byBotToken(String token) {
    return accounts.byBotToken(token);
  }

  /** Creates a basic group; every member gets the "group created" service message. */
  public synchronized BasicGroup createGroup(String title, Account creator, List<Account> invited, @Nullable RequestContext origin) {
    BasicGroup group = groups.create(title, creator, invited);
    List<Long> ids = List.copyOf(group.members);
    messages.send(creator, group, new Draft("", null, null, null, false, null, new MessageActionChatCreate(title, ids)), origin);
    return group;
  }

  public synchronized @Nullable BasicGroup group(long id) {
    return groups.group(id);
  }

  /** The digits of a phone number given with or without {@code +}, spaces and dashes. */
  public static String phone(String phone) {
    return Accounts.phone(phone);
  }

  /** Whether {@code username} is one Telegram accepts: 4 to 32 letters, digits or _, a letter first. */
  public static boolean isUsername(String username) {
    return Accounts.USERNAME.matcher(username).matches();
  }

  // ---- access hashes and peers

  /** The access hash {@code viewer} sees for peer {@code peerId}: its own, unlike any other's. */
  public static long accessHash(Account viewer, long peerId) {
    return Peers.accessHash(viewer, peerId);
  }

  /** The account or group {@code peer} names for {@code viewer}; 400 PEER_ID_INVALID otherwise. */
  public synchronized Object resolve(Account viewer, InputPeer peer) {
    return peers.resolve(viewer, peer);
  }

  /** The account {@code user} names for {@code viewer}; 400 USER_ID_INVALID otherwise. */
  public synchronized Account resolve(Account viewer, InputUser user) {
    return peers.resolve(viewer, user);
  }

  /** The dialog with {@code target} (an account or a group) as {@code viewer} names it. */
  public static Peer peerOf(Account viewer, Object target) {
    return Peers.peerOf(viewer, target);
  }

  // ---- the TL views of the world

  /** {@code account} as {@code viewer} sees it; the viewer now knows its access hash. */
  public synchronized UserCtor user(Account viewer, Account account) {
    return views.user(viewer, account);
  }

  public synchronized ChatCtor chat(Account viewer, BasicGroup group) {
    return views.chat(viewer, group);
  }

  /** {@code m} as its owner sees it. */
  public static Message message(Stored m) {
    return Views.message(m);
  }

  /** The users {@code messages} mention, as {@code viewer} sees them. */
  public synchronized List<User> usersOf(Account viewer, List<Stored> messages) {
    return views.usersOf(viewer, messages);
  }

  /** The basic groups {@code messages} are in, as {@code viewer} sees them. */
  public synchronized List<Chat> chatsOf(Account viewer, List<Stored> messages) {
    return views.chatsOf(viewer, messages);
  }

  /** {@code updates} wrapped with the users and chats their messages mention. */
  public synchronized UpdatesCtor updates(Account viewer, List<Update> updates, List<Stored> mentioned) {
    return views.updates(viewer, updates, mentioned);
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
    return messages.send(sender, target, draft, origin);
  }

  /** The message {@code id} of {@code owner} in the dialog {@code peer}; 400 MESSAGE_ID_INVALID otherwise. */
  public synchronized Stored find(Account owner, Peer peer, int id) {
    return messages.find(owner, peer, id);
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
    return messages.edit(editor, peer, id, text, entities, markup, preview, origin);
  }

  /**
   * Deletes {@code ids} of {@code deleter}: for it alone, or with {@code revoke} for everyone who
   * has them (in basic groups only the author or the group's creator may).
   *
   * @return how many of the deleter's messages went
   */
  public synchronized int delete(Account deleter, List<Integer> ids, boolean revoke, @Nullable RequestContext origin) {
    return messages.delete(deleter, ids, revoke, origin);
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
    return messages.pin(actor, dialog, id, unpin, oneSide, silent, origin);
  }

  /** Unpins every pinned message of the dialog for everyone who has it; returns how many of the actor's. */
  public synchronized int unpinAll(Account actor, Object dialog, @Nullable RequestContext origin) {
    return messages.unpinAll(actor, dialog, origin);
  }

  /**
   * Marks {@code reader}'s incoming messages in {@code dialog} up to {@code maxId} (all for 0) read,
   * and tells the senders their outgoing messages were read.
   *
   * @return whether anything changed (the reader's pts then moved by one)
   */
  public synchronized boolean read(Account reader, Object dialog, int maxId, @Nullable RequestContext origin) {
    return messages.read(reader, dialog, maxId, origin);
  }

  /** {@code owner}'s messages in dialog {@code peer}, newest first. */
  public synchronized List<Stored> history(Account owner, Peer peer) {
    return messages.history(owner, peer);
  }

  /** Incoming messages {@code owner} has not read, over all dialogs. */
  public synchronized int unread(Account owner) {
    return owner.unread();
  }

  // ---- the update log and updates.getDifference

  /** Sets how many updates one {@link #difference} answer holds at most. */
  public synchronized void differenceLimit(int updates) {
    differences.differenceLimit(updates);
  }

  /** Sets how many updates each account's log keeps, forgetting the oldest beyond it now. */
  public synchronized void updateLogCapacity(int updates) {
    differences.updateLogCapacity(updates);
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
    return differences.difference(viewer, pts, qts, date);
  }

  // ---- waiting

  /** Waits until {@code condition} holds, rechecking whenever the world changes. */
  public synchronized boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
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
