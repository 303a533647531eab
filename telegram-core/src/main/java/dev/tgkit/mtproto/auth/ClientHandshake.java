package dev.tgkit.mtproto.auth;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.DhCheckException;
import dev.tgkit.crypto.DhChecks;
import dev.tgkit.crypto.PqFactorization;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.auth.HandshakeException.Failure;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.Int128;
import dev.tgkit.tl.Int256;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.mtproto.ClientDHInnerDataCtor;
import dev.tgkit.tl.mtproto.DhGenFail;
import dev.tgkit.tl.mtproto.DhGenOk;
import dev.tgkit.tl.mtproto.DhGenRetry;
import dev.tgkit.tl.mtproto.PQInnerDataCtor;
import dev.tgkit.tl.mtproto.PQInnerDataDc;
import dev.tgkit.tl.mtproto.PQInnerDataTemp;
import dev.tgkit.tl.mtproto.PQInnerDataTempDc;
import dev.tgkit.tl.mtproto.ReqDHParams;
import dev.tgkit.tl.mtproto.ReqPq;
import dev.tgkit.tl.mtproto.ReqPqMulti;
import dev.tgkit.tl.mtproto.ResPQ;
import dev.tgkit.tl.mtproto.ResPQCtor;
import dev.tgkit.tl.mtproto.ServerDHInnerData;
import dev.tgkit.tl.mtproto.ServerDHInnerDataCtor;
import dev.tgkit.tl.mtproto.ServerDHParams;
import dev.tgkit.tl.mtproto.ServerDHParamsFail;
import dev.tgkit.tl.mtproto.ServerDHParamsOk;
import dev.tgkit.tl.mtproto.SetClientDHParams;
import dev.tgkit.tl.mtproto.SetClientDHParamsAnswer;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The client side of <a href="https://core.telegram.org/mtproto/auth_key">creating an authorization
 * key</a>, as four pure steps.
 *
 * <pre>
 *   client                                              server
 *   step1(nonce)           req_pq_multi         ───────▶
 *                          resPQ                ◀───────   server_nonce, pq, fingerprints
 *   step2(resPQ, random)   req_DH_params        ───────▶   p, q, RSA(p_q_inner_data{new_nonce})
 *                          server_DH_params_ok  ◀───────   AES(tmp)(g, dh_prime, g_a, server_time)
 *   step3(.., random, now) set_client_DH_params ───────▶   AES(tmp)(g_b, retry_id)
 *                          dh_gen_ok            ◀───────   new_nonce_hash1
 *   step4(dh_gen_*)        → Done(auth_key, first salt, time offset)
 *                            or Retry: step3 again with a new b
 * </pre>
 *
 * <p>Each step takes the previous server message's TL body (no plain-message envelope, no transport
 * framing), randomness as bytes, and returns the next request's TL body together with the state
 * that alone can take the next step, so steps cannot run out of order. States are immutable:
 * repeating a step with the same input gives the same output, which lets a test replay a recorded
 * exchange byte for byte. The {@link RandomGenerator} overloads draw exactly the bytes the
 * byte-array overloads document and delegate to them.
 *
 * <p>Every check of the specification and of the <a
 * href="https://core.telegram.org/mtproto/security_guidelines">security guidelines</a> is made:
 * nonces, the server's RSA key, the proof of work, the answer's SHA1 and padding, dh_prime a safe
 * 2048-bit prime with a generator of the right subgroup, g_a and g_b in range, and the new_nonce
 * hashes. Failures throw {@link HandshakeException}.
 */
public final class ClientHandshake {

  /** Bytes of randomness {@link #step1(Options, byte[])} takes: the nonce. */
  public static final int STEP1_RANDOM_BYTES = Int128.SIZE;

  /**
   * Bytes of randomness {@link PqRequested#step2(byte[], byte[])} takes: {@code new_nonce} (32)
   * then 224 bytes for the RSA padding (see {@link PqRequested#step2(byte[], byte[])}).
   */
  public static final int STEP2_RANDOM_BYTES = Int256.SIZE + 224;

