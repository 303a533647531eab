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

  public @Nullable String username;
  public SrpServer.@Nullable Verifier password;
  /** For a bot: whether it sees only the group messages meant for it, Telegram's default. */
  public boolean privacyMode = true;
  int nextMessageId = 1;
  public int pts;
  /** The updates that moved {@link #pts}, for {@code updates.getDifference}. */
  public final UpdateLog updateLog = new UpdateLog();
  /** This account's copies of messages by their id in this account. */
  public final TreeMap<Integer, Stored> box = new TreeMap<>();
  /** The highest incoming message id read per dialog, by the dialog's peer in this account. */
  public final Map<Peer, Integer> readInboxMax = new HashMap<>();
  /** The highest outgoing message id the other side read, per dialog, by the dialog's peer in this account. */
  public final Map<Peer, Integer> readOutboxMax = new HashMap<>();
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
