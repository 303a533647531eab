package dev.tgkit.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AES-256 in Infinite Garble Extension mode, the cipher of every MTProto message body and of the
 * key exchange's {@code server_DH_inner_data} (<a
 * href="https://core.telegram.org/mtproto/description#defining-aes-key-and-initialization-vector">
 * MTProto description</a>, <a href="https://core.telegram.org/mtproto/auth_key">auth key
 * creation</a>).
 *
 * <p>Telegram and OpenSSL ({@code AES_ige_encrypt}) share one convention for the 32-byte IV:
 *
 * <pre>
 *   iv = +-----------------+-----------------+
 *        | iv1 = c_0 (16)  | iv2 = p_0 (16)  |
 *        +-----------------+-----------------+
 *
 *   encrypt: c_i = E(p_i xor c_{i-1}) xor p_{i-1}
 *   decrypt: p_i = D(c_i xor p_{i-1}) xor c_{i-1}
 * </pre>
 *
 * <p>The JDK has no IGE mode, and encrypting block by block through {@code Cipher.update} pays the
 * call overhead for every 16 bytes. Encryption therefore runs on the JDK's CBC mode, whose AES-NI
 * intrinsic processes a whole buffer per call. Writing {@code y_i = E(p_i xor c_{i-1})} and
 * substituting {@code c_{i-1} = y_{i-1} xor p_{i-2}} gives {@code y_i = E((p_i xor p_{i-2}) xor
 * y_{i-1})}: plain CBC over the input {@code p_i xor p_{i-2}}, followed by {@code c_i = y_i xor
 * p_{i-1}}. Both XOR passes have no serial dependency, so only the AES chain is serial, as it must
 * be. The CBC cipher is initialised once; instead of re-initialising it with each message's IV, the
 * first block absorbs {@code iv1 xor} the chaining value the cipher continues from.
 *
 * <p>IGE decryption feeds each block's plaintext into the next block's AES input, which no JDK mode
 * expresses, so it runs one ECB block per call into a reused scratch block.
 *
 * <p>Neither path allocates per call once the instance is warm. Not thread-safe: MTProto 2.0
 * derives a fresh key for each message, so an instance normally lives for one message.
 */
public final class AesIge {

  /** Bytes per CBC call: large enough to amortise the call, small enough to stay in L1. */
  private static final int CHUNK = 4096;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private static final byte[] EMPTY = new byte[0];

  private final SecretKeySpec key;

  private @Nullable Cipher cbcEncryptor;
  // The last CBC output block: the chaining value the encryptor will XOR into its next input.
  private long chain0;
  private long chain1;
  private byte[] scratch = EMPTY;
  private byte[] scratchOut = EMPTY;

  private @Nullable Cipher ecbDecryptor;
  private final byte[] block = new byte[16];
  private final byte[] blockOut = new byte[16];

  /**
   * Prepares AES-256 with {@code key32}; the JDK ciphers are created on first use of each direction
   * and reused afterwards.
   *
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public AesIge(byte[] key32) {
    this(key32, 32);
  }

  private AesIge(byte[] key, int expectedLength) {
    if (key.length != expectedLength) {
      throw new IllegalArgumentException(
          "AES-IGE key must be " + expectedLength + " bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * IGE with an AES-128 key. Telegram only uses AES-256; this exists so that the mode itself can be
   * checked against OpenSSL's published IGE vectors, which use 16-byte keys.
   */
  public static AesIge withAes128Key(byte[] key16) {
    return new AesIge(key16, 16);
  }

  /** Encrypts a copy of {@code plaintext} (a multiple of 16 bytes) and returns it. */
  public static byte[] encrypt(byte[] key32, byte[] iv32, byte[] plaintext) {
    byte[] out = plaintext.clone();
    new AesIge(key32).encrypt(iv32, out, 0, out.length);
    return out;
  }

  /** Decrypts a copy of {@code ciphertext} (a multiple of 16 bytes) and returns it. */
  public static byte[] decrypt(byte[] key32, byte[] iv32, byte[] ciphertext) {
    byte[] out = ciphertext.clone();
    new AesIge(key32).decrypt(iv32, out, 0, out.length);
    return out;
  }

