package dev.tgkit.test.internal.world;

import dev.tgkit.test.internal.services.auth.SrpServer;
import dev.tgkit.tl.api.Peer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One account of the {@link World}, a user or a bot, with what Telegram keeps per account: its own
 * message box (private chats and basic groups share one id sequence per account), its {@code pts},
 * the random ids it sent, and the users it has been shown. Guarded by the world's lock.
 *
 * <p>Others read it, holding that lock; only the world changes what its rules depend on (names,
 * messages, read marks, the update log), so no caller can move them past those rules.
 */
public final class Account {

  public final long id;
  public final @Nullable String phone;
  public final String firstName;
  final @Nullable String lastName;
  public final boolean bot;
  public final @Nullable String botToken;
  public final int homeDc;
  /** Seeds the access hashes this account sees, so each viewer sees its own. */
  final long secret;

  @Nullable String username;
  SrpServer.@Nullable Verifier password;
  /** For a bot: whether it sees only the group messages meant for it, Telegram's default. */
  boolean privacyMode = true;
  int nextMessageId = 1;
  /** Moved only by the world, with each update it logs; the services read it with {@link #pts()}. */
  int pts;
  /** The updates that moved {@link #pts}, for {@code updates.getDifference}. */
  final UpdateLog updateLog = new UpdateLog();
  /** This account's copies of messages by their id in this account. */
  final TreeMap<Integer, Stored> box = new TreeMap<>();
  /** The highest incoming message id read per dialog, by the dialog's peer in this account. */
  final Map<Peer, Integer> readInboxMax = new HashMap<>();
  /** The highest outgoing message id the other side read, per dialog, by the dialog's peer in this account. */
  final Map<Peer, Integer> readOutboxMax = new HashMap<>();
  /** The random ids of the messages it sent, which the messages service keeps to refuse a repeat. */
  public final Set<Long> randomIds = new HashSet<>();
  /** Users whose access hash this account was given, so short updates may name them. */
  final Set<Long> known = new HashSet<>();

  Account(
      long id,
      @Nullable String phone,
      String firstName,
      @Nullable String lastName,
      boolean bot,
      @Nullable String botToken,
      int homeDc,
      long secret) {
    this.id = id;
    this.phone = phone;
    this.firstName = firstName;
    this.lastName = lastName;
    this.bot = bot;
    this.botToken = botToken;
    this.homeDc = homeDc;
    this.secret = secret;
  }

  /** The account's pts: how far its common update sequence went. */
  public int pts() {
    return pts;
  }

  public @Nullable String username() {
    return username;
  }

  /** The verifier of its two-step verification password, or null without one. */
  public SrpServer.@Nullable Verifier password() {
    return password;
  }

  /** Its copy numbered {@code id}, in whichever dialog, or null if it has none. */
  public @Nullable Stored message(int id) {
    return box.get(id);
  }

  /** The highest id of an incoming message in {@code dialog} it has read, 0 for none. */
  public int readInboxUpTo(Peer dialog) {
    return readInboxMax.getOrDefault(dialog, 0);
  }

  /** The highest id of its own messages in {@code dialog} the other side has read, 0 for none. */
  public int readOutboxUpTo(Peer dialog) {
    return readOutboxMax.getOrDefault(dialog, 0);
  }

  /** How many updates its log keeps for {@code updates.getDifference}: at most the world's capacity. */
  public int loggedUpdates() {
    return updateLog.size();
  }

  /** Incoming messages this account has not read, over all dialogs. */
  int unread() {
    int n = 0;
    for (Stored m : box.values()) {
      if (!m.out() && m.id > readInboxMax.getOrDefault(m.peer, 0)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return (bot ? "bot " : "user ") + id;
  }
}
