package dev.tgkit.crypto;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Splits the key exchange's {@code pq} into its two prime factors, the client's proof of work (<a
 * href="https://core.telegram.org/mtproto/auth_key#proof-of-work">auth_key: proof of work</a>).
 * Telegram sends a product of two distinct primes below 2^63 (typically around 2^62, each prime
 * about 2^31).
 *
 * <p>Pollard's rho with Brent's cycle detection finds a factor near 2^31 in about 2^16 steps. Each
 * step multiplies modulo {@code pq}; products of two 63-bit numbers need 126 bits, so the
 * arithmetic is Montgomery multiplication on {@code long}s (with {@link
 * Math#unsignedMultiplyHigh}), no {@link BigInteger} in the loop. A deterministic Miller-Rabin test
 * rejects a prime {@code pq} up front, where rho would never finish, and checks that both factors
 * are prime.
 *
 * <p>The walk's starting point and constant come from the {@link RandomGenerator} passed in, so a
 * run is reproducible; the factors themselves do not depend on it.
 */
public final class PqFactorization {

  /** A seed for {@link #factor(long)}: any fixed value works; the result does not depend on it. */
  private static final long DEFAULT_SEED = 0x7467_6b69_7450_514cL;

  // Each attempt's cycle search stops at this many steps; the expected count is about 2^16.
  private static final long MAX_STEPS_PER_ATTEMPT = 1L << 26;
  private static final int MAX_ATTEMPTS = 32;

  // Deterministic Miller-Rabin for every n < 3.3 * 10^24, so for all longs.
  private static final long[] WITNESSES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};

  private PqFactorization() {}

  /** {@code pq}'s two factors, {@code p < q}. */
  public record Factors(long p, long q) {
    public Factors {
      if (p <= 1 || q <= p) {
        throw new IllegalArgumentException("factors must satisfy 1 < p < q, got " + p + ", " + q);
      }
    }
  }

  /** {@link #factor(long, RandomGenerator)} with a fixed seed, so the work done is repeatable. */
  public static Factors factor(long pq) {
    return factor(pq, new SplittableRandom(DEFAULT_SEED));
  }

  /**
   * Factors {@code pq}, a product of two distinct primes.
   *
   * @param random where rho's walks start; any generator gives the same factors
   * @throws IllegalArgumentException if {@code pq} is below 6, prime, or not the product of exactly
   *     two distinct primes
   */
  public static Factors factor(long pq, RandomGenerator random) {
    if (pq < 6) {
      throw new IllegalArgumentException("pq must be a product of two distinct primes, got " + pq);
    }
    long d;
    if ((pq & 1) == 0) {
      d = 2;
    } else {
      if (isPrime(pq)) {
        throw new IllegalArgumentException("pq = " + pq + " is prime, it has no factors to find");
      }
      d = smallFactor(pq);
      if (d == 0) {
        d = rho(pq, random);
      }
    }
    long p = Math.min(d, pq / d);
    long q = Math.max(d, pq / d);
    if (p == q || !isPrime(p) || !isPrime(q)) {
      throw new IllegalArgumentException(
          "pq = " + pq + " is not a product of two distinct primes (found " + p + " * " + q + ")");
    }
    return new Factors(p, q);
  }

  /** A factor below 1000 of odd {@code n}, or 0; spares rho the trivial cases. */
  private static long smallFactor(long n) {
    for (long f = 3; f < 1000 && f < n; f += 2) {
      if (n % f == 0) {
        return f;
      }
    }
    return 0;
  }

  /** A non-trivial factor of odd composite {@code n} (Brent's variant of Pollard's rho). */
  private static long rho(long n, RandomGenerator random) {
    Montgomery mont = new Montgomery(n);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long c = random.nextLong(1, n);
      long y = random.nextLong(1, n);
      int batch = 128;
      long g = 1;
      long product = 1;
      long x = y;
      long saved = y;
      for (long r = 1; g == 1 && r <= MAX_STEPS_PER_ATTEMPT; r <<= 1) {
        x = y;
        for (long i = 0; i < r; i++) {
          y = mont.square(y, c);
        }
        // Batch the gcds: multiply |x - y| over up to `batch` steps, one gcd per batch.
        for (long k = 0; k < r && g == 1; k += batch) {
          saved = y;
          long steps = Math.min(batch, r - k);
          for (long i = 0; i < steps; i++) {
            y = mont.square(y, c);
            product = mont.multiply(product, Math.abs(x - y));
          }
          g = gcd(product, n);
        }
      }
      if (g == n) {
        // The batch overshot (its product hit 0 mod n); replay it one step at a time.
        do {
          saved = mont.square(saved, c);
          g = gcd(Math.abs(x - saved), n);
        } while (g == 1);
      }
      if (g != 1 && g != n) {
        return g;
      }
      // Both factors' cycles closed together, or the walk ran too long: new constant, new walk.
    }
    throw new IllegalArgumentException(
        "could not factor pq = " + n + " in " + MAX_ATTEMPTS + " attempts");
  }

  /** Deterministic Miller-Rabin for any positive long. */
  static boolean isPrime(long n) {
    if (n < 2) {
      return false;
    }
    for (long w : WITNESSES) {
      if (n % w == 0) {
        return n == w;
      }
    }
    long d = n - 1;
    int s = Long.numberOfTrailingZeros(d);
    d >>>= s;
    Montgomery mont = new Montgomery(n);
    long one = mont.one();
    long minusOne = n - one;
    outer:
    for (long w : WITNESSES) {
      long x = mont.pow(mont.toMontgomery(w), d);
      if (x == one || x == minusOne) {
        continue;
      }
      for (int i = 1; i < s; i++) {
        x = mont.multiply(x, x);
        if (x == minusOne) {
          continue outer;
        }
      }
      return false;
    }
    return true;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * Arithmetic modulo an odd {@code n < 2^63} in Montgomery form with {@code R = 2^64}: {@code
   * multiply(a, b) = a * b * R^-1 mod n}. Values stay below {@code n}, so every intermediate fits
   * an unsigned 128-bit product split into two longs.
   */
  private static final class Montgomery {
    private final long n;
    private final long negInverse; // -n^-1 mod 2^64
    private final long r2; // R^2 mod n, to enter Montgomery form

    Montgomery(long n) {
      this.n = n;
      long inv = n; // correct to 3 bits for odd n; each Newton step doubles the bits
      for (int i = 0; i < 5; i++) {
        inv *= 2 - n * inv;
      }
      this.negInverse = -inv;
      this.r2 = BigInteger.ONE.shiftLeft(128).mod(BigInteger.valueOf(n)).longValue();
    }

    long multiply(long a, long b) {
      long lo = a * b;
      long hi = Math.unsignedMultiplyHigh(a, b);
      long m = lo * negInverse;
      // lo + low64(m * n) is 0 mod 2^64 by the choice of m: it carries exactly when lo != 0.
      long t = hi + Math.unsignedMultiplyHigh(m, n) + (lo != 0 ? 1 : 0);
      return Long.compareUnsigned(t, n) >= 0 ? t - n : t;
    }

    /** Rho's step {@code y -> y^2 + c}, in Montgomery form (still a quadratic map mod p). */
    long square(long y, long c) {
      long s = multiply(y, y) + c;
      return s >= n || s < 0 ? s - n : s;
    }

    long one() {
      return toMontgomery(1);
    }

    long toMontgomery(long a) {
      return multiply(a % n, r2);
    }

    long pow(long base, long exponent) {
      long result = one();
      while (exponent != 0) {
        if ((exponent & 1) != 0) {
          result = multiply(result, base);
        }
        base = multiply(base, base);
        exponent >>>= 1;
      }
      return result;
    }
  }
}