  /**
   * Bytes of randomness {@link DhParamsRequested#step3(byte[], byte[], int)} takes: {@code b} (256,
   * a big-endian 2048-bit number) then 16 bytes of which the first 0 to 15 pad the encrypted {@code
   * client_DH_inner_data}.
   */
  public static final int STEP3_RANDOM_BYTES = 256 + 16;

  /**
   * How many {@code dh_gen_retry} answers the client accepts before giving up. The server only asks
   * for a retry when the new key's id collides with an existing key (a 2^-64 event), so more than a
   * few means the server is broken or hostile.
   */
  public static final int MAX_RETRIES = 5;

  private static final int DH_BYTES = 256;
  private static final int RSA_PAD_RANDOM_BYTES = 224;
  private static final int LEGACY_RSA_BLOCK = 255;
  private static final int SHA1_SIZE = 20;

  private ClientHandshake() {}

  /**
   * What kind of key to ask for, and whom to trust.
   *
   * @param keys the RSA public keys of the servers the client trusts; the server must offer the
   *     fingerprint of one of them (Telegram's production and test keys ship in {@code
   *     dev/tgkit/crypto/telegram-rsa-keys.pem})
   * @param dcId the DC id for {@code p_q_inner_data_dc}: Telegram asks clients to send it, plus
   *     10000 for test DCs and negated for media DCs; {@code null} sends the older {@code
   *     p_q_inner_data} without a DC id
   * @param tempKeyExpiresIn for a temporary key (perfect forward secrecy, <a
   *     href="https://core.telegram.org/api/pfs">api/pfs</a>), its lifetime in seconds ({@code
   *     p_q_inner_data_temp_dc}); {@code null} for a permanent key
   * @param legacy the old scheme of the specification's worked example (<a
   *     href="https://core.telegram.org/mtproto/samples-auth_key">samples-auth_key</a>): {@code
   *     req_pq} instead of {@code req_pq_multi} and the old RSA padding (SHA1 + data + random
   *     bytes, raw RSA) instead of {@code RSA_PAD}. Kept to replay that example; new exchanges must
   *     not use it
   */
  public record Options(
      List<RsaPublicKey> keys,
      @Nullable Integer dcId,
      @Nullable Integer tempKeyExpiresIn,
      boolean legacy) {

    public Options {
      keys = List.copyOf(keys);
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("at least one trusted RSA public key is needed");
      }
      if (tempKeyExpiresIn != null && tempKeyExpiresIn <= 0) {
        throw new IllegalArgumentException(
            "a temporary key needs a positive lifetime in seconds, got " + tempKeyExpiresIn);
      }
      if (legacy && tempKeyExpiresIn != null) {
        throw new IllegalArgumentException(
            "the legacy scheme predates temporary keys: it sends p_q_inner_data only");
      }
      if (legacy && dcId != null) {
        throw new IllegalArgumentException(
            "the legacy scheme predates the DC id: it sends p_q_inner_data only");
      }
    }

    /** A permanent key, {@code p_q_inner_data} without a DC id, {@code RSA_PAD}. */
    public static Options of(List<RsaPublicKey> keys) {
      return new Options(keys, null, null, false);
    }

    /** The same, but sending {@code dcId} in {@code p_q_inner_data_dc} (or {@code _temp_dc}). */
    public Options withDcId(int dcId) {
      return new Options(keys, dcId, tempKeyExpiresIn, legacy);
    }

    /** The same, but asking for a temporary key that lives {@code expiresInSeconds}. */
    public Options withTempKey(int expiresInSeconds) {
      return new Options(keys, dcId, expiresInSeconds, legacy);
    }

