package dev.tgkit.mtproto.auth;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.DhCheckException;
import dev.tgkit.crypto.DhChecks;
import dev.tgkit.crypto.RsaPadException;
import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.crypto.Sha;
import dev.tgkit.mtproto.auth.HandshakeException.Failure;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.Int128;
import dev.tgkit.tl.Int256;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.mtproto.ClientDHInnerData;
import dev.tgkit.tl.mtproto.ClientDHInnerDataCtor;
import dev.tgkit.tl.mtproto.DhGenOk;
import dev.tgkit.tl.mtproto.DhGenRetry;
import dev.tgkit.tl.mtproto.PQInnerData;
import dev.tgkit.tl.mtproto.PQInnerDataCtor;
import dev.tgkit.tl.mtproto.PQInnerDataDc;
import dev.tgkit.tl.mtproto.PQInnerDataTemp;
import dev.tgkit.tl.mtproto.PQInnerDataTempDc;
import dev.tgkit.tl.mtproto.ReqDHParams;
import dev.tgkit.tl.mtproto.ReqPq;
import dev.tgkit.tl.mtproto.ReqPqMulti;
import dev.tgkit.tl.mtproto.ResPQCtor;
import dev.tgkit.tl.mtproto.ServerDHInnerDataCtor;
import dev.tgkit.tl.mtproto.ServerDHParamsOk;
import dev.tgkit.tl.mtproto.SetClientDHParams;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The server side of <a href="https://core.telegram.org/mtproto/auth_key">creating an authorization
 * key</a>, as pure steps, for the embedded Telegram.
 *
 * <pre>
 *   client                                      server
 *   req_pq_multi / req_pq       ───────▶   answerReqPq:        server_nonce, pq = p·q, fingerprint
 *   req_DH_params               ───────▶   answerReqDhParams:  check proof of work, decrypt RSA,
 *                                                              pick a, send g, dh_prime, g_a
 *   set_client_DH_params        ───────▶   answerSetClientDhParams: check g_b, auth_key = g_b^a,
 *                                                              dh_gen_ok (or dh_gen_retry)
 * </pre>
 *
 * <p>This object is the server's configuration (its RSA key, {@code g} and {@code dh_prime}); it is
 * immutable and shared by all connections. Each connection holds the state object the previous step
 * returned, so a server runs any number of exchanges at once. Randomness comes in as a {@link
 * RandomGenerator} (a {@code SecureRandom} in production, a seeded generator in tests) and time as
 * unixtime seconds. A request that fails a check throws {@link HandshakeException}; the network
 * layer then closes the connection, as Telegram does (it answers with transport error -404).
 *
 * <p>RSA: clients today send {@code p_q_inner_data} with {@code RSA_PAD}, but older ones (Telethon
 * v1, and the specification's own worked example) still send the legacy block {@code SHA1(data) +
 * data + padding}, which Telegram keeps accepting. This server accepts both: {@code RSA_PAD} is
 * tried first and, if its checks fail, the legacy layout is tried, so a block is only accepted when
 * one of the two authenticates it by its hash.
 */
public final class ServerHandshake {

  /**
   * Telegram's 2048-bit safe prime {@code dh_prime}, the one its servers send (and the one of the
   * <a href="https://core.telegram.org/mtproto/samples-auth_key">worked example</a>).
   */
  public static final BigInteger TELEGRAM_DH_PRIME =
      new BigInteger(
          "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f"
              + "48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c37"
              + "20fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64"
              + "2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4"
              + "a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754"
              + "fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4"
              + "e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f"
              + "0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b",
          16);

  /** The generator Telegram's servers send with {@link #TELEGRAM_DH_PRIME}. */
  public static final int TELEGRAM_G = 3;

  private static final int DH_BYTES = 256;
  private static final int RSA_BYTES = 256;
  private static final int SHA1_SIZE = 20;

  /** Attempts at drawing {@code a} before suspecting the generator: each fails with p < 2^-62. */
  private static final int MAX_DRAWS = 8;

