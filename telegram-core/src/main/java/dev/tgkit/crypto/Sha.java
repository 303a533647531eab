package dev.tgkit.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-1 and SHA-256 over the concatenation of several parts, the shape every formula of MTProto
 * uses: {@code SHA256(auth_key[88+x..120+x] || plaintext)}, {@code SHA1(new_nonce || server_nonce)}
 * and the like (<a href="https://core.telegram.org/mtproto/description">MTProto description</a>, <a
 * href="https://core.telegram.org/mtproto/auth_key">creating an authorization key</a>).
 *
 * <p>Passing the parts separately spares the caller a concatenated copy. SHA-1 survives in the
 * protocol only where Telegram still specifies it (auth key id, key exchange, legacy RSA); it is
 * not used as a security-relevant MAC in MTProto 2.0.
 */
public final class Sha {

  private Sha() {}

  /** SHA-1 of {@code parts} concatenated in order; 20 bytes. */
  public static byte[] sha1(byte[]... parts) {
    MessageDigest md = sha1Digest();
    for (byte[] part : parts) {
      md.update(part);
    }
    return md.digest();
  }

  /** SHA-256 of {@code parts} concatenated in order; 32 bytes. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest md = sha256Digest();
    for (byte[] part : parts) {
      md.update(part);
    }
    return md.digest();
  }

  /** SHA-1 of {@code length} bytes of {@code data} from {@code offset}; 20 bytes. */
  public static byte[] sha1(byte[] data, int offset, int length) {
    MessageDigest md = sha1Digest();
    md.update(data, offset, length);
    return md.digest();
  }

  /** SHA-256 of {@code length} bytes of {@code data} from {@code offset}; 32 bytes. */
  public static byte[] sha256(byte[] data, int offset, int length) {
    MessageDigest md = sha256Digest();
    md.update(data, offset, length);
    return md.digest();
  }

  static MessageDigest sha1Digest() {
    return digest("SHA-1");
  }

  static MessageDigest sha256Digest() {
    return digest("SHA-256");
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE implementation must provide both; a JDK without them cannot run tgkit.
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
