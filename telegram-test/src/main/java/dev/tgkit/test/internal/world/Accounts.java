package dev.tgkit.test.internal.world;

import dev.tgkit.test.internal.services.auth.SrpServer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@link World}'s users and bots, by id, phone number and username: who may be created, with
 * which names, and who signs in with what. Guarded by the world's lock.
 */
final class Accounts {

  static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{3,31}");
  private static final Pattern PHONE = Pattern.compile("[0-9]{5,15}");
  private static final Pattern BOT_TOKEN = Pattern.compile("([0-9]{1,15}):[A-Za-z0-9_-]{20,64}");

  private final RandomGenerator random;
  private final int dataCenters;
  private final Map<Long, Account> accounts = new HashMap<>();
  private final Map<String, Account> byPhone = new HashMap<>();
  private final Map<String, Account> byUsername = new HashMap<>();
  private long nextUserId = 1_000_001;

  Accounts(RandomGenerator random, int dataCenters) {
    this.random = random;
    this.dataCenters = dataCenters;
  }

  Account createUser(String phone, String firstName, @Nullable String lastName, int homeDc) {
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

  Account createBot(String token, String username, int homeDc) {
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

  void setUsername(Account account, @Nullable String username) {
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

  void setPrivacyMode(Account bot, boolean on) {
    bot.privacyMode = on;
  }

  void setPassword(Account account, @Nullable String password) {
    if (password != null && password.isEmpty()) {
      throw new IllegalArgumentException("a password is not empty; pass null to remove it");
    }
    account.password = password == null ? null : SrpServer.verifier(password, random);
  }

  @Nullable Account account(long id) {
    return accounts.get(id);
  }

  @Nullable Account byPhone(String phone) {
    return byPhone.get(phone);
  }

  @Nullable Account byUsername(String username) {
    return byUsername.get(username.toLowerCase(Locale.ROOT));
  }

  /** The bot whose token this is, comparing the whole token. */
  @Nullable Account byBotToken(String token) {
    var m = BOT_TOKEN.matcher(token);
    if (!m.matches()) {
      return null;
    }
    Account a = accounts.get(Long.parseLong(m.group(1)));
    return a != null && a.bot && Objects.equals(a.botToken, token) ? a : null;
  }

  Collection<Account> all() {
    return accounts.values();
  }

  /** The digits of a phone number given with or without {@code +}, spaces and dashes. */
  static String phone(String phone) {
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
}
