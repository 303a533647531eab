package dev.tgkit.spring.autoconfigure;

import java.util.Optional;

/**
 * Supplies what signing in as a user account ({@code telegram.phone}) needs, when the session is
 * not signed in yet: the login code Telegram sends to the account's other sessions or by SMS,
 * and, for an account with two-step verification, its password. Without such a bean the client
 * starts unauthorized and says so in its health.
 *
 * <p>Called on the thread starting the application context, which waits for the answer.
 */
@FunctionalInterface
public interface LoginCodeProvider {

  /** The login code just sent for the account; may block until someone types it in. */
  String loginCode();

  /**
   * The account's two-step verification password.
   *
   * @param hint the hint the account's owner set, if any
   * @throws IllegalStateException by default: give the password by overriding this
   */
  default String password(Optional<String> hint) {
    throw new IllegalStateException("the account has two-step verification: the LoginCodeProvider bean must "
        + "override password(hint)");
  }
}