  /**
   * Encrypts {@code length} bytes of {@code data} from {@code offset} in place. {@code iv32} is
   * read, not updated: MTProto derives a new IV for every message.
   *
   * @throws IllegalArgumentException if the IV is not 32 bytes or {@code length} is not a multiple
   *     of 16
   * @throws IndexOutOfBoundsException if the range lies outside {@code data}
   */
  public void encrypt(byte[] iv32, byte[] data, int offset, int length) {
    checkArguments(iv32, data, offset, length);
    if (length == 0) {
      return;
    }
    Cipher cbc = cbcEncryptor();
    byte[] x = scratchFor(length);
    // p_{i-2} and p_{i-1} of the block being processed. For the first block "p_{-1}" is
    // iv1 xor chain, so that the CBC input p_1 xor iv1 xor chain reaches AES as p_1 xor iv1.
    long a0 = (long) LONGS.get(iv32, 0) ^ chain0;
    long a1 = (long) LONGS.get(iv32, 8) ^ chain1;
    long b0 = (long) LONGS.get(iv32, 16);
    long b1 = (long) LONGS.get(iv32, 24);
    int end = offset + length;
    for (int start = offset; start < end; start += CHUNK) {
      int n = Math.min(CHUNK, end - start);
      long prev0 = b0;
      long prev1 = b1;
      for (int j = 0; j < n; j += 16) {
        long p0 = (long) LONGS.get(data, start + j);
        long p1 = (long) LONGS.get(data, start + j + 8);
        LONGS.set(x, j, p0 ^ a0);
        LONGS.set(x, j + 8, p1 ^ a1);
        a0 = b0;
        a1 = b1;
        b0 = p0;
        b1 = p1;
      }
      byte[] y = scratchOut;
      update(cbc, x, y, n);
      chain0 = (long) LONGS.get(y, n - 16);
      chain1 = (long) LONGS.get(y, n - 8);
      for (int j = 0; j < n; j += 16) {
        long p0 = (long) LONGS.get(data, start + j);
        long p1 = (long) LONGS.get(data, start + j + 8);
        LONGS.set(data, start + j, (long) LONGS.get(y, j) ^ prev0);
        LONGS.set(data, start + j + 8, (long) LONGS.get(y, j + 8) ^ prev1);
        prev0 = p0;
        prev1 = p1;
      }
    }
  }

  /**
   * Decrypts {@code length} bytes of {@code data} from {@code offset} in place.
   *
   * @throws IllegalArgumentException if the IV is not 32 bytes or {@code length} is not a multiple
   *     of 16
   * @throws IndexOutOfBoundsException if the range lies outside {@code data}
   */
  public void decrypt(byte[] iv32, byte[] data, int offset, int length) {
    checkArguments(iv32, data, offset, length);
    if (length == 0) {
      return;
    }
    Cipher ecb = ecbDecryptor();
    byte[] b = block;
    byte[] out = blockOut;
    long c0 = (long) LONGS.get(iv32, 0);
    long c1 = (long) LONGS.get(iv32, 8);
    long p0 = (long) LONGS.get(iv32, 16);
    long p1 = (long) LONGS.get(iv32, 24);
    int end = offset + length;
    for (int i = offset; i < end; i += 16) {
      long x0 = (long) LONGS.get(data, i);
      long x1 = (long) LONGS.get(data, i + 8);
      LONGS.set(b, 0, x0 ^ p0);
      LONGS.set(b, 8, x1 ^ p1);
      update(ecb, b, out, 16);
      p0 = (long) LONGS.get(out, 0) ^ c0;
      p1 = (long) LONGS.get(out, 8) ^ c1;
      LONGS.set(data, i, p0);
      LONGS.set(data, i + 8, p1);
      c0 = x0;
      c1 = x1;
    }
  }

  private static void checkArguments(byte[] iv32, byte[] data, int offset, int length) {
    if (iv32.length != 32) {
      throw new IllegalArgumentException("AES-IGE iv must be 32 bytes, got " + iv32.length);
    }
    if ((length & 15) != 0) {
      throw new IllegalArgumentException(
          "AES-IGE works on whole 16-byte blocks, got a length of " + length);
    }
    Objects.checkFromIndexSize(offset, length, data.length);
  }

  private byte[] scratchFor(int length) {
    if (scratch.length < Math.min(length, CHUNK)) {
      scratch = new byte[Math.min(length, CHUNK)];
      scratchOut = new byte[scratch.length];
    }
    return scratch;
  }

  private Cipher cbcEncryptor() {
    Cipher c = cbcEncryptor;
    if (c == null) {
      c = newCipher("AES/CBC/NoPadding", Cipher.ENCRYPT_MODE, true);
      cbcEncryptor = c;
    }
    return c;
  }

  private Cipher ecbDecryptor() {
    Cipher c = ecbDecryptor;
    if (c == null) {
      c = newCipher("AES/ECB/NoPadding", Cipher.DECRYPT_MODE, false);
      ecbDecryptor = c;
    }
    return c;
  }

  private Cipher newCipher(String transformation, int mode, boolean zeroIv) {
    try {
      Cipher c = Cipher.getInstance(transformation);
      if (zeroIv) {
        c.init(mode, key, new IvParameterSpec(new byte[16]));
      } else {
        c.init(mode, key);
      }
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot provide " + transformation, e);
    }
  }

  private static void update(Cipher cipher, byte[] in, byte[] out, int length) {
    try {
      // Never doFinal: a CBC cipher keeps chaining across updates, which encrypt() relies on.
      // Distinct arrays: given the same array for input and output, the JDK copies the input
      // first, allocating as much as it encrypts.
      int n = cipher.update(in, 0, length, out, 0);
      if (n != length) {
        throw new IllegalStateException("AES returned " + n + " of " + length + " bytes");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed on an in-memory buffer", e);
    }
  }
}
