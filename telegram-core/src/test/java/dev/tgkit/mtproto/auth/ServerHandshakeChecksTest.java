package dev.tgkit.mtproto.auth;

import static dev.tgkit.mtproto.auth.TestServer.KEY;
import static dev.tgkit.mtproto.auth.TestServer.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.DhCheckException.Check;
import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.mtproto.auth.HandshakeException.Failure;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.Int128;
import dev.tgkit.tl.Int256;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.mtproto.ClientDHInnerDataCtor;
import dev.tgkit.tl.mtproto.PQInnerDataDc;
import dev.tgkit.tl.mtproto.ReqDHParams;
import dev.tgkit.tl.mtproto.ResPQ;
import dev.tgkit.tl.mtproto.ResPQCtor;
import dev.tgkit.tl.mtproto.SetClientDHParams;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every check of the server, each fed a request from our client with one thing changed: the server
 * must refuse it with the failure that names that check.
 */
class ServerHandshakeChecksTest {

  private static final int NOW = 1_700_000_000;
  private static final ClientHandshake.Options OPTIONS =
      ClientHandshake.Options.of(List.of(KEY.publicKey()));

  /** An exchange up to the client's req_DH_params, with every value a test may need. */
  private static final class Exchange {
    final SplittableRandom serverRandom = new SplittableRandom(7);
    final ClientHandshake.Step<ClientHandshake.PqRequested> c1 =
        ClientHandshake.step1(OPTIONS, new SplittableRandom(3));
    final ServerHandshake.Reply<ServerHandshake.PqSent> s1 =
        SERVER.answerReqPq(c1.request(), serverRandom);
    final ResPQCtor resPq = (ResPQCtor) ResPQ.read(new TlReader(s1.response()));
    final byte[] step2Random = ClientHandshake.draw(new SplittableRandom(5), 256);
    final ClientHandshake.Step<ClientHandshake.DhParamsRequested> c2 =
        c1.next().step2(s1.response(), step2Random);
    final ReqDHParams reqDhParams = readReqDhParams(c2.request());
    final Int256 newNonce = Int256.of(Arrays.copyOf(step2Random, 32));
    final TempAes tempAes = NewNonce.of(newNonce).tempAes(resPq.serverNonce());

    ServerHandshake.Reply<ServerHandshake.DhParamsSent> s2() {
      return s1.next().answerReqDhParams(c2.request(), serverRandom, NOW);
    }

    byte[] reqDhParams(ReqDHParams changed) {
      return changed.toByteArray();
    }

    /** set_client_DH_params carrying {@code inner}, encrypted as a client would. */
    byte[] setClientDhParams(ClientDHInnerDataCtor inner) {
      byte[] encrypted = tempAes.seal(inner.toByteArray(), new byte[16], 0);
      return new SetClientDHParams(resPq.nonce(), resPq.serverNonce(), Bytes.wrap(encrypted))
          .toByteArray();
    }

    ClientDHInnerDataCtor inner(long retryId, BigInteger gB) {
      return new ClientDHInnerDataCtor(
          resPq.nonce(), resPq.serverNonce(), retryId, Bytes.wrap(Unsigned.toBytes(gB, 256)));
    }
  }

  private static ReqDHParams readReqDhParams(byte[] request) {
    TlReader in = new TlReader(request);
    in.readInt();
    return ReqDHParams.readBare(in);
  }

  private static <F extends Failure> void assertFails(ThrowingCallable step, Class<F> failure) {
    assertThatThrownBy(step)
        .isInstanceOfSatisfying(
            HandshakeException.class, e -> assertThat(e.failure()).isInstanceOf(failure));
  }

  private static final BigInteger VALID_G_B =
      BigInteger.valueOf(3)
          .modPow(BigInteger.TWO.pow(2000).add(BigInteger.TEN), ServerHandshake.TELEGRAM_DH_PRIME);

  // --- req_pq_multi

  @Test
  void rejectsAnythingButReqPqAtTheStart() {
    var x = new Exchange();

    assertFails(
        () -> SERVER.answerReqPq(x.c2.request(), new SplittableRandom(1)), Failure.Malformed.class);
  }

  // --- req_DH_params

