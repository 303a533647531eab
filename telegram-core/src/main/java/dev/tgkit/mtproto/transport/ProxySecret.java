package dev.tgkit.mtproto.transport;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * An <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">MTProxy
 * secret</a>: 16 bytes mixed into the obfuscation keys, so that only clients that know it can talk
 * through the proxy.
 *
 * <p>Secrets come as 16 bytes, or 17 with a leading byte that selects the transport: {@code dd}
 * means padded intermediate, and the spec tells clients to use padded intermediate for any extra
 * leading byte. The first byte of a 17-byte secret is not part of the key. The fake-TLS form
 * ({@code ee} + 16 bytes + a domain name) wraps everything in TLS records, which tgkit does not
 * implement; it is rejected with a message that says so.
 *
 * <p>The secret is a credential: {@link #toString()} never shows it.
 */
public final class ProxySecret {

  private static final int KEY_LENGTH = 16;

  private final byte[] key;
  private final boolean paddedOnly;

  private ProxySecret(byte[] key, boolean paddedOnly) {
    this.key = key;
    this.paddedOnly = paddedOnly;
  }

  /**
   * Parses the hexadecimal form proxies are distributed in ({@code tg://proxy?secret=...}).
   *
   * @throws IllegalArgumentException if it is not hexadecimal, has the wrong length, or is a
   *     fake-TLS ({@code ee}) secret
   */
  public static ProxySecret parse(String hex) {
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "an MTProxy secret is 32 or 34 hexadecimal digits, got "
              + hex.strip().length()
              + " characters that are not all hexadecimal");
    }
    return of(bytes);
  }

  /**
   * Takes a secret's raw bytes: 16, or 17 with a leading transport byte.
   *
   * @throws IllegalArgumentException if the length is wrong or it is a fake-TLS ({@code ee}) secret
   */
  public static ProxySecret of(byte[] bytes) {
    if (bytes.length == KEY_LENGTH) {
      return new ProxySecret(bytes.clone(), false);
    }
    if (bytes.length > KEY_LENGTH && (bytes[0] & 0xff) == 0xee) {
      throw new IllegalArgumentException(
          "fake-TLS MTProxy secrets (starting with ee) are not supported; ask the proxy owner for"
              + " a plain or dd secret");
    }
    if (bytes.length == KEY_LENGTH + 1) {
      return new ProxySecret(Arrays.copyOfRange(bytes, 1, bytes.length), true);
    }
    throw new IllegalArgumentException(
        "an MTProxy secret is 16 bytes, or 17 with a leading dd; got " + bytes.length + " bytes");
  }

  /**
   * Whether the secret had the leading transport byte ({@code dd}): the proxy then expects the
   * padded intermediate framing and nothing else.
   */
  public boolean requiresPaddedIntermediate() {
    return paddedOnly;
  }

  /** The 16 key bytes (a copy): what gets hashed into the obfuscation keys. */
  byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ProxySecret other
        && paddedOnly == other.paddedOnly
        && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    // Deliberately weak: a hash of the key would leak bits of it wherever hashes are logged.
    return Boolean.hashCode(paddedOnly);
  }

  @Override
  public String toString() {
    return paddedOnly ? "ProxySecret[dd, redacted]" : "ProxySecret[redacted]";
  }
}