  private final RsaPrivateKey key;
  private final long fingerprint;
  private final int g;
  private final BigInteger dhPrime;
  private final Bytes dhPrimeBytes;

  /** A server with Telegram's {@code g} = 3 and {@code dh_prime}. */
  public ServerHandshake(RsaPrivateKey key) {
    this(key, TELEGRAM_G, TELEGRAM_DH_PRIME);
  }

  /**
   * A server with its own Diffie-Hellman group.
   *
   * @throws IllegalArgumentException if {@code dhPrime} and {@code g} fail the checks clients make
   *     (they would refuse this server)
   */
  public ServerHandshake(RsaPrivateKey key, int g, BigInteger dhPrime) {
    this.key = Objects.requireNonNull(key, "key");
    try {
      DhChecks.checkPrimeAndGenerator(dhPrime, g);
    } catch (DhCheckException e) {
      throw new IllegalArgumentException("clients would reject this group: " + e.getMessage(), e);
    }
    this.fingerprint = key.publicKey().fingerprint();
    this.g = g;
    this.dhPrime = dhPrime;
    this.dhPrimeBytes = Bytes.wrap(Unsigned.toBytes(dhPrime, DH_BYTES));
  }

  /** The fingerprint of this server's RSA key, as {@code resPQ} offers it. */
  public long fingerprint() {
    return fingerprint;
  }

  /**
   * An answer to send and the state that takes the client's next request.
   *
   * @param response the TL body to send in a plain message; the array is the caller's
   * @param next the state for this connection's next request
   */
  public record Reply<S>(byte[] response, S next) {
    public Reply {
      Objects.requireNonNull(response, "response");
      Objects.requireNonNull(next, "next");
    }
  }

  /**
   * Answers {@code req_pq_multi} (or the old {@code req_pq}) with {@code resPQ}: a random {@code
   * server_nonce}, a {@code pq} that is the product of two random primes in [2^30, 2^31] (so pq
   * &lt; 2^63, about as hard as Telegram's own), and this server's fingerprint.
   *
   * @param request the TL body of the client's request
   * @throws HandshakeException if the request is neither
   */
  public Reply<PqSent> answerReqPq(byte[] request, RandomGenerator random) {
    Int128 nonce =
        Decode.whole(
            request,
            "req_pq_multi",
            in -> {
              int id = in.readInt();
              return switch (id) {
                case ReqPqMulti.CONSTRUCTOR_ID -> ReqPqMulti.readBare(in).nonce();
                case ReqPq.CONSTRUCTOR_ID -> ReqPq.readBare(in).nonce();
                default -> throw in.unknownConstructor(id, "req_pq_multi or req_pq", 0);
              };
            });
    Int128 serverNonce = Int128.random(random);
    long p = randomPrime(random);
    long q;
    do {
      q = randomPrime(random);
    } while (q == p);
    if (p > q) {
      long t = p;
      p = q;
      q = t;
    }
    Bytes pq = Bytes.wrap(Unsigned.toMinimalBytes(p * q));
    ResPQCtor res = new ResPQCtor(nonce, serverNonce, pq, List.of(fingerprint));
    return new Reply<>(res.toByteArray(), new PqSent(nonce, serverNonce, p, q));
  }

  private static long randomPrime(RandomGenerator random) {
    long candidate = (1L << 30) | (random.nextLong() & ((1L << 30) - 1));
    return BigInteger.valueOf(candidate).nextProbablePrime().longValueExact();
  }

  /** Waiting for {@code req_DH_params}. */
  public final class PqSent {
    private final Int128 nonce;
    private final Int128 serverNonce;
    private final long p;
    private final long q;

    private PqSent(Int128 nonce, Int128 serverNonce, long p, long q) {
      this.nonce = nonce;
      this.serverNonce = serverNonce;
      this.p = p;
      this.q = q;
    }

