package dev.tgkit.crypto;

/**
 * SRP parameters from the server that fail a check of <a
 * href="https://core.telegram.org/api/srp">two-factor authentication</a>, or a random {@code a}
 * that yields an unusable {@code A}. The password must not be sent: with bad parameters the answer
 * could reveal information about it. {@link #reason()} says which check failed.
 */
public final class SrpException extends RuntimeException {

  /** Which check failed. */
  public enum Reason {
    /** {@code p} is not a 2048-bit safe prime or {@code g} is not a valid generator for it. */
    INVALID_GROUP,
    /** {@code srp_B} ({@code g_b}) is outside {@code 1 < B < p - 1} or its safety margin. */
    INVALID_B,
    /** {@code A = g^a mod p} is outside the safe range: draw another {@code a} and retry. */
    INVALID_A,
    /** {@code u = H(A || B)} is zero, which would make the proof independent of the password. */
    ZERO_U
  }

  private final Reason reason;

  SrpException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  SrpException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
