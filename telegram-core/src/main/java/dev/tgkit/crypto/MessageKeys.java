package dev.tgkit.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * MTProto 2.0's {@code msg_key} and the per-message AES key and IV derived from it (<a
 * href="https://core.telegram.org/mtproto/description#defining-aes-key-and-initialization-vector">
 * defining AES key and initialization vector</a>):
 *
 * <pre>
 *   msg_key_large = SHA256(auth_key[88+x .. 120+x] || plaintext_with_padding)
 *   msg_key       = msg_key_large[8 .. 24]
 *   sha256_a      = SHA256(msg_key || auth_key[x .. 36+x])
 *   sha256_b      = SHA256(auth_key[40+x .. 76+x] || msg_key)
 *   aes_key       = sha256_a[0..8]  || sha256_b[8..24] || sha256_a[24..32]
 *   aes_iv        = sha256_b[0..8]  || sha256_a[8..24] || sha256_b[24..32]
 * </pre>
 *
 * <p>The receiver recomputes {@code msg_key} over the decrypted plaintext and must compare it in
 * constant time ({@link MessageDigest#isEqual}); that comparison is the message's integrity check.
 */
public final class MessageKeys {

  private MessageKeys() {}

  /**
   * The 16-byte {@code msg_key} of {@code length} bytes of {@code plaintext} from {@code offset}
   * (the whole plaintext including its padding).
   */
  public static byte[] msgKey(AuthKey key, Direction d, byte[] plaintext, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, plaintext.length);
    MessageDigest sha256 = Sha.sha256Digest();
    sha256.update(key.bytes(), 88 + d.x(), 32);
    sha256.update(plaintext, offset, length);
    byte[] large = sha256.digest();
    byte[] msgKey = new byte[16];
    System.arraycopy(large, 8, msgKey, 0, 16);
    return msgKey;
  }

  /**
   * The AES-256-IGE key and IV for the message with {@code msgKey16}.
   *
   * @throws IllegalArgumentException if {@code msgKey16} is not 16 bytes
   */
  public static KeyIv derive(AuthKey key, Direction d, byte[] msgKey16) {
    if (msgKey16.length != 16) {
      throw new IllegalArgumentException("msg_key must be 16 bytes, got " + msgKey16.length);
    }
    byte[] authKey = key.bytes();
    int x = d.x();
    MessageDigest sha256 = Sha.sha256Digest();
    sha256.update(msgKey16);
    sha256.update(authKey, x, 36);
    byte[] a = sha256.digest();
    sha256.update(authKey, 40 + x, 36);
    sha256.update(msgKey16);
    byte[] b = sha256.digest();

    byte[] aesKey = new byte[32];
    System.arraycopy(a, 0, aesKey, 0, 8);
    System.arraycopy(b, 8, aesKey, 8, 16);
    System.arraycopy(a, 24, aesKey, 24, 8);
    byte[] aesIv = new byte[32];
    System.arraycopy(b, 0, aesIv, 0, 8);
    System.arraycopy(a, 8, aesIv, 8, 16);
    System.arraycopy(b, 24, aesIv, 24, 8);
    return new KeyIv(aesKey, aesIv);
  }

  /**
   * A message's AES-256 key (32 bytes) and IGE IV (32 bytes). The arrays are fresh and owned by the
   * holder; {@link #toString()} hides them because they decrypt the message.
   */
  public record KeyIv(byte[] key, byte[] iv) {

    public KeyIv {
      if (key.length != 32 || iv.length != 32) {
        throw new IllegalArgumentException(
            "AES-IGE needs a 32-byte key and a 32-byte iv, got "
                + key.length
                + " and "
                + iv.length);
      }
    }

    /** Equal when both key and IV hold the same bytes (compared in constant time). */
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof KeyIv other
          && MessageDigest.isEqual(key, other.key)
          && MessageDigest.isEqual(iv, other.iv);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(key) + Arrays.hashCode(iv);
    }

    @Override
    public String toString() {
      return "KeyIv[hidden]";
    }
  }
}