    /**
     * Answers {@code req_DH_params}: checks the nonces, the fingerprint and the proof of work,
     * decrypts {@code p_q_inner_data} (any of its four forms), picks {@code a}, and sends {@code
     * server_DH_params_ok} with {@code g}, {@code dh_prime}, {@code g_a} and {@code server_time}
     * encrypted with the temporary AES key derived from {@code new_nonce}.
     *
     * @param request the TL body of the client's {@code req_DH_params}
     * @param nowSeconds the server's unixtime, sent as {@code server_time}
     * @throws HandshakeException on a wrong nonce, fingerprint, {@code p}, {@code q} or {@code pq},
     *     or an RSA block that does not decrypt
     */
    public Reply<DhParamsSent> answerReqDhParams(
        byte[] request, RandomGenerator random, int nowSeconds) {
      ReqDHParams req =
          Decode.request(request, ReqDHParams.CONSTRUCTOR_ID, "req_DH_params", ReqDHParams::readBare);
      ClientHandshake.checkNonces(
          "req_DH_params", nonce, serverNonce, req.nonce(), req.serverNonce());
      if (req.publicKeyFingerprint() != fingerprint) {
        throw new HandshakeException(
            new Failure.WrongFingerprint(fingerprint, req.publicKeyFingerprint()));
      }
      checkFactor("p", p, req.p());
      checkFactor("q", q, req.q());

      Inner inner = decryptInnerData(req.encryptedData().toByteArray());
      ClientHandshake.checkNonces(
          "p_q_inner_data", nonce, serverNonce, inner.nonce, inner.serverNonce);
      if (Unsigned.toLong63(inner.pq.toByteArray()) != p * q) {
        throw new HandshakeException(
            new Failure.PqMismatch("pq of p_q_inner_data is not the pq this server sent"));
      }
      checkFactor("p of p_q_inner_data", p, inner.p);
      checkFactor("q of p_q_inner_data", q, inner.q);

      BigInteger a = null;
      BigInteger gA = null;
      for (int draw = 0; draw < MAX_DRAWS && gA == null; draw++) {
        a = Unsigned.toInteger(ClientHandshake.draw(random, DH_BYTES));
        BigInteger candidate = BigInteger.valueOf(g).modPow(a, dhPrime);
        try {
          DhChecks.checkPublicValue(candidate, dhPrime);
          gA = candidate;
        } catch (DhCheckException e) {
          // A value near the edges would make clients reject us; draw another a.
        }
      }
      if (gA == null) {
        throw new IllegalStateException(
            MAX_DRAWS + " random exponents all gave g_a out of range: broken randomness");
      }

      byte[] answer =
          ServerDHInnerDataCtor.builder()
              .nonce(nonce)
              .serverNonce(serverNonce)
              .g(g)
              .dhPrime(dhPrimeBytes)
              .gA(Bytes.wrap(Unsigned.toBytes(gA, DH_BYTES)))
              .serverTime(nowSeconds)
              .build()
              .toByteArray();
      TempAes tempAes = inner.newNonce.tempAes(serverNonce);
      byte[] encrypted = tempAes.seal(answer, ClientHandshake.draw(random, 16), 0);
      ServerDHParamsOk ok = new ServerDHParamsOk(nonce, serverNonce, Bytes.wrap(encrypted));
      return new Reply<>(
          ok.toByteArray(),
          new DhParamsSent(
              nonce, serverNonce, inner.newNonce, tempAes, a, inner.dcId, inner.expiresIn, 1, 0L));
    }

    private Inner decryptInnerData(byte[] encrypted) {
      if (encrypted.length != RSA_BYTES) {
        throw new HandshakeException(
            new Failure.BadRsaBlock(
                "encrypted_data is " + encrypted.length + " bytes, expected " + RSA_BYTES));
      }
      byte[] data;
      try {
        data = key.decryptRsaPad(encrypted);
      } catch (RsaPadException rsaPad) {
        byte[] legacy = legacyData(encrypted);
        if (legacy == null) {
          throw new HandshakeException(
              new Failure.BadRsaBlock(
                  "neither RSA_PAD (" + rsaPad.getMessage() + ") nor the legacy layout"),
              rsaPad);
        }
        data = legacy;
      }
      PQInnerData parsed = Decode.prefix(data, "p_q_inner_data", PQInnerData::read);
      return switch (parsed) {
        case PQInnerDataCtor d ->
            new Inner(d.pq(), d.p(), d.q(), d.nonce(), d.serverNonce(), d.newNonce(), null, null);
        case PQInnerDataDc d ->
            new Inner(d.pq(), d.p(), d.q(), d.nonce(), d.serverNonce(), d.newNonce(), d.dc(), null);
        case PQInnerDataTemp d ->
            new Inner(
                d.pq(),
                d.p(),
                d.q(),
                d.nonce(),
                d.serverNonce(),
                d.newNonce(),
                null,
                d.expiresIn());
        case PQInnerDataTempDc d ->
            new Inner(
                d.pq(),
                d.p(),
                d.q(),
                d.nonce(),
                d.serverNonce(),
                d.newNonce(),
                d.dc(),
                d.expiresIn());
      };
    }

