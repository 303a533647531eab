package dev.tgkit.session;

import org.jspecify.annotations.Nullable;

/**
 * Who is signed in, as the session remembers it between runs: enough to know the account and
 * its home without asking Telegram first.
 *
 * @param id the account's user id
 * @param dc the account's home data center, where it must sign in and send most requests
 * @param bot whether the account is a bot (bots skip some steps users take, and vice versa)
 * @param username the account's primary username without the {@code @}, or null if it has none
 *     (command filters match {@code /start@name} against it)
 */
public record SessionUser(long id, int dc, boolean bot, @Nullable String username) {

  public SessionUser {
    if (id <= 0) {
      throw new IllegalArgumentException("a user id is positive, got " + id);
    }
    if (dc <= 0) {
      throw new IllegalArgumentException("the home data center id is positive, got " + dc);
    }
    if (username != null && (username.isBlank() || username.startsWith("@"))) {
      throw new IllegalArgumentException(
          "a username is non-blank and has no leading @ (or is null for none), got \"" + username + "\"");
    }
  }
}
