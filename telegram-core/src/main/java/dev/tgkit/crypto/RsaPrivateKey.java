package dev.tgkit.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

/**
 * An RSA private key for the server side of the key exchange: the embedded test Telegram holds one,
 * publishes its {@link #publicKey()} to clients, and opens their {@code RSA_PAD} blocks with {@link
 * #decryptRsaPad} (<a href="https://core.telegram.org/mtproto/auth_key">creating an authorization
 * key</a>).
 *
 * <p>Decryption uses the Chinese remainder theorem on {@code p} and {@code q}, about four times
 * faster than one exponentiation mod {@code n}. {@link #toString()} never shows the private values.
 */
public final class RsaPrivateKey {

  private static final BigInteger F4 = BigInteger.valueOf(65537);
  private static final int PRIME_BITS = 1024;

  private final RsaPublicKey publicKey;
  private final BigInteger p;
  private final BigInteger q;
  private final BigInteger dp;
  private final BigInteger dq;
  private final BigInteger qInv;

  private RsaPrivateKey(BigInteger p, BigInteger q, BigInteger e) {
    BigInteger n = p.multiply(q);
    this.publicKey = new RsaPublicKey(n, e);
    BigInteger d = e.modInverse(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
    this.p = p;
    this.q = q;
    this.dp = d.mod(p.subtract(BigInteger.ONE));
    this.dq = d.mod(q.subtract(BigInteger.ONE));
    this.qInv = q.modInverse(p);
  }

  /**
   * A fresh 2048-bit key with {@code e = 65537}, its primes drawn from {@code random} (pass a
   * seeded generator for a reproducible server). Both primes have their top five bits set, so the
   * modulus's top byte is at least 0xF0: with a smaller modulus more {@code RSA_PAD} attempts land
   * above it, and some clients give up after a few retries.
   */
  public static RsaPrivateKey generate(Random random) {
    while (true) {
      BigInteger p = largePrime(random);
      BigInteger q = largePrime(random);
      if (p.equals(q)) {
        continue;
      }
      BigInteger n = p.multiply(q);
      if (n.bitLength() == 2048 && n.shiftRight(2040).intValue() >= 0xF0) {
        return new RsaPrivateKey(p, q, F4);
      }
    }
  }

  /**
   * The key with primes {@code p} and {@code q} and public exponent {@code e}, for a server that
   * stores its key or a test that needs a particular modulus.
   *
   * @throws IllegalArgumentException if {@code p} or {@code q} is not prime, they are equal, the
   *     modulus is not 2048 bits, or {@code e} is not invertible mod {@code (p-1)(q-1)}
   */
  public static RsaPrivateKey fromPrimes(BigInteger p, BigInteger q, BigInteger e) {
    if (p.equals(q)) {
      throw new IllegalArgumentException("the two RSA primes must differ");
    }
    if (!p.isProbablePrime(64) || !q.isProbablePrime(64)) {
      throw new IllegalArgumentException("RSA primes must be prime");
    }
    BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
    if (!e.gcd(phi).equals(BigInteger.ONE)) {
      throw new IllegalArgumentException("e = " + e + " is not invertible mod (p-1)(q-1)");
    }
    return new RsaPrivateKey(p, q, e);
  }

  private static BigInteger largePrime(Random random) {
    while (true) {
      BigInteger candidate = new BigInteger(PRIME_BITS, random);
      for (int bit = PRIME_BITS - 5; bit < PRIME_BITS; bit++) {
        candidate = candidate.setBit(bit);
      }
      BigInteger prime = candidate.setBit(0).nextProbablePrime();
      if (prime.bitLength() == PRIME_BITS
          && prime.subtract(BigInteger.ONE).gcd(F4).equals(BigInteger.ONE)) {
        return prime;
      }
    }
  }

  public RsaPublicKey publicKey() {
    return publicKey;
  }

  /**
   * Opens an {@code RSA_PAD} block made by {@link RsaPublicKey#encryptRsaPad}: recovers {@code
   * temp_key}, decrypts, and checks {@code SHA256(temp_key || data_with_padding)} in constant time.
   *
   * @return {@code data_with_padding}, 192 bytes: the TL-serialized data followed by the client's
   *     random padding (TL objects know their own length)
   * @throws RsaPadException if the block has the wrong length, is not below the modulus, or its
   *     hash does not match
   */
  public byte[] decryptRsaPad(byte[] encrypted256) {
    if (encrypted256.length != RsaPublicKey.BLOCK) {
      throw new RsaPadException(
          RsaPadException.Reason.WRONG_LENGTH,
          "RSA_PAD encrypted_data must be 256 bytes, got " + encrypted256.length);
    }
    if (Unsigned.toBigInteger(encrypted256).compareTo(publicKey.modulus()) >= 0) {
      throw new RsaPadException(
          RsaPadException.Reason.NOT_BELOW_MODULUS,
          "RSA_PAD encrypted_data is not below the modulus of key "
              + String.format("%016x", publicKey.fingerprint()));
    }
    byte[] keyAesEncrypted = rawDecrypt(encrypted256);
    byte[] aesEncrypted = Arrays.copyOfRange(keyAesEncrypted, 32, RsaPublicKey.BLOCK);
    byte[] tempKey = Sha.sha256(aesEncrypted);
    for (int i = 0; i < 32; i++) {
      tempKey[i] ^= keyAesEncrypted[i];
    }
    byte[] dataWithHash = AesIge.decrypt(tempKey, new byte[32], aesEncrypted);
    byte[] dataWithPadding = new byte[192];
    for (int i = 0; i < 192; i++) {
      dataWithPadding[i] = dataWithHash[191 - i];
    }
    byte[] expected = Sha.sha256(tempKey, dataWithPadding);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(dataWithHash, 192, 224))) {
      throw new RsaPadException(
          RsaPadException.Reason.HASH_MISMATCH,
          "RSA_PAD hash check failed: the block was altered or made for another key");
    }
    return dataWithPadding;
  }

  /**
   * Textbook RSA decryption {@code block ^ d mod n} of a 256-byte big-endian block.
   *
   * @return exactly 256 big-endian bytes, zero-padded on the left
   * @throws IllegalArgumentException if the block is not 256 bytes or not below the modulus
   */
  public byte[] rawDecrypt(byte[] block256) {
    if (block256.length != RsaPublicKey.BLOCK) {
      throw new IllegalArgumentException("an RSA block is 256 bytes, got " + block256.length);
    }
    BigInteger c = Unsigned.toBigInteger(block256);
    if (c.compareTo(publicKey.modulus()) >= 0) {
      throw new IllegalArgumentException("the RSA block is not below the modulus");
    }
    BigInteger m1 = c.modPow(dp, p);
    BigInteger m2 = c.modPow(dq, q);
    BigInteger h = qInv.multiply(m1.subtract(m2)).mod(p);
    return Unsigned.toBytes(m2.add(h.multiply(q)), RsaPublicKey.BLOCK);
  }

  /** Names the key by its public fingerprint only. */
  @Override
  public String toString() {
    return "RsaPrivateKey[fingerprint=" + String.format("%016x", publicKey.fingerprint()) + "]";
  }
}