    /**
     * The legacy block {@code SHA1(data) + data + padding} (255 bytes, so a leading zero in the
     * 256-byte decryption), or null when the hash does not authenticate any TL prefix.
     */
    private byte @Nullable [] legacyData(byte[] encrypted) {
      if (Unsigned.toInteger(encrypted).compareTo(key.publicKey().modulus()) >= 0) {
        return null; // not an RSA ciphertext under this key at all
      }
      byte[] block = key.rawDecrypt(encrypted);
      if (block.length != RSA_BYTES || block[0] != 0) {
        return null;
      }
      byte[] rest = Arrays.copyOfRange(block, 1 + SHA1_SIZE, RSA_BYTES);
      TlReader in = new TlReader(rest);
      try {
        PQInnerData.read(in);
      } catch (RuntimeException e) {
        return null;
      }
      byte[] data = Arrays.copyOf(rest, in.position());
      byte[] hash = Arrays.copyOfRange(block, 1, 1 + SHA1_SIZE);
      return MessageDigest.isEqual(hash, Sha.sha1(data)) ? data : null;
    }

    @Override
    public String toString() {
      return "ServerHandshake.PqSent[nonce=" + nonce.hex() + "]";
    }
  }

  private static void checkFactor(String name, long expected, Bytes received) {
    if (Unsigned.toLong63(received.toByteArray()) != expected) {
      throw new HandshakeException(
          new Failure.PqMismatch(name + " is not a factor of the pq this server sent"));
    }
  }

  /** The fields of whichever {@code p_q_inner_data} form the client sent. */
  private record Inner(
      Bytes pq,
      Bytes p,
      Bytes q,
      Int128 nonce,
      Int128 serverNonce,
      NewNonce newNonce,
      @Nullable Integer dcId,
      @Nullable Integer expiresIn) {

    Inner(
        Bytes pq,
        Bytes p,
        Bytes q,
        Int128 nonce,
        Int128 serverNonce,
        Int256 newNonce,
        @Nullable Integer dcId,
        @Nullable Integer expiresIn) {
      this(pq, p, q, nonce, serverNonce, NewNonce.of(newNonce), dcId, expiresIn);
    }
  }

  /** Waiting for {@code set_client_DH_params}. */
  public final class DhParamsSent {
    private final Int128 nonce;
    private final Int128 serverNonce;
    private final NewNonce newNonce;
    private final TempAes tempAes;
    private final BigInteger a;
    private final @Nullable Integer dcId;
    private final @Nullable Integer expiresIn;
    private final int attempt;
    private final long expectedRetryId;

    private DhParamsSent(
        Int128 nonce,
        Int128 serverNonce,
        NewNonce newNonce,
        TempAes tempAes,
        BigInteger a,
        @Nullable Integer dcId,
        @Nullable Integer expiresIn,
        int attempt,
        long expectedRetryId) {
      this.nonce = nonce;
      this.serverNonce = serverNonce;
      this.newNonce = newNonce;
      this.tempAes = tempAes;
      this.a = a;
      this.dcId = dcId;
      this.expiresIn = expiresIn;
      this.attempt = attempt;
      this.expectedRetryId = expectedRetryId;
    }

