package dev.tgkit.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of Telegram's two-factor password check, algorithm {@code
 * passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow} (<a
 * href="https://core.telegram.org/api/srp">two-factor authentication</a>): from the password and
 * the server's {@code account.password} it computes {@code A} and {@code M1} for {@code
 * inputCheckPasswordSRP}, proving knowledge of the password without sending it.
 *
 * <pre>
 *   H(data)          = SHA256(data);  SH(data, salt) = H(salt || data || salt)
 *   PH1(password)    = SH(SH(password, salt1), salt2)
 *   PH2(password)    = SH(PBKDF2(HMAC-SHA512, PH1, salt1, 100000 iterations), salt2)
 *   x = PH2,  v = g^x,  A = g^a,  k = H(p || g),  u = H(A || B)
 *   S = (B - k v) ^ (a + u x) mod p,  K = H(S)
 *   M1 = H(H(p) xor H(g) || H(salt1) || H(salt2) || A || B || K)
 * </pre>
 *
 * All numbers are hashed as 256-byte big-endian values, left-padded with zeros ({@code g}
 * included). The password is hashed as the bytes given (Telegram's clients use its UTF-8 form).
 */
public final class Srp {

  private static final int WIDTH = 256;
  private static final int PBKDF2_ITERATIONS = 100_000;

  private Srp() {}

  /**
   * {@code A} and {@code M1} of {@code inputCheckPasswordSRP}.
   *
   * @param password the password's bytes (UTF-8 of what the user typed)
   * @param salt1 {@code current_algo.salt1}
   * @param salt2 {@code current_algo.salt2}
   * @param g {@code current_algo.g}
   * @param p {@code current_algo.p}, 256 bytes big-endian
   * @param srpB {@code account.password.srp_B}, big-endian (at most 256 bytes)
   * @param random256a 256 random bytes: the secret exponent {@code a}
   * @throws SrpException if {@code p} or {@code g}, {@code B}, {@code u} or the resulting {@code A}
   *     fails its check
   * @throws IllegalArgumentException if {@code random256a} is not 256 bytes
   */
  public static SrpAnswer answer(
      byte[] password,
      byte[] salt1,
      byte[] salt2,
      int g,
      byte[] p,
      byte[] srpB,
      byte[] random256a) {
    if (random256a.length != WIDTH) {
      throw new IllegalArgumentException(
          "SRP needs 256 random bytes for a, got " + random256a.length);
    }
    BigInteger prime = Unsigned.toBigInteger(p);
    try {
      DhChecks.checkPrimeAndGenerator(prime, g);
    } catch (DhCheckException e) {
      throw new SrpException(
          SrpException.Reason.INVALID_GROUP,
          "the server's SRP group is unsafe: " + e.getMessage(),
          e);
    }
    BigInteger gb = Unsigned.toBigInteger(srpB);
    try {
      DhChecks.checkPublicValue(gb, prime);
    } catch (DhCheckException e) {
      throw new SrpException(
          SrpException.Reason.INVALID_B, "srp_B is unsafe: " + e.getMessage(), e);
    }
    BigInteger generator = BigInteger.valueOf(g);
    BigInteger a = Unsigned.toBigInteger(random256a);
    BigInteger ga = generator.modPow(a, prime);
    try {
      DhChecks.checkPublicValue(ga, prime);
    } catch (DhCheckException e) {
      throw new SrpException(
          SrpException.Reason.INVALID_A,
          "g^a is unsafe for this a, draw another: " + e.getMessage(),
          e);
    }

    byte[] pBytes = Unsigned.toBytes(prime, WIDTH);
    byte[] gBytes = Unsigned.toBytes(generator, WIDTH);
    byte[] gaBytes = Unsigned.toBytes(ga, WIDTH);
    byte[] gbBytes = Unsigned.toBytes(gb, WIDTH);

    BigInteger u = Unsigned.toBigInteger(Sha.sha256(gaBytes, gbBytes));
    if (u.signum() == 0) {
      throw new SrpException(SrpException.Reason.ZERO_U, "u = H(A || B) is zero");
    }
    BigInteger k = Unsigned.toBigInteger(Sha.sha256(pBytes, gBytes));
    BigInteger x = Unsigned.toBigInteger(passwordHash(password, salt1, salt2));
    BigInteger v = generator.modPow(x, prime);
    BigInteger kv = k.multiply(v).mod(prime);
    BigInteger t = gb.subtract(kv).mod(prime);
    BigInteger sa = t.modPow(a.add(u.multiply(x)), prime);
    byte[] ka = Sha.sha256(Unsigned.toBytes(sa, WIDTH));

    byte[] hp = Sha.sha256(pBytes);
    byte[] hg = Sha.sha256(gBytes);
    for (int i = 0; i < hp.length; i++) {
      hp[i] ^= hg[i];
    }
    byte[] m1 = Sha.sha256(hp, Sha.sha256(salt1), Sha.sha256(salt2), gaBytes, gbBytes, ka);
    return new SrpAnswer(gaBytes, m1);
  }

  /**
   * {@code PH2(password, salt1, salt2)}, 32 bytes: the {@code x} of {@code v = g^x} that a server
   * stores as the password verifier.
   */
  public static byte[] passwordHash(byte[] password, byte[] salt1, byte[] salt2) {
    byte[] ph1 = saltedHash(saltedHash(password, salt1), salt2);
    return saltedHash(pbkdf2HmacSha512(ph1, salt1, PBKDF2_ITERATIONS), salt2);
  }

  /** {@code SH(data, salt) = SHA256(salt || data || salt)}. */
  private static byte[] saltedHash(byte[] data, byte[] salt) {
    return Sha.sha256(salt, data, salt);
  }

  /**
   * PBKDF2 (RFC 8018) with HMAC-SHA512, one 64-byte block. Written out because the JDK's {@code
   * PBKDF2WithHmacSHA512} takes the password as {@code char[]} and encodes it as UTF-8, which would
   * alter PH1's arbitrary binary bytes.
   */
  private static byte[] pbkdf2HmacSha512(byte[] password, byte[] salt, int iterations) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(password, "HmacSHA512"));
      byte[] u = new byte[64];
      mac.update(salt);
      mac.update(new byte[] {0, 0, 0, 1}); // INT(1): the first and only block
      mac.doFinal(u, 0);
      byte[] result = u.clone();
      for (int i = 1; i < iterations; i++) {
        mac.update(u);
        mac.doFinal(u, 0);
        for (int j = 0; j < result.length; j++) {
          result[j] ^= u[j];
        }
      }
      return result;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot provide HmacSHA512", e);
    }
  }

  /**
   * The proof for {@code inputCheckPasswordSRP}: {@code A = g^a} and {@code M1}. The arrays are
   * fresh and owned by the holder; {@link #toString()} hides them, since {@code M1} proves
   * knowledge of the password.
   *
   * @param a {@code A = g^a mod p}, 256 bytes big-endian
   * @param m1 {@code M1}, 32 bytes
   */
  public record SrpAnswer(byte[] a, byte[] m1) {

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof SrpAnswer other
          && MessageDigest.isEqual(a, other.a)
          && MessageDigest.isEqual(m1, other.m1);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(a) + Arrays.hashCode(m1);
    }

    @Override
    public String toString() {
      return "SrpAnswer[hidden]";
    }
  }
}
