package dev.tgkit.crypto;

/**
 * An {@code encrypted_data} block that is not a valid {@code RSA_PAD} encryption under this
 * server's key (<a href="https://core.telegram.org/mtproto/auth_key">auth_key, step 4</a>). A
 * server answering such a {@code req_DH_params} must not reveal which check failed to the peer;
 * {@link #reason()} is for its own logs and tests.
 */
public final class RsaPadException extends RuntimeException {

  /** Which check of the decryption failed. */
  public enum Reason {
    /** The block is not 256 bytes. */
    WRONG_LENGTH,
    /** The block, read as a number, is not below the modulus: it cannot be an RSA output. */
    NOT_BELOW_MODULUS,
    /** {@code SHA256(temp_key || data_with_padding)} does not match: tampered or wrong key. */
    HASH_MISMATCH
  }

  private final Reason reason;

  RsaPadException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
