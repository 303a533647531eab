package dev.tgkit.crypto;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The checks the <a href="https://core.telegram.org/mtproto/security_guidelines">security
 * guidelines</a> demand of a client before it uses Diffie-Hellman values from the server, in the
 * key exchange and in SRP alike.
 *
 * <ul>
 *   <li>{@code dh_prime} is a 2048-bit safe prime: {@code p} and {@code (p-1)/2} both prime.
 *   <li>{@code g} is 2..7 and a quadratic residue mod {@code p}, so that it generates the subgroup
 *       of prime order {@code (p-1)/2} and leaks no bit of the secret exponent.
 *   <li>{@code g_a}, {@code g_b}: {@code 1 < g_x < p - 1}, and additionally {@code 2^(2048-64) <=
 *       g_x <= p - 2^(2048-64)}, the margin the guidelines recommend and Telegram's clients
 *       enforce.
 * </ul>
 *
 * <p>Proving primality of 2048-bit numbers takes tens of milliseconds, and Telegram sends the same
 * prime every time, so primes that passed are remembered (a handful at most). The cheap checks run
 * first, so hostile parameters are rejected before any primality work.
 */
public final class DhChecks {

  private static final int BITS = 2048;
  // Error probability below 2^-128; BigInteger adds a Lucas test for numbers this large.
  private static final int CERTAINTY = 128;
  private static final int CACHE_SIZE = 4;

  private static final BigInteger MARGIN = BigInteger.ONE.shiftLeft(BITS - 64);

  private static final Deque<BigInteger> PROVEN_SAFE_PRIMES = new ArrayDeque<>(CACHE_SIZE);

  private DhChecks() {}

  /**
   * Checks {@code dhPrime} and {@code g} as received in {@code server_DH_inner_data} or SRP's
   * {@code passwordKdfAlgo...ModPow}.
   *
   * @throws DhCheckException naming the first check that fails
   */
  public static void checkPrimeAndGenerator(BigInteger dhPrime, int g) {
    if (dhPrime.signum() <= 0 || dhPrime.bitLength() != BITS) {
      throw new DhCheckException(
          DhCheckException.Check.PRIME_SIZE,
          "dh_prime must be a 2048-bit number, got " + dhPrime.bitLength() + " bits");
    }
    if (g < 2 || g > 7) {
      throw new DhCheckException(
          DhCheckException.Check.GENERATOR_RANGE, "g must be between 2 and 7, got " + g);
    }
    if (!generatesPrimeOrderSubgroup(dhPrime, g)) {
      throw new DhCheckException(
          DhCheckException.Check.GENERATOR_SUBGROUP,
          "g = "
              + g
              + " is not a quadratic residue mod dh_prime (the guidelines' condition on"
              + " dh_prime mod "
              + residueModulus(g)
              + " fails)");
    }
    if (isProvenSafePrime(dhPrime)) {
      return;
    }
    if (!dhPrime.isProbablePrime(CERTAINTY)) {
      throw new DhCheckException(DhCheckException.Check.PRIME_NOT_PRIME, "dh_prime is not prime");
    }
    if (!dhPrime.shiftRight(1).isProbablePrime(CERTAINTY)) {
      throw new DhCheckException(
          DhCheckException.Check.PRIME_NOT_SAFE,
          "dh_prime is prime but (dh_prime - 1) / 2 is not: not a safe prime");
    }
    rememberSafePrime(dhPrime);
  }

  /**
   * Checks a Diffie-Hellman public value ({@code g_a} from the server, or the client's own {@code
   * g_b} before sending it): {@code 1 < gx < p - 1} and {@code 2^(2048-64) <= gx <= p -
   * 2^(2048-64)}.
   *
   * @throws DhCheckException with {@link DhCheckException.Check#PUBLIC_VALUE_RANGE} or {@link
   *     DhCheckException.Check#PUBLIC_VALUE_MARGIN}
   */
  public static void checkPublicValue(BigInteger gx, BigInteger dhPrime) {
    if (gx.compareTo(BigInteger.ONE) <= 0 || gx.compareTo(dhPrime.subtract(BigInteger.ONE)) >= 0) {
      throw new DhCheckException(
          DhCheckException.Check.PUBLIC_VALUE_RANGE,
          "a Diffie-Hellman public value must satisfy 1 < g_x < dh_prime - 1");
    }
    if (gx.compareTo(MARGIN) < 0 || gx.compareTo(dhPrime.subtract(MARGIN)) > 0) {
      throw new DhCheckException(
          DhCheckException.Check.PUBLIC_VALUE_MARGIN,
          "a Diffie-Hellman public value must satisfy 2^1984 <= g_x <= dh_prime - 2^1984");
    }
  }

  /**
   * Whether {@code g} is a quadratic residue mod the safe prime {@code p}, by the guidelines'
   * closed forms (quadratic reciprocity): then {@code g} has order {@code (p-1)/2}.
   */
  private static boolean generatesPrimeOrderSubgroup(BigInteger p, int g) {
    return switch (g) {
      case 2 -> mod(p, 8) == 7;
      case 3 -> mod(p, 3) == 2;
      case 4 -> true;
      case 5 -> {
        int r = mod(p, 5);
        yield r == 1 || r == 4;
      }
      case 6 -> {
        int r = mod(p, 24);
        yield r == 19 || r == 23;
      }
      case 7 -> {
        int r = mod(p, 7);
        yield r == 3 || r == 5 || r == 6;
      }
      default -> false;
    };
  }

  private static int residueModulus(int g) {
    return switch (g) {
      case 2 -> 8;
      case 6 -> 24;
      default -> g;
    };
  }

  private static int mod(BigInteger p, int m) {
    return p.mod(BigInteger.valueOf(m)).intValue();
  }

  private static boolean isProvenSafePrime(BigInteger p) {
    synchronized (PROVEN_SAFE_PRIMES) {
      return PROVEN_SAFE_PRIMES.contains(p);
    }
  }

  private static void rememberSafePrime(BigInteger p) {
    synchronized (PROVEN_SAFE_PRIMES) {
      if (PROVEN_SAFE_PRIMES.contains(p)) {
        return;
      }
      if (PROVEN_SAFE_PRIMES.size() == CACHE_SIZE) {
        PROVEN_SAFE_PRIMES.removeLast();
      }
      PROVEN_SAFE_PRIMES.addFirst(p);
    }
  }
}