  @Test
  void acceptsTheUnchangedRequest() {
    // Guards the tests below: only the one value they change makes them fail.
    var x = new Exchange();

    assertThat(x.s2().response()).isNotEmpty();
  }

  @Test
  void rejectsReqDhParamsWithAnotherNonce() {
    var x = new Exchange();
    var r = x.reqDhParams;
    byte[] changed =
        new ReqDHParams(
                Int128.of(new byte[16]),
                r.serverNonce(),
                r.p(),
                r.q(),
                r.publicKeyFingerprint(),
                r.encryptedData())
            .toByteArray();

    assertFails(
        () -> x.s1.next().answerReqDhParams(changed, x.serverRandom, NOW),
        Failure.NonceMismatch.class);
  }

  @Test
  void rejectsReqDhParamsWithAnotherServerNonce() {
    var x = new Exchange();
    var r = x.reqDhParams;
    byte[] changed =
        new ReqDHParams(
                r.nonce(),
                Int128.of(new byte[16]),
                r.p(),
                r.q(),
                r.publicKeyFingerprint(),
                r.encryptedData())
            .toByteArray();

    assertFails(
        () -> x.s1.next().answerReqDhParams(changed, x.serverRandom, NOW),
        Failure.ServerNonceMismatch.class);
  }

  @Test
  void rejectsAFingerprintThatIsNotTheServers() {
    var x = new Exchange();
    var r = x.reqDhParams;
    byte[] changed =
        new ReqDHParams(
                r.nonce(), r.serverNonce(), r.p(), r.q(), 0xb25898df208d2603L, r.encryptedData())
            .toByteArray();

    assertThatThrownBy(() -> x.s1.next().answerReqDhParams(changed, x.serverRandom, NOW))
        .isInstanceOfSatisfying(
            HandshakeException.class,
            e ->
                assertThat(e.failure())
                    .isEqualTo(
                        new Failure.WrongFingerprint(SERVER.fingerprint(), 0xb25898df208d2603L)));
  }

  @Test
  void rejectsFactorsWhoseProductIsNotPq() {
    var x = new Exchange();
    var r = x.reqDhParams;
    long p = Unsigned.toLong63(r.p().toByteArray());
    long q = Unsigned.toLong63(r.q().toByteArray());
    byte[] wrongP =
        new ReqDHParams(
                r.nonce(),
                r.serverNonce(),
                Bytes.wrap(Unsigned.toMinimalBytes(p + 2)),
                r.q(),
                r.publicKeyFingerprint(),
                r.encryptedData())
            .toByteArray();
    byte[] swapped =
        new ReqDHParams(
                r.nonce(),
                r.serverNonce(),
                r.q(),
                r.p(),
                r.publicKeyFingerprint(),
                r.encryptedData())
            .toByteArray();
    byte[] trivial =
        new ReqDHParams(
                r.nonce(),
                r.serverNonce(),
                Bytes.wrap(Unsigned.toMinimalBytes(1)),
                Bytes.wrap(Unsigned.toMinimalBytes(p * q)),
                r.publicKeyFingerprint(),
                r.encryptedData())
            .toByteArray();

    for (byte[] request : List.of(wrongP, swapped, trivial)) {
      assertFails(
          () -> x.s1.next().answerReqDhParams(request, x.serverRandom, NOW),
          Failure.PqMismatch.class);
    }
  }

  @Test
  void rejectsInnerDataWhosePqIsNotTheServers() {
    var x = new Exchange();
    var r = x.reqDhParams;
    long p = Unsigned.toLong63(r.p().toByteArray());
    long q = Unsigned.toLong63(r.q().toByteArray());
    // Correct outer p and q, but the encrypted proof claims another pq.
    byte[] inner =
        new PQInnerDataDc(
                Bytes.wrap(Unsigned.toMinimalBytes(p * q + 2)),
                r.p(),
                r.q(),
                r.nonce(),
                r.serverNonce(),
                x.newNonce,
                2)
            .toByteArray();
    byte[] encrypted = KEY.publicKey().encryptRsaPad(inner, new byte[224]);
    byte[] changed =
        new ReqDHParams(
                r.nonce(),
                r.serverNonce(),
                r.p(),
                r.q(),
                r.publicKeyFingerprint(),
                Bytes.wrap(encrypted))
            .toByteArray();

    assertFails(
        () -> x.s1.next().answerReqDhParams(changed, x.serverRandom, NOW),
        Failure.PqMismatch.class);
    assertThat(q).isGreaterThan(p);
  }

