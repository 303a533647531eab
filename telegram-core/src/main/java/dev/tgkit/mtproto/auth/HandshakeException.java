package dev.tgkit.mtproto.auth;

import dev.tgkit.crypto.DhCheckException;
import dev.tgkit.tl.Int128;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The auth-key exchange cannot go on: a message failed one of the checks of <a
 * href="https://core.telegram.org/mtproto/auth_key">core.telegram.org/mtproto/auth_key</a> and the
 * <a href="https://core.telegram.org/mtproto/security_guidelines">security guidelines</a>, or the
 * peer gave up.
 *
 * <p>{@link #failure()} says which check failed and carries its (public) data, so a caller can
 * {@code switch} over it; the message never contains key material, {@code new_nonce} or anything
 * derived from it. Whatever the failure, the exchange is over: the connection should be dropped and
 * a new exchange started with fresh randomness, which is what the specification asks for ("the
 * handshake must be restarted").
 */
public final class HandshakeException extends RuntimeException {

  private final Failure failure;

  HandshakeException(Failure failure) {
    this(failure, null);
  }

  HandshakeException(Failure failure, @Nullable Throwable cause) {
    super(failure.describe(), cause);
    this.failure = failure;
  }

  /** Which check failed. */
  public Failure failure() {
    return failure;
  }

  /**
   * The checks of the exchange. Some are only made by the client, some only by the server, some by
   * both; each says which.
   */
  public sealed interface Failure {

    /** A one-line description for the exception message; public data only. */
    String describe();

    /**
     * (Both sides) The {@code nonce} of a message is not the one this exchange chose: the message
     * belongs to another exchange or was forged.
     */
    record NonceMismatch(String message, Int128 expected, Int128 received) implements Failure {
      @Override
      public String describe() {
        return "nonce of " + message + " is " + received.hex() + ", expected " + expected.hex();
      }
    }

    /** (Both sides) The {@code server_nonce} of a message is not the one of this exchange. */
    record ServerNonceMismatch(String message, Int128 expected, Int128 received)
        implements Failure {
      @Override
      public String describe() {
        return "server_nonce of "
            + message
            + " is "
            + received.hex()
            + ", expected "
            + expected.hex();
      }
    }

    /**
     * (Client) None of the server's RSA key fingerprints belongs to a key the client knows, so it
     * cannot prove the server's identity.
     */
    record UnknownFingerprints(List<Long> offered) implements Failure {
      public UnknownFingerprints {
        offered = List.copyOf(offered);
      }

      @Override
      public String describe() {
        StringBuilder s = new StringBuilder("no known RSA key among the server's fingerprints [");
        for (int i = 0; i < offered.size(); i++) {
          s.append(i == 0 ? "" : ", ").append(String.format("%016x", offered.get(i)));
        }
        return s.append(']').toString();
      }
    }

    /**
     * (Client) The {@code pq} of {@code resPQ} is not the product of two primes below 2^63, so
     * there is no proof of work to do.
     */
    record InvalidPq(String reason) implements Failure {
      @Override
      public String describe() {
        return "invalid pq in resPQ: " + reason;
      }
    }

    /**
     * (Client) The server answered {@code server_DH_params_fail} with a correct {@code
     * new_nonce_hash}: it could not use our {@code req_DH_params}.
     */
    record DhParamsFail() implements Failure {
      @Override
      public String describe() {
        return "server answered server_DH_params_fail";
      }
    }

    /**
     * (Client) A {@code new_nonce_hash} (of {@code server_DH_params_fail}, or {@code
     * new_nonce_hash1/2/3} of {@code dh_gen_ok/retry/fail}) is wrong: whoever sent it does not know
     * {@code new_nonce}, so it is not the server we encrypted it for. Different hashes per answer
     * keep an intruder from turning one answer into another.
     */
    record NewNonceHashMismatch(String message) implements Failure {
      @Override
      public String describe() {
        return "wrong new_nonce_hash in " + message;
      }
    }

    /**
     * (Both sides) The SHA1 that prefixes AES-IGE-encrypted data ({@code encrypted_answer} on the
     * client, the {@code encrypted_data} of {@code set_client_DH_params} on the server) does not
     * match the decrypted data for any padding of 0 to 15 bytes, or the length is not a multiple of
     * 16: the data was tampered with or encrypted with another key.
     */
    record BadEncryptedDataHash(String message) implements Failure {
      @Override
      public String describe() {
        return "SHA1 of the decrypted data of " + message + " does not match";
      }
    }

    /**
     * (Both sides) A Diffie-Hellman value failed the checks of the guidelines: {@code dh_prime} not
     * a safe 2048-bit prime, {@code g} not generating the subgroup, {@code g_a} or {@code g_b}
     * outside {@code (2^(2048-64), dh_prime - 2^(2048-64))}. {@code check} names which; the cause
     * is the {@link DhCheckException}.
     *
     * @param value what was checked: {@code "dh_prime and g"}, {@code "g_a"} or {@code "g_b"}
     */
    record DhCheckFailed(String value, DhCheckException.Check check, String detail)
        implements Failure {
      @Override
      public String describe() {
        return "Diffie-Hellman check " + check + " failed for " + value + ": " + detail;
      }
    }

    /** (Client) The server answered {@code dh_gen_fail} (with a correct hash). */
    record DhGenFail() implements Failure {
      @Override
      public String describe() {
        return "server answered dh_gen_fail";
      }
    }

    /**
     * (Client) The server kept answering {@code dh_gen_retry}; a server that never accepts a key
     * would otherwise keep the client busy forever.
     */
    record TooManyRetries(int attempts) implements Failure {
      @Override
      public String describe() {
        return "server answered dh_gen_retry " + attempts + " times";
      }
    }

    /**
     * (Both sides) The bytes are not the TL message expected at this point of the exchange:
     * truncated, an unexpected constructor, trailing bytes. The cause is the {@code
     * TlDecodeException} when there is one.
     */
    record Malformed(String message, String reason) implements Failure {
      @Override
      public String describe() {
        return "malformed " + message + ": " + reason;
      }
    }

    /**
     * (Server) The client's {@code req_DH_params} names an RSA key fingerprint that is not this
     * server's.
     */
    record WrongFingerprint(long expected, long received) implements Failure {
      @Override
      public String describe() {
        return String.format(
            "req_DH_params names RSA key fingerprint %016x, this server's is %016x",
            received, expected);
      }
    }

    /**
     * (Server) The RSA-encrypted {@code p_q_inner_data} decrypts to neither a valid {@code RSA_PAD}
     * block nor a valid legacy (SHA1 + data + padding) block.
     */
    record BadRsaBlock(String reason) implements Failure {
      @Override
      public String describe() {
        return "encrypted_data of req_DH_params does not decrypt: " + reason;
      }
    }

    /**
     * (Server) The client's {@code p}, {@code q} or {@code pq} are not the factors of the {@code
     * pq} this server sent: the proof of work is missing.
     */
    record PqMismatch(String reason) implements Failure {
      @Override
      public String describe() {
        return "proof of work rejected: " + reason;
      }
    }

    /**
     * (Server) The {@code retry_id} of {@code client_DH_inner_data} is neither 0 on the first
     * attempt nor the {@code auth_key_aux_hash} of the key the server asked to retry. The values
     * are left out: they are hashes of (rejected) key material.
     */
    record RetryIdMismatch(int attempt) implements Failure {
      @Override
      public String describe() {
        return "retry_id of client_DH_inner_data is wrong for attempt "
            + attempt
            + (attempt == 1 ? " (must be 0)" : " (must be the previous key's aux hash)");
      }
    }
  }
}
