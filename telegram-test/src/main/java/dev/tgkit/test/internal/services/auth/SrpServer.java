package dev.tgkit.test.internal.services.auth;

import dev.tgkit.crypto.DhCheckException;
import dev.tgkit.crypto.DhChecks;
import dev.tgkit.crypto.Sha;
import dev.tgkit.crypto.Srp;
import dev.tgkit.mtproto.auth.ServerHandshake;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Telegram's side of the <a href="https://core.telegram.org/api/srp">two-factor password
 * check</a>: it keeps the verifier {@code v = g^x mod p} (never the password), offers {@code B = k v
 * + g^b} for each {@code account.getPassword}, and checks the client's {@code M1} for {@code
 * auth.checkPassword} the way the client computed it, from {@code S = (A v^u)^b} instead of {@code
 * (B - k v)^(a + u x)}: both are {@code g^(a b + b u x)}.
 */
public final class SrpServer {

  /** Telegram's 2048-bit safe prime and generator, which it also uses for SRP. */
  static final BigInteger P = ServerHandshake.TELEGRAM_DH_PRIME;

  static final int G = ServerHandshake.TELEGRAM_G;

  private static final int WIDTH = 256;
  private static final byte[] P_BYTES = pad(P);
  private static final byte[] G_BYTES = pad(BigInteger.valueOf(G));
  private static final BigInteger K = new BigInteger(1, Sha.sha256(P_BYTES, G_BYTES));

  private SrpServer() {}

  /** What the server stores for a password: the salts and {@code v}; the password is not kept. */
  public record Verifier(byte[] salt1, byte[] salt2, BigInteger v) {

    @Override
    public String toString() {
      return "Verifier[hidden]";
    }
  }

  /** One {@code account.getPassword} offer: the secret {@code b} and the public {@code B}. */
  public record Challenge(Verifier verifier, BigInteger b, byte[] srpB) {

    @Override
    public String toString() {
      return "Challenge[hidden]";
    }
  }

  /** The verifier of {@code password} with fresh salts, as a client sets a password. */
  public static Verifier verifier(String password, RandomGenerator random) {
    // Telegram's salt1 is the server's 8 bytes plus 32 the client adds; salt2 is 16 bytes.
    byte[] salt1 = bytes(random, 40);
    byte[] salt2 = bytes(random, 16);
    byte[] x = Srp.passwordHash(password.getBytes(StandardCharsets.UTF_8), salt1, salt2);
    return new Verifier(salt1, salt2, BigInteger.valueOf(G).modPow(new BigInteger(1, x), P));
  }

  /** A fresh {@code B = (k v + g^b) mod p}, drawn again until it passes the client's checks. */
  static Challenge challenge(Verifier verifier, RandomGenerator random) {
    while (true) {
      BigInteger b = new BigInteger(1, bytes(random, WIDTH));
      BigInteger srpB = K.multiply(verifier.v()).add(BigInteger.valueOf(G).modPow(b, P)).mod(P);
      try {
        DhChecks.checkPublicValue(srpB, P);
      } catch (DhCheckException e) {
        continue; // astronomically rare; a client would refuse this B
      }
      return new Challenge(verifier, b, pad(srpB));
    }
  }

  /** Whether {@code m1} proves knowledge of the password behind {@code challenge}, given {@code A}. */
  static boolean verify(Challenge challenge, byte[] a, byte[] m1) {
    BigInteger ga = new BigInteger(1, a);
    try {
      DhChecks.checkPublicValue(ga, P);
    } catch (DhCheckException e) {
      return false;
    }
    byte[] aBytes = pad(ga);
    BigInteger u = new BigInteger(1, Sha.sha256(aBytes, challenge.srpB()));
    if (u.signum() == 0) {
      return false;
    }
    Verifier verifier = challenge.verifier();
    BigInteger s = ga.multiply(verifier.v().modPow(u, P)).mod(P).modPow(challenge.b(), P);
    byte[] k = Sha.sha256(pad(s));
    byte[] hp = Sha.sha256(P_BYTES);
    byte[] hg = Sha.sha256(G_BYTES);
    for (int i = 0; i < hp.length; i++) {
      hp[i] ^= hg[i];
    }
    byte[] expected =
        Sha.sha256(
            hp,
            Sha.sha256(verifier.salt1()),
            Sha.sha256(verifier.salt2()),
            aBytes,
            challenge.srpB(),
            k);
    return MessageDigest.isEqual(expected, m1);
  }

  static byte[] pBytes() {
    return P_BYTES.clone();
  }

  private static byte[] bytes(RandomGenerator random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** {@code n} as 256 big-endian bytes, as SRP hashes every number. */
  private static byte[] pad(BigInteger n) {
    byte[] raw = n.toByteArray();
    if (raw.length == WIDTH) {
      return raw;
    }
    if (raw.length > WIDTH) {
      return Arrays.copyOfRange(raw, raw.length - WIDTH, raw.length); // drop the sign byte
    }
    byte[] out = new byte[WIDTH];
    System.arraycopy(raw, 0, out, WIDTH - raw.length, raw.length);
    return out;
  }
}
