package dev.tgkit.mtproto.auth;

import dev.tgkit.crypto.AesIge;
import dev.tgkit.crypto.Sha;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The temporary AES-256-IGE key and IV that carry the Diffie-Hellman values in both directions
 * during the exchange, and the "SHA1(data) + data + 0..15 random bytes" framing they encrypt.
 *
 * <pre>
 *   tmp_aes_key = SHA1(new_nonce + server_nonce) + SHA1(server_nonce + new_nonce)[0:12]
 *   tmp_aes_iv  = SHA1(server_nonce + new_nonce)[12:20] + SHA1(new_nonce + new_nonce) + new_nonce[0:4]
 *
 *   +--------------+------------------------+-------------+
 *   | SHA1(data)   | data                   | padding     |   total % 16 == 0, padding 0..15
 *   | 20 bytes     |                        | random      |
 *   +--------------+------------------------+-------------+
 * </pre>
 *
 * <p>See <a href="https://core.telegram.org/mtproto/auth_key#6-server-responds-with">step 6</a> and
 * <a
 * href="https://core.telegram.org/mtproto/auth_key#7-client-computes-random-2048-bit-number-b-using-a-sufficient-amount-of-entropy-and-sends-the-server-a-message">step
 * 7</a>. Never printed.
 */
final class TempAes {

  private static final int SHA1_SIZE = 20;
  private static final int BLOCK = 16;

  private final byte[] key;
  private final byte[] iv;

  private TempAes(byte[] key, byte[] iv) {
    this.key = key;
    this.iv = iv;
  }

  static TempAes derive(byte[] newNonce, byte[] serverNonce) {
    byte[] nonceServer = Sha.sha1(newNonce, serverNonce);
    byte[] serverNonce2 = Sha.sha1(serverNonce, newNonce);
    byte[] nonceNonce = Sha.sha1(newNonce, newNonce);
    byte[] key = new byte[32];
    System.arraycopy(nonceServer, 0, key, 0, 20);
    System.arraycopy(serverNonce2, 0, key, 20, 12);
    byte[] iv = new byte[32];
    System.arraycopy(serverNonce2, 12, iv, 0, 8);
    System.arraycopy(nonceNonce, 0, iv, 8, 20);
    System.arraycopy(newNonce, 0, iv, 28, 4);
    return new TempAes(key, iv);
  }

  byte[] key() {
    return key.clone();
  }

  byte[] iv() {
    return iv.clone();
  }

  /** How many padding bytes {@link #seal} appends to {@code dataLength} bytes of data. */
  static int paddingLength(int dataLength) {
    return (BLOCK - (SHA1_SIZE + dataLength) % BLOCK) % BLOCK;
  }

  /**
   * Encrypts {@code SHA1(data) + data + padding}, the padding being the first {@link
   * #paddingLength} bytes of {@code random} from {@code randomOffset}.
   */
  byte[] seal(byte[] data, byte[] random, int randomOffset) {
    int pad = paddingLength(data.length);
    byte[] plain = new byte[SHA1_SIZE + data.length + pad];
    System.arraycopy(Sha.sha1(data), 0, plain, 0, SHA1_SIZE);
    System.arraycopy(data, 0, plain, SHA1_SIZE, data.length);
    System.arraycopy(random, randomOffset, plain, SHA1_SIZE + data.length, pad);
    return AesIge.encrypt(key, iv, plain);
  }

  /**
   * Decrypts and authenticates: returns {@code data} without its hash and padding, or fails with
   * {@link HandshakeException.Failure.BadEncryptedDataHash} when no padding length of 0 to 15 makes
   * the SHA1 match.
   *
   * <p>The data is authenticated before it is parsed: trying the 16 possible paddings costs 16
   * SHA1s of under 1 KiB, and bytes a forger controls never reach the TL reader.
   */
  byte[] open(byte[] encrypted, String message) {
    if (encrypted.length % BLOCK != 0 || encrypted.length < 2 * BLOCK) {
      throw new HandshakeException(
          new HandshakeException.Failure.Malformed(
              message,
              "encrypted length " + encrypted.length + " is not a multiple of 16 of at least 32"));
    }
    byte[] plain = AesIge.decrypt(key, iv, encrypted);
    byte[] hash = Arrays.copyOf(plain, SHA1_SIZE);
    for (int pad = 0; pad < BLOCK && SHA1_SIZE + pad <= plain.length; pad++) {
      byte[] data = Arrays.copyOfRange(plain, SHA1_SIZE, plain.length - pad);
      if (MessageDigest.isEqual(hash, Sha.sha1(data))) {
        return data;
      }
    }
    throw new HandshakeException(new HandshakeException.Failure.BadEncryptedDataHash(message));
  }

  @Override
  public String toString() {
    return "TempAes[<redacted>]";
  }
}