    /**
     * Answers {@code set_client_DH_params}: decrypts and authenticates {@code
     * client_DH_inner_data}, checks {@code retry_id} and {@code g_b}, computes {@code auth_key =
     * g_b^a mod dh_prime}, and accepts it with {@code dh_gen_ok}, unless {@code authKeyIdTaken}
     * says its id is already in use: then {@code dh_gen_retry} asks the client for another {@code
     * b}.
     *
     * @param request the TL body of the client's {@code set_client_DH_params}
     * @param authKeyIdTaken whether an auth key with this id already exists on the server
     * @throws HandshakeException on a wrong nonce, data that does not authenticate, a wrong {@code
     *     retry_id} or {@code g_b} out of range
     */
    public Outcome answerSetClientDhParams(byte[] request, LongPredicate authKeyIdTaken) {
      SetClientDHParams req =
          Decode.request(request, SetClientDHParams.CONSTRUCTOR_ID, "set_client_DH_params", SetClientDHParams::readBare);
      ClientHandshake.checkNonces(
          "set_client_DH_params", nonce, serverNonce, req.nonce(), req.serverNonce());
      byte[] data = tempAes.open(req.encryptedData().toByteArray(), "set_client_DH_params");
      ClientDHInnerDataCtor inner =
          Decode.whole(
              data,
              "client_DH_inner_data",
              in ->
                  switch (ClientDHInnerData.read(in)) {
                    case ClientDHInnerDataCtor d -> d;
                  });
      ClientHandshake.checkNonces(
          "client_DH_inner_data", nonce, serverNonce, inner.nonce(), inner.serverNonce());
      if (inner.retryId() != expectedRetryId) {
        throw new HandshakeException(new Failure.RetryIdMismatch(attempt));
      }
      BigInteger gB = Unsigned.toInteger(inner.gB().toByteArray());
      ClientHandshake.checkPublicValue("g_b", gB, dhPrime);
      AuthKey authKey = AuthKey.of(Unsigned.toBytes(gB.modPow(a, dhPrime), DH_BYTES));
      long aux = authKey.auxHash();

      if (authKeyIdTaken.test(authKey.id())) {
        DhGenRetry retry = new DhGenRetry(nonce, serverNonce, newNonce.answerHash(2, aux));
        return new Retry(
            retry.toByteArray(),
            new DhParamsSent(
                nonce, serverNonce, newNonce, tempAes, a, dcId, expiresIn, attempt + 1, aux));
      }
      DhGenOk ok = new DhGenOk(nonce, serverNonce, newNonce.answerHash(1, aux));
      return new Accepted(
          ok.toByteArray(), authKey, newNonce.firstSalt(serverNonce), dcId, expiresIn);
    }

    @Override
    public String toString() {
      return "ServerHandshake.DhParamsSent[nonce=" + nonce.hex() + ", attempt=" + attempt + "]";
    }
  }

  /** How {@code set_client_DH_params} was answered. */
  public sealed interface Outcome permits Accepted, Retry {
    /** The TL body to send: {@code dh_gen_ok} or {@code dh_gen_retry}. */
    byte[] response();
  }

  /**
   * The key is agreed; send {@code response} ({@code dh_gen_ok}) and start the encrypted session
   * with the key and salt.
   *
   * @param authKey the new authorization key
   * @param firstSalt {@code new_nonce[0:8] XOR server_nonce[0:8]} as a little-endian long
   * @param dcId the DC id the client named in {@code p_q_inner_data_dc}, or null
   * @param expiresIn for a temporary key, its lifetime in seconds; null for a permanent key
   */
  public record Accepted(
      byte[] response,
      AuthKey authKey,
      long firstSalt,
      @Nullable Integer dcId,
      @Nullable Integer expiresIn)
      implements Outcome {}

  /**
   * The key's id is taken; send {@code response} ({@code dh_gen_retry}) and give the client's next
   * {@code set_client_DH_params} to {@code next}.
   */
  public record Retry(byte[] response, DhParamsSent next) implements Outcome {}

  @Override
  public String toString() {
    return String.format("ServerHandshake[fingerprint=%016x, g=%d]", fingerprint, g);
  }
}
