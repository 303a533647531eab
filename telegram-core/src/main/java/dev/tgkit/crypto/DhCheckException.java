package dev.tgkit.crypto;

/**
 * Diffie-Hellman parameters or a public value that fail a check of the <a
 * href="https://core.telegram.org/mtproto/security_guidelines">security guidelines</a>. The key
 * exchange must be abandoned: continuing could leak the secret exponent or agree on a weak key.
 * {@link #check()} names the check; the values are public, but the message stays short.
 */
public final class DhCheckException extends RuntimeException {

  /** The check that failed, in the order {@link DhChecks} applies them. */
  public enum Check {
    /** {@code dh_prime} is not a 2048-bit number ({@code 2^2047 < p < 2^2048}). */
    PRIME_SIZE,
    /** {@code g} is not one of 2, 3, 4, 5, 6, 7. */
    GENERATOR_RANGE,
    /**
     * {@code g} does not generate the subgroup of order {@code (p-1)/2}: the guidelines' condition
     * on {@code p mod 8, 3, 5, 24, 7} for this {@code g} does not hold.
     */
    GENERATOR_SUBGROUP,
    /** {@code dh_prime} is not prime. */
    PRIME_NOT_PRIME,
    /** {@code (dh_prime - 1) / 2} is not prime: {@code dh_prime} is not a safe prime. */
    PRIME_NOT_SAFE,
    /** A public value {@code g_a}, {@code g_b} is not strictly between 1 and {@code p - 1}. */
    PUBLIC_VALUE_RANGE,
    /** A public value lies within {@code 2^(2048-64)} of 0 or of {@code p}. */
    PUBLIC_VALUE_MARGIN
  }

  private final Check check;

  DhCheckException(Check check, String message) {
    super(message);
    this.check = check;
  }

  public Check check() {
    return check;
  }
}
