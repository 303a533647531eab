package dev.tgkit.test;

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
final class Account {

  final long id;
  final @Nullable String phone;
  final String firstName;
  final @Nullable String lastName;
  final boolean bot;
  final @Nullable String botToken;
  final int homeDc;
  /** Seeds the access hashes this account sees, so each viewer sees its own. */
  final long secret;

  @Nullable String username;
  SrpServer.@Nullable Verifier password;
  /** For a bot: whether it sees only the group messages meant for it, Telegram's default. */
  boolean privacyMode = true;
  int nextMessageId = 1;
  int pts;
  /** The updates that moved {@link #pts}, for {@code updates.getDifference}. */
  final UpdateLog updateLog = new UpdateLog();
  /** This account's copies of messages by their id in this account. */
  final TreeMap<Integer, Stored> box = new TreeMap<>();
  /** The highest incoming message id read per dialog, by the dialog's peer in this account. */
  final Map<Peer, Integer> readInboxMax = new HashMap<>();
  /** The highest outgoing message id the other side read, per dialog, by the dialog's peer in this account. */
  final Map<Peer, Integer> readOutboxMax = new HashMap<>();
  final Set<Long> randomIds = new HashSet<>();
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

  @Override
  public String toString() {
    return (bot ? "bot " : "user ") + id;
  }
}