  @Test
  void rejectsInnerDataWithAnotherNonce() {
    var x = new Exchange();
    var r = x.reqDhParams;
    byte[] pq = x.resPq.pq().toByteArray();
    byte[] inner =
        new PQInnerDataDc(
                Bytes.wrap(pq),
                r.p(),
                r.q(),
                Int128.of(new byte[16]),
                r.serverNonce(),
                x.newNonce,
                2)
            .toByteArray();
    byte[] encrypted = KEY.publicKey().encryptRsaPad(inner, new byte[224]);
    byte[] changed =
        new ReqDHParams(
                r.nonce(),
                r.serverNonce(),
                r.p(),
                r.q(),
                r.publicKeyFingerprint(),
                Bytes.wrap(encrypted))
            .toByteArray();

    assertFails(
        () -> x.s1.next().answerReqDhParams(changed, x.serverRandom, NOW),
        Failure.NonceMismatch.class);
  }

  @Test
  void rejectsATamperedRsaBlock() {
    var x = new Exchange();
    var r = x.reqDhParams;
    for (int index : new int[] {0, 1, 100, 255}) {
      byte[] block = r.encryptedData().toByteArray();
      block[index] ^= 0x40;
      byte[] changed =
          new ReqDHParams(
                  r.nonce(),
                  r.serverNonce(),
                  r.p(),
                  r.q(),
                  r.publicKeyFingerprint(),
                  Bytes.wrap(block))
              .toByteArray();

      assertFails(
          () -> x.s1.next().answerReqDhParams(changed, x.serverRandom, NOW),
          Failure.BadRsaBlock.class);
    }
  }

  @Test
  void rejectsAnRsaBlockOfTheWrongSize() {
    var x = new Exchange();
    var r = x.reqDhParams;
    byte[] changed =
        new ReqDHParams(
                r.nonce(),
                r.serverNonce(),
                r.p(),
                r.q(),
                r.publicKeyFingerprint(),
                Bytes.wrap(new byte[255]))
            .toByteArray();

    assertFails(
        () -> x.s1.next().answerReqDhParams(changed, x.serverRandom, NOW),
        Failure.BadRsaBlock.class);
  }

  @Test
  void rejectsARequestEncryptedForAnotherKey() {
    RsaPrivateKey other = RsaPrivateKey.generate(new Random(99));
    var x = new Exchange();
    var r = x.reqDhParams;
    byte[] inner =
        new PQInnerDataDc(x.resPq.pq(), r.p(), r.q(), r.nonce(), r.serverNonce(), x.newNonce, 2)
            .toByteArray();
    byte[] encrypted = other.publicKey().encryptRsaPad(inner, new byte[224]);
    byte[] changed =
        new ReqDHParams(
                r.nonce(),
                r.serverNonce(),
                r.p(),
                r.q(),
                r.publicKeyFingerprint(),
                Bytes.wrap(encrypted))
            .toByteArray();

    assertFails(
        () -> x.s1.next().answerReqDhParams(changed, x.serverRandom, NOW),
        Failure.BadRsaBlock.class);
  }

  // --- set_client_DH_params

  @Test
  void acceptsAHandMadeClientDhInnerData() {
    // Guards the tests below: the hand-made request is right but for what they change.
    var x = new Exchange();

    var outcome =
        x.s2()
            .next()
            .answerSetClientDhParams(x.setClientDhParams(x.inner(0, VALID_G_B)), id -> false);

    assertThat(outcome).isInstanceOf(ServerHandshake.Accepted.class);
  }

