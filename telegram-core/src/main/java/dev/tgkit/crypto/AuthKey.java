package dev.tgkit.crypto;

import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * A 2048-bit MTProto authorization key, the long-term secret shared with one data centre (<a
 * href="https://core.telegram.org/mtproto/description#authorization-key-auth-key">MTProto
 * description: authorization key</a>).
 *
 * <p>Its {@link #id()} prefixes every encrypted message so the server can find the key; the {@link
 * #auxHash()} appears once, in the key exchange's {@code new_nonce_hash} values. Both come from
 * {@code SHA1(auth_key)} and are computed once here.
 *
 * <p>The key never leaves this object except through {@link #toByteArray()} (for storage): {@link
 * #toString()} shows only the id, and {@link #equals} compares in constant time.
 */
public final class AuthKey {

  /** The size of every MTProto auth key: 2048 bits. */
  public static final int LENGTH = 256;

  private final byte[] key;
  private final long id;
  private final long auxHash;

  private AuthKey(byte[] key) {
    this.key = key;
    byte[] sha1 = Sha.sha1(key);
    this.auxHash = Le.getLong(sha1, 0);
    this.id = Le.getLong(sha1, 12);
  }

  /**
   * The auth key of {@code key256}, copied.
   *
   * @throws IllegalArgumentException if {@code key256} is not 256 bytes
   */
  public static AuthKey of(byte[] key256) {
    if (key256.length != LENGTH) {
      throw new IllegalArgumentException(
          "an auth key is " + LENGTH + " bytes, got " + key256.length);
    }
    return new AuthKey(key256.clone());
  }

  /**
   * {@code auth_key_id}: the lower 64 bits of {@code SHA1(auth_key)}, i.e. bytes 12..20 read
   * little-endian, exactly as the id is sent in front of every encrypted message.
   */
  public long id() {
    return id;
  }

  /** {@code auth_key_aux_hash}: the higher 64 bits of {@code SHA1(auth_key)}, little-endian. */
  public long auxHash() {
    return auxHash;
  }

  /** A copy of the 256 key bytes, for storage. */
  public byte[] toByteArray() {
    return key.clone();
  }

  /** The key itself, for the derivations of this package, which only read it. */
  byte[] bytes() {
    return key;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AuthKey other && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    // The id is public (it travels in clear on every message), so hashing by it leaks nothing.
    return Long.hashCode(id);
  }

  /** Shows the public key id only, never the key. */
  @Override
  public String toString() {
    return "AuthKey[id=" + String.format("%016x", id) + "]";
  }
}