    /** The same, but with the old {@code req_pq} and RSA padding of the worked example. */
    public Options withLegacyScheme() {
      return new Options(keys, dcId, tempKeyExpiresIn, true);
    }
  }

  /**
   * A request to send and the state that takes the answer.
   *
   * @param request the TL body to send in a plain (unencrypted) message; the array is the caller's
   * @param next the state whose step takes the server's answer
   */
  public record Step<S>(byte[] request, S next) {
    public Step {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(next, "next");
    }
  }

  /**
   * Step 1: {@code req_pq_multi} (or {@code req_pq} in the legacy scheme) with the client's nonce,
   * which identifies this exchange in every later message.
   *
   * @param nonce {@value #STEP1_RANDOM_BYTES} random bytes
   */
  public static Step<PqRequested> step1(Options options, byte[] nonce) {
    requireLength(nonce, STEP1_RANDOM_BYTES, "nonce");
    Int128 n = Int128.of(nonce);
    TlObject request = options.legacy() ? new ReqPq(n) : new ReqPqMulti(n);
    return new Step<>(request.toByteArray(), new PqRequested(options, n));
  }

  /** Step 1 with a nonce drawn from {@code random}. */
  public static Step<PqRequested> step1(Options options, RandomGenerator random) {
    return step1(options, draw(random, STEP1_RANDOM_BYTES));
  }

  /** Waiting for {@code resPQ}. */
  public static final class PqRequested {
    private final Options options;
    private final Int128 nonce;

    private PqRequested(Options options, Int128 nonce) {
      this.options = options;
      this.nonce = nonce;
    }

    /**
     * Step 2: checks {@code resPQ}, picks the first of the server's fingerprints that belongs to a
     * trusted key, factors {@code pq} (the proof of work), and sends {@code req_DH_params} with
     * {@code p_q_inner_data(_dc/_temp/_temp_dc)} encrypted with {@code RSA_PAD}.
     *
     * @param resPq the TL body of the server's {@code resPQ}
     * @param random {@value #STEP2_RANDOM_BYTES} bytes: {@code new_nonce} (32), then for {@code
     *     RSA_PAD} 192 - len(data) padding bytes from the start of the remaining 224 and the
     *     32-byte {@code temp_key} from their end (incremented as a big-endian number while the
     *     block is not below the modulus); in the legacy scheme 255 - 20 - len(data) padding bytes
     *     from the start of the 224
     * @throws HandshakeException on a wrong nonce, no trusted key, or a {@code pq} that is not a
     *     product of two primes below 2^63
     */
    public Step<DhParamsRequested> step2(byte[] resPq, byte[] random) {
      requireLength(random, STEP2_RANDOM_BYTES, "step 2 randomness");
      ResPQCtor res =
          Decode.whole(
              resPq,
              "resPQ",
              in ->
                  switch (ResPQ.read(in)) {
                    case ResPQCtor r -> r;
                  });
      checkNonce("resPQ", nonce, res.nonce());

      RsaPublicKey key = pickKey(res.serverPublicKeyFingerprints());
      PqFactorization.Factors factors = factor(res.pq());
      Bytes p = Bytes.wrap(Unsigned.toMinimalBytes(factors.p()));
      Bytes q = Bytes.wrap(Unsigned.toMinimalBytes(factors.q()));

      Int256 newNonce = Int256.of(Arrays.copyOf(random, Int256.SIZE));
      Int128 serverNonce = res.serverNonce();
      Bytes pq = res.pq();
      Integer dc = options.dcId();
      Integer expiresIn = options.tempKeyExpiresIn();
      TlObject inner;
      if (expiresIn != null) {
        inner =
            dc != null
                ? PQInnerDataTempDc.builder().pq(pq).p(p).q(q).nonce(nonce).serverNonce(serverNonce)
                    .newNonce(newNonce).dc(dc).expiresIn(expiresIn).build()
                : PQInnerDataTemp.builder().pq(pq).p(p).q(q).nonce(nonce).serverNonce(serverNonce)
                    .newNonce(newNonce).expiresIn(expiresIn).build();
      } else {
        inner =
            dc != null
                ? PQInnerDataDc.builder().pq(pq).p(p).q(q).nonce(nonce).serverNonce(serverNonce)
                    .newNonce(newNonce).dc(dc).build()
                : PQInnerDataCtor.builder().pq(pq).p(p).q(q).nonce(nonce).serverNonce(serverNonce)
                    .newNonce(newNonce).build();
      }
      byte[] data = inner.toByteArray();
      byte[] rsaRandom = Arrays.copyOfRange(random, Int256.SIZE, STEP2_RANDOM_BYTES);
      byte[] encrypted;
      if (options.legacy()) {
        int padding = LEGACY_RSA_BLOCK - SHA1_SIZE - data.length;
        encrypted = key.encryptLegacy(data, Arrays.copyOf(rsaRandom, padding));
      } else {
        encrypted = key.encryptRsaPad(data, rsaRandom);
      }
      ReqDHParams request =
          ReqDHParams.builder()
              .nonce(nonce)
              .serverNonce(serverNonce)
              .p(p)
              .q(q)
              .publicKeyFingerprint(key.fingerprint())
              .encryptedData(Bytes.wrap(encrypted))
              .build();
      return new Step<>(
          request.toByteArray(), new DhParamsRequested(nonce, serverNonce, NewNonce.of(newNonce)));
    }

    /** Step 2 with {@value #STEP2_RANDOM_BYTES} bytes drawn from {@code random}. */
    public Step<DhParamsRequested> step2(byte[] resPq, RandomGenerator random) {
      return step2(resPq, draw(random, STEP2_RANDOM_BYTES));
    }

    private RsaPublicKey pickKey(List<Long> offered) {
      // The server lists its keys in its order of preference; take the first we can verify.
      for (long fingerprint : offered) {
        for (RsaPublicKey key : options.keys()) {
          if (key.fingerprint() == fingerprint) {
            return key;
          }
        }
      }
      throw new HandshakeException(new Failure.UnknownFingerprints(offered));
    }

    private static PqFactorization.Factors factor(Bytes pqBytes) {
      byte[] raw = pqBytes.toByteArray();
      if (raw.length == 0 || raw.length > 8) {
        throw new HandshakeException(
            new Failure.InvalidPq("pq is " + raw.length + " bytes, expected 1 to 8"));
      }
      long pq = Unsigned.toLong63(raw);
      if (pq < 0) {
        throw new HandshakeException(new Failure.InvalidPq("pq is not below 2^63"));
      }
      try {
        return PqFactorization.factor(pq);
      } catch (IllegalArgumentException e) {
        // Prime, too small, or not a product of exactly two distinct primes.
        throw new HandshakeException(new Failure.InvalidPq(String.valueOf(e.getMessage())), e);
      }
    }

    @Override
    public String toString() {
      return "ClientHandshake.PqRequested[nonce=" + nonce.hex() + "]";
    }
  }

  /** Waiting for {@code server_DH_params_ok} (or {@code _fail}). */
  public static final class DhParamsRequested {
    private final Int128 nonce;
    private final Int128 serverNonce;
    private final NewNonce newNonce;

    private DhParamsRequested(Int128 nonce, Int128 serverNonce, NewNonce newNonce) {
      this.nonce = nonce;
      this.serverNonce = serverNonce;
      this.newNonce = newNonce;
    }

    /**
     * Step 3: checks {@code server_DH_params_ok}, decrypts and authenticates {@code
     * server_DH_inner_data} with the temporary AES key derived from {@code new_nonce}, checks the
     * Diffie-Hellman parameters, picks {@code b}, computes the auth key, and sends {@code
     * set_client_DH_params} with {@code g_b}.
     *
     * @param serverDhParams the TL body of the server's {@code Server_DH_Params}
     * @param random {@value #STEP3_RANDOM_BYTES} bytes: {@code b} (256, big-endian) then padding
     * @param nowSeconds the client's current unixtime, to learn the offset of the server's clock
     *     (message ids must follow the server's time)
     * @throws HandshakeException on a wrong nonce, {@code server_DH_params_fail}, an answer that
     *     does not authenticate, or Diffie-Hellman values that fail the checks
     */
    public Step<DhSent> step3(byte[] serverDhParams, byte[] random, int nowSeconds) {
      requireLength(random, STEP3_RANDOM_BYTES, "step 3 randomness");
      return accept(serverDhParams, nowSeconds, true).step3(random);
    }

    /** Step 3 with {@value #STEP3_RANDOM_BYTES} bytes drawn from {@code random}. */
    public Step<DhSent> step3(byte[] serverDhParams, RandomGenerator random, int nowSeconds) {
      return step3(serverDhParams, draw(random, STEP3_RANDOM_BYTES), nowSeconds);
    }

    /**
     * The checks of step 3, up to the server's accepted Diffie-Hellman half.
     *
     * @param checkGroup whether to check {@code dh_prime} and {@code g}; always true but in the
     *     test that replays the specification's 2013 worked example, whose {@code g = 2} is not a
     *     quadratic residue modulo its prime and so fails the guidelines' rule of today
     */
    DhParamsAccepted accept(byte[] serverDhParams, int nowSeconds, boolean checkGroup) {
      ServerDHParams params =
          Decode.whole(serverDhParams, "Server_DH_Params", ServerDHParams::read);
      ServerDHParamsOk ok =
          switch (params) {
            case ServerDHParamsFail fail -> {
              checkNonces(
                  "server_DH_params_fail", nonce, serverNonce, fail.nonce(), fail.serverNonce());
              if (!equal(newNonce.paramsFailHash(), fail.newNonceHash())) {
                throw new HandshakeException(
                    new Failure.NewNonceHashMismatch("server_DH_params_fail"));
              }
              throw new HandshakeException(new Failure.DhParamsFail());
            }
            case ServerDHParamsOk o -> o;
          };
      checkNonces("server_DH_params_ok", nonce, serverNonce, ok.nonce(), ok.serverNonce());

      TempAes tempAes = newNonce.tempAes(serverNonce);
      byte[] answer = tempAes.open(ok.encryptedAnswer().toByteArray(), "server_DH_params_ok");
      ServerDHInnerDataCtor inner =
          Decode.whole(
              answer,
              "server_DH_inner_data",
              in ->
                  switch (ServerDHInnerData.read(in)) {
                    case ServerDHInnerDataCtor d -> d;
                  });
      checkNonces("server_DH_inner_data", nonce, serverNonce, inner.nonce(), inner.serverNonce());

      BigInteger dhPrime = Unsigned.toInteger(inner.dhPrime().toByteArray());
      BigInteger gA = Unsigned.toInteger(inner.gA().toByteArray());
      if (checkGroup) {
        try {
          DhChecks.checkPrimeAndGenerator(dhPrime, inner.g());
        } catch (DhCheckException e) {
          throw new HandshakeException(
              new Failure.DhCheckFailed(
                  "dh_prime and g", e.check(), String.valueOf(e.getMessage())),
              e);
        }
      }
      checkPublicValue("g_a", gA, dhPrime);
      int timeOffset = inner.serverTime() - nowSeconds;
      return new DhParamsAccepted(
          nonce, serverNonce, newNonce, tempAes, inner.g(), dhPrime, gA, timeOffset, 0L, 1);
    }

    @Override
    public String toString() {
      return "ClientHandshake.DhParamsRequested[nonce="
          + nonce.hex()
          + ", server_nonce="
          + serverNonce.hex()
          + "]";
    }
  }

  /**
   * The server's Diffie-Hellman half passed every check; sending ours is step 3 proper. Reached
   * again after {@code dh_gen_retry}, with a new {@code b} and {@code retry_id} set.
   */
  public static final class DhParamsAccepted {
    private final Int128 nonce;
    private final Int128 serverNonce;
    private final NewNonce newNonce;
    private final TempAes tempAes;
    private final int g;
    private final BigInteger dhPrime;
    private final BigInteger gA;
    private final int timeOffset;
    private final long retryId;
    private final int attempt;

    private DhParamsAccepted(
        Int128 nonce,
        Int128 serverNonce,
        NewNonce newNonce,
        TempAes tempAes,
        int g,
        BigInteger dhPrime,
        BigInteger gA,
        int timeOffset,
        long retryId,
        int attempt) {
      this.nonce = nonce;
      this.serverNonce = serverNonce;
      this.newNonce = newNonce;
      this.tempAes = tempAes;
      this.g = g;
      this.dhPrime = dhPrime;
      this.gA = gA;
      this.timeOffset = timeOffset;
      this.retryId = retryId;
      this.attempt = attempt;
    }

    /**
     * Sends {@code set_client_DH_params}: {@code g_b = g^b mod dh_prime} in {@code
     * client_DH_inner_data} with this attempt's {@code retry_id}, encrypted with the temporary AES
     * key; the auth key is {@code g_a^b mod dh_prime}.
     *
     * @param random {@value #STEP3_RANDOM_BYTES} bytes: {@code b} (256, big-endian) then padding
     */
    public Step<DhSent> step3(byte[] random) {
      requireLength(random, STEP3_RANDOM_BYTES, "step 3 randomness");
      BigInteger b = Unsigned.toInteger(Arrays.copyOf(random, DH_BYTES));
      BigInteger gB = BigInteger.valueOf(g).modPow(b, dhPrime);
      // A b this unlucky (0, 1, or landing g_b near the edges) means broken randomness.
      checkPublicValue("g_b", gB, dhPrime);
      AuthKey authKey = AuthKey.of(Unsigned.toBytes(gA.modPow(b, dhPrime), DH_BYTES));

      byte[] inner =
          new ClientDHInnerDataCtor(
                  nonce, serverNonce, retryId, Bytes.wrap(Unsigned.toBytes(gB, DH_BYTES)))
              .toByteArray();
      byte[] encrypted = tempAes.seal(inner, random, DH_BYTES);
      SetClientDHParams request = new SetClientDHParams(nonce, serverNonce, Bytes.wrap(encrypted));
      return new Step<>(request.toByteArray(), new DhSent(this, authKey));
    }

    /** {@link #step3(byte[])} with {@value #STEP3_RANDOM_BYTES} bytes drawn from {@code random}. */
    public Step<DhSent> step3(RandomGenerator random) {
      return step3(draw(random, STEP3_RANDOM_BYTES));
    }

    /** The server's clock minus ours, in seconds, from {@code server_time}. */
    public int timeOffset() {
      return timeOffset;
    }

    /** 1 for the first {@code set_client_DH_params}, one more after each {@code dh_gen_retry}. */
    public int attempt() {
      return attempt;
    }

    @Override
    public String toString() {
      return "ClientHandshake.DhParamsAccepted[nonce=" + nonce.hex() + ", attempt=" + attempt + "]";
    }
  }

  /** Waiting for {@code dh_gen_ok}, {@code dh_gen_retry} or {@code dh_gen_fail}. */
  public static final class DhSent {
    private final DhParamsAccepted params;
    private final AuthKey authKey;

    private DhSent(DhParamsAccepted params, AuthKey authKey) {
      this.params = params;
      this.authKey = authKey;
    }

    /**
     * Step 4: checks the server's verdict on the key. Each verdict carries its own hash of {@code
     * new_nonce} and the key's aux hash, which proves the server computed the same key.
     *
     * @param answer the TL body of the server's {@code Set_client_DH_params_answer}
     * @return {@link Done} with the key, or {@link Retry} when the server wants another {@code b}
     * @throws HandshakeException on a wrong nonce or hash, {@code dh_gen_fail}, or too many retries
     */
    public Outcome step4(byte[] answer) {
      SetClientDHParamsAnswer verdict =
          Decode.whole(answer, "Set_client_DH_params_answer", SetClientDHParamsAnswer::read);
      Int128 n = params.nonce;
      Int128 sn = params.serverNonce;
      long aux = authKey.auxHash();
      return switch (verdict) {
        case DhGenOk ok -> {
          checkNonces("dh_gen_ok", n, sn, ok.nonce(), ok.serverNonce());
          checkHash("dh_gen_ok", params.newNonce.answerHash(1, aux), ok.newNonceHash1());
          yield new Done(authKey, params.newNonce.firstSalt(sn), params.timeOffset);
        }
        case DhGenRetry retry -> {
          checkNonces("dh_gen_retry", n, sn, retry.nonce(), retry.serverNonce());
          checkHash("dh_gen_retry", params.newNonce.answerHash(2, aux), retry.newNonceHash2());
          if (params.attempt > MAX_RETRIES) {
            throw new HandshakeException(new Failure.TooManyRetries(params.attempt));
          }
          DhParamsAccepted p = params;
          yield new Retry(
              new DhParamsAccepted(
                  p.nonce,
                  p.serverNonce,
                  p.newNonce,
                  p.tempAes,
                  p.g,
                  p.dhPrime,
                  p.gA,
                  p.timeOffset,
                  aux,
                  p.attempt + 1));
        }
        case DhGenFail fail -> {
          checkNonces("dh_gen_fail", n, sn, fail.nonce(), fail.serverNonce());
          checkHash("dh_gen_fail", params.newNonce.answerHash(3, aux), fail.newNonceHash3());
          throw new HandshakeException(new Failure.DhGenFail());
        }
      };
    }

    @Override
    public String toString() {
      return "ClientHandshake.DhSent[nonce="
          + params.nonce.hex()
          + ", attempt="
          + params.attempt
          + "]";
    }
  }

  /** How step 4 ended: with a key, or with the server asking for another {@code b}. */
  public sealed interface Outcome permits Done, Retry {}

  /**
   * The exchange succeeded.
   *
   * @param authKey the new authorization key
   * @param firstSalt the first server salt, {@code new_nonce[0:8] XOR server_nonce[0:8]} as the
   *     little-endian long the encrypted layer sends
   * @param timeOffset {@code server_time - now} in seconds, from step 3
   */
  public record Done(AuthKey authKey, long firstSalt, int timeOffset) implements Outcome {}

  /**
   * The server answered {@code dh_gen_retry}: the key's id is taken. {@code next.step3} sends a new
   * {@code g_b} with {@code retry_id} set to the rejected key's aux hash.
   */
  public record Retry(DhParamsAccepted next) implements Outcome {}

  private static void checkNonce(String message, Int128 expected, Int128 received) {
    if (!equal(expected, received)) {
      throw new HandshakeException(new Failure.NonceMismatch(message, expected, received));
    }
  }

  static void checkNonces(
      String message,
      Int128 nonce,
      Int128 serverNonce,
      Int128 receivedNonce,
      Int128 receivedServerNonce) {
    checkNonce(message, nonce, receivedNonce);
    if (!equal(serverNonce, receivedServerNonce)) {
      throw new HandshakeException(
          new Failure.ServerNonceMismatch(message, serverNonce, receivedServerNonce));
    }
  }

  private static void checkHash(String message, Int128 expected, Int128 received) {
    if (!equal(expected, received)) {
      throw new HandshakeException(new Failure.NewNonceHashMismatch(message));
    }
  }

  static void checkPublicValue(String name, BigInteger value, BigInteger dhPrime) {
    try {
      DhChecks.checkPublicValue(value, dhPrime);
    } catch (DhCheckException e) {
      throw new HandshakeException(
          new Failure.DhCheckFailed(name, e.check(), String.valueOf(e.getMessage())), e);
    }
  }

  /** Constant-time, since some of these are hashes of secrets. */
  static boolean equal(Int128 a, Int128 b) {
    return MessageDigest.isEqual(a.toByteArray(), b.toByteArray());
  }

  static void requireLength(byte[] bytes, int length, String what) {
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          what + " must be exactly " + length + " bytes, got " + bytes.length);
    }
  }

  static byte[] draw(RandomGenerator random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }
}