  private static void assertGbRejected(BigInteger gB, int width, Check check) {
    var x = new Exchange();
    var inner =
        new ClientDHInnerDataCtor(
            x.resPq.nonce(), x.resPq.serverNonce(), 0, Bytes.wrap(Unsigned.toBytes(gB, width)));

    assertThatThrownBy(
            () -> x.s2().next().answerSetClientDhParams(x.setClientDhParams(inner), id -> false))
        .isInstanceOfSatisfying(
            HandshakeException.class,
            e ->
                assertThat(e.failure())
                    .isEqualTo(new Failure.DhCheckFailed("g_b", check, e.getCause().getMessage())));
  }

  @Test
  void rejectsGbOutOfRange() {
    BigInteger p = ServerHandshake.TELEGRAM_DH_PRIME;
    BigInteger margin = BigInteger.ONE.shiftLeft(2048 - 64);

    assertGbRejected(BigInteger.ONE, 256, Check.PUBLIC_VALUE_RANGE);
    assertGbRejected(p.subtract(BigInteger.ONE), 256, Check.PUBLIC_VALUE_RANGE);
    assertGbRejected(margin.subtract(BigInteger.ONE), 256, Check.PUBLIC_VALUE_MARGIN);
    assertGbRejected(p.subtract(margin).add(BigInteger.ONE), 256, Check.PUBLIC_VALUE_MARGIN);
  }

  @Test
  void rejectsGbLongerThanTheGroup() {
    assertGbRejected(VALID_G_B.shiftLeft(8), 257, Check.PUBLIC_VALUE_RANGE);
  }

  @Test
  void rejectsSetClientDhParamsWithAnotherNonce() {
    var x = new Exchange();
    byte[] request = x.setClientDhParams(x.inner(0, VALID_G_B));
    request[4] ^= 1;

    assertFails(
        () -> x.s2().next().answerSetClientDhParams(request, id -> false),
        Failure.NonceMismatch.class);
  }

  @Test
  void rejectsClientDhInnerDataWithAnotherServerNonce() {
    var x = new Exchange();
    var inner =
        new ClientDHInnerDataCtor(
            x.resPq.nonce(),
            Int128.of(new byte[16]),
            0,
            Bytes.wrap(Unsigned.toBytes(VALID_G_B, 256)));

    assertFails(
        () -> x.s2().next().answerSetClientDhParams(x.setClientDhParams(inner), id -> false),
        Failure.ServerNonceMismatch.class);
  }

  @Test
  void rejectsEncryptedDataThatDoesNotAuthenticate() {
    var x = new Exchange();
    byte[] request = x.setClientDhParams(x.inner(0, VALID_G_B));
    request[request.length - 1] ^= 1;

    assertFails(
        () -> x.s2().next().answerSetClientDhParams(request, id -> false),
        Failure.BadEncryptedDataHash.class);
  }

  @Test
  void rejectsANonZeroRetryIdOnTheFirstAttempt() {
    var x = new Exchange();

    assertFails(
        () ->
            x.s2()
                .next()
                .answerSetClientDhParams(x.setClientDhParams(x.inner(42, VALID_G_B)), id -> false),
        Failure.RetryIdMismatch.class);
  }

  @Test
  void rejectsARetryWithoutTheRejectedKeysAuxHash() {
    var x = new Exchange();
    var retry =
        (ServerHandshake.Retry)
            x.s2()
                .next()
                .answerSetClientDhParams(x.setClientDhParams(x.inner(0, VALID_G_B)), id -> true);

    assertFails(
        () ->
            retry
                .next()
                .answerSetClientDhParams(
                    x.setClientDhParams(x.inner(0, VALID_G_B.add(BigInteger.ONE))), id -> false),
        Failure.RetryIdMismatch.class);
  }

  @Test
  void statesDoNotPrintSecrets() {
    var x = new Exchange();
    String newNonce = java.util.HexFormat.of().formatHex(x.newNonce.toByteArray());
    var accepted =
        (ServerHandshake.Accepted)
            x.s2()
                .next()
                .answerSetClientDhParams(x.setClientDhParams(x.inner(0, VALID_G_B)), id -> false);
    String key = java.util.HexFormat.of().formatHex(accepted.authKey().toByteArray());

    for (Object o : List.of(x.s2().next(), accepted, SERVER, x.s1.next())) {
      assertThat(o.toString())
          .doesNotContain(newNonce.substring(0, 16))
          .doesNotContain(key.substring(0, 16));
    }
  }
}
