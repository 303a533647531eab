package dev.tgkit.client.types;

/**
 * What signing in with a login code gives: the signed-in {@link User}, or a {@link PasswordToken}
 * when the account has two-step verification and the password is needed too.
 */
public sealed interface SignInResult permits User, PasswordToken {}
