package dev.tgkit.client.types;

import dev.tgkit.tl.api.account.PasswordCtor;
import java.util.Optional;

/**
 * The account has two-step verification: pass this, with the password, to {@code checkPassword}.
 * Valid for one attempt: the server's SRP parameters in it change after each check.
 */
public final class PasswordToken implements SignInResult {

  private final PasswordCtor password;

  public PasswordToken(PasswordCtor password) {
    this.password = password;
  }

  /** The hint the user set for the password. */
  public Optional<String> hint() {
    return Optional.ofNullable(password.hint());
  }

  /** The server's {@code account.password}, with the SRP parameters to answer. */
  public PasswordCtor raw() {
    return password;
  }

  @Override
  public String toString() {
    return "PasswordToken[]";
  }
}
