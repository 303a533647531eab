package dev.tgkit.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 in counter mode as one continuous key stream: each call continues where the last ended,
 * as the <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">
 * obfuscated transport</a> requires. Encryption and decryption are the same operation.
 *
 * <p>Not thread-safe: one instance per direction of one connection.
 */
public final class AesCtr {

  private final Cipher cipher;

  /**
   * @param key 32 bytes
   * @param iv 16 bytes, the initial counter block (big-endian counter, as in NIST SP 800-38A)
   */
  public AesCtr(byte[] key, byte[] iv) {
    if (key.length != 32 || iv.length != 16) {
      throw new IllegalArgumentException(
          "AES-256-CTR needs a 32-byte key and a 16-byte iv, got "
              + key.length
              + " and "
              + iv.length);
    }
    try {
      cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES/CTR/NoPadding", e);
    }
  }

  /**
   * XORs {@code length} bytes of {@code data} from {@code offset} with the next key stream, in
   * place.
   */
  public void apply(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    if (length == 0) {
      return;
    }
    try {
      int n = cipher.update(data, offset, length, data, offset);
      if (n != length) {
        throw new IllegalStateException("AES/CTR returned " + n + " of " + length + " bytes");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR failed on an in-memory buffer", e);
    }
  }

  /** XORs all of {@code data} with the next key stream, in place, and returns it. */
  public byte[] apply(byte[] data) {
    apply(data, 0, data.length);
    return data;
  }
}
