package dev.tgkit.mtproto.auth;

import static dev.tgkit.mtproto.auth.RecordedFlow.NOW;
import static dev.tgkit.mtproto.auth.RecordedFlow.V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.DhCheckException;
import dev.tgkit.crypto.DhCheckException.Check;
import dev.tgkit.mtproto.auth.HandshakeException.Failure;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.Int128;
import dev.tgkit.tl.Int256;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.mtproto.DhGenFail;
import dev.tgkit.tl.mtproto.DhGenOk;
import dev.tgkit.tl.mtproto.DhGenRetry;
import dev.tgkit.tl.mtproto.ResPQCtor;
import dev.tgkit.tl.mtproto.ServerDHInnerDataCtor;
import dev.tgkit.tl.mtproto.ServerDHParamsFail;
import dev.tgkit.tl.mtproto.ServerDHParamsOk;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every check of the client, each fed the recorded test-DC exchange with one thing changed: the
 * step must refuse with the failure that names that check.
 */
class ClientHandshakeChecksTest {

  private static final Int128 NONCE = Int128.of(V.hex("step1_random"));
  private static final Int128 SERVER_NONCE = Int128.of(V.hex("step1_response"), 20);
  private static final NewNonce NEW_NONCE = NewNonce.of(Int256.of(RecordedFlow.newNonce()));
  private static final TempAes TEMP_AES = NEW_NONCE.tempAes(SERVER_NONCE);
  private static final BigInteger DH_PRIME = ServerHandshake.TELEGRAM_DH_PRIME;
  private static final AuthKey EXPECTED_KEY = AuthKey.of(V.hex("expected_auth_key"));

  private static <F extends Failure> void assertFails(ThrowingCallable step, Class<F> failure) {
    assertThatThrownBy(step)
        .isInstanceOfSatisfying(
            HandshakeException.class, e -> assertThat(e.failure()).isInstanceOf(failure));
  }

  private static void assertDhCheckFails(ThrowingCallable step, String value, Check check) {
    assertThatThrownBy(step)
        .isInstanceOfSatisfying(
            HandshakeException.class,
            e -> {
              assertThat(e.failure()).isInstanceOf(Failure.DhCheckFailed.class);
              var failure = (Failure.DhCheckFailed) e.failure();
              assertThat(failure.value()).isEqualTo(value);
              assertThat(failure.check()).isEqualTo(check);
              assertThat(e.getCause()).isInstanceOf(DhCheckException.class);
            });
  }

  private static byte[] flip(byte[] bytes, int index) {
    byte[] copy = bytes.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  private static byte[] paramsOk(Int128 nonce, Int128 serverNonce, byte[] innerData) {
    byte[] encrypted = TEMP_AES.seal(innerData, new byte[16], 0);
    return new ServerDHParamsOk(nonce, serverNonce, Bytes.wrap(encrypted)).toByteArray();
  }

  /** A server_DH_inner_data authenticated with the recorded exchange's temporary key. */
  private static byte[] paramsOk(int g, BigInteger dhPrime, BigInteger gA) {
    byte[] inner =
        new ServerDHInnerDataCtor(
                NONCE,
                SERVER_NONCE,
                g,
                Bytes.wrap(Unsigned.toBytes(dhPrime, 256)),
                Bytes.wrap(Unsigned.toBytes(gA, 256)),
                NOW)
            .toByteArray();
    return paramsOk(NONCE, SERVER_NONCE, inner);
  }

  private static BigInteger recordedGa() {
    return new BigInteger(1, V.hex("g_a"));
  }

  private static void step3(byte[] serverDhParams) {
    RecordedFlow.afterStep2().step3(serverDhParams, V.hex("step3_random"), NOW);
  }

  // --- step 2: resPQ

  @Test
  void rejectsResPqWithAnotherNonce() {
    byte[] resPq = flip(V.hex("step1_response"), 4);

    assertFails(
        () -> RecordedFlow.afterStep1().step2(resPq, V.hex("step2_random")),
        Failure.NonceMismatch.class);
  }

  @Test
  void rejectsServerWhoseFingerprintsAreAllUnknown() {
    var options = ClientHandshake.Options.of(List.of(TestServer.KEY.publicKey()));
    var state = ClientHandshake.step1(options, V.hex("step1_random")).next();

    assertThatThrownBy(() -> state.step2(V.hex("step1_response"), V.hex("step2_random")))
        .isInstanceOfSatisfying(
            HandshakeException.class,
            e -> {
              var offered =
                  ((ResPQCtor)
                          dev.tgkit.tl.mtproto.ResPQ.read(new TlReader(V.hex("step1_response"))))
                      .serverPublicKeyFingerprints();
              assertThat(offered).contains(0xb25898df208d2603L);
              assertThat(e.failure()).isEqualTo(new Failure.UnknownFingerprints(offered));
              assertThat(e.getMessage()).contains("b25898df208d2603");
            });
  }

  @Test
  void picksTheFirstOfferedFingerprintItKnowsAmongSeveral() {
    var resPq = (ResPQCtor) dev.tgkit.tl.mtproto.ResPQ.read(new TlReader(V.hex("step1_response")));
    byte[] withUnknownFirst =
        new ResPQCtor(
                resPq.nonce(),
                resPq.serverNonce(),
                resPq.pq(),
                List.of(0x1234L, 0xb25898df208d2603L))
            .toByteArray();

    byte[] request =
        RecordedFlow.afterStep1().step2(withUnknownFirst, V.hex("step2_random")).request();

    assertThat(request).isEqualTo(V.hex("step2_request"));
  }

  @Test
  void rejectsPqThatIsPrimeTooLongOrEmpty() {
    for (byte[] pq :
        new byte[][] {
          Unsigned.toMinimalBytes(2_147_483_647L),
          new byte[9],
          new byte[0],
          new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1}
        }) {
      byte[] resPq =
          new ResPQCtor(NONCE, SERVER_NONCE, Bytes.wrap(pq), List.of(0xb25898df208d2603L))
              .toByteArray();

      assertFails(
          () -> RecordedFlow.afterStep1().step2(resPq, V.hex("step2_random")),
          Failure.InvalidPq.class);
    }
  }

  // --- step 3: Server_DH_Params

  @Test
  void rejectsServerDhParamsWithAnotherNonce() {
    assertFails(() -> step3(flip(V.hex("step2_response"), 4)), Failure.NonceMismatch.class);
  }

  @Test
  void rejectsServerDhParamsWithAnotherServerNonce() {
    assertFails(() -> step3(flip(V.hex("step2_response"), 20)), Failure.ServerNonceMismatch.class);
  }

  @Test
  void rejectsEncryptedAnswerWhoseHashDoesNotMatch() {
    byte[] response = V.hex("step2_response");

    assertFails(
        () -> step3(flip(response, response.length - 1)), Failure.BadEncryptedDataHash.class);
    assertFails(() -> step3(flip(response, 60)), Failure.BadEncryptedDataHash.class);
  }

  @Test
  void rejectsAnswerWithAuthenticDataButAWrongHashPrefix() {
    byte[] inner =
        new ServerDHInnerDataCtor(
                NONCE,
                SERVER_NONCE,
                3,
                Bytes.wrap(Unsigned.toBytes(DH_PRIME, 256)),
                Bytes.wrap(V.hex("g_a")),
                NOW)
            .toByteArray();
    byte[] plain = new byte[20 + inner.length + TempAes.paddingLength(inner.length)];
    System.arraycopy(inner, 0, plain, 20, inner.length);
    byte[] encrypted = dev.tgkit.crypto.AesIge.encrypt(TEMP_AES.key(), TEMP_AES.iv(), plain);
    byte[] response =
        new ServerDHParamsOk(NONCE, SERVER_NONCE, Bytes.wrap(encrypted)).toByteArray();

    assertFails(() -> step3(response), Failure.BadEncryptedDataHash.class);
  }

  @Test
  void rejectsInnerDataWithAnotherNonceEvenWhenAuthentic() {
    byte[] inner =
        new ServerDHInnerDataCtor(
                Int128.of(new byte[16]),
                SERVER_NONCE,
                3,
                Bytes.wrap(Unsigned.toBytes(DH_PRIME, 256)),
                Bytes.wrap(V.hex("g_a")),
                NOW)
            .toByteArray();

    assertFails(() -> step3(paramsOk(NONCE, SERVER_NONCE, inner)), Failure.NonceMismatch.class);
  }

  @Test
  void acceptsTheRecordedGroupWhenReEncrypted() {
    // Guards the tests below: only the one value they change makes them fail.
    RecordedFlow.afterStep2()
        .step3(paramsOk(3, DH_PRIME, recordedGa()), V.hex("step3_random"), NOW);
  }

  @Test
  void rejectsDhPrimeThatIsNotPrime() {
    // Odd, composite, and 2 mod 3 like Telegram's prime, so g = 3 passes the residue rule.
    BigInteger odd = DH_PRIME.subtract(BigInteger.valueOf(6));
    assertThat(odd.isProbablePrime(40)).isFalse();
    assertThat(odd.mod(BigInteger.valueOf(3))).isEqualTo(BigInteger.TWO);

    assertDhCheckFails(
        () -> step3(paramsOk(3, odd, recordedGa())), "dh_prime and g", Check.PRIME_NOT_PRIME);
  }

  @Test
  void rejectsDhPrimeThatIsPrimeButNotSafe() {
    // The largest prime below Telegram's for which g = 3 still passes the residue rule.
    BigInteger notSafe = DH_PRIME.subtract(BigInteger.valueOf(564));
    assertThat(notSafe.isProbablePrime(40)).isTrue();
    assertThat(notSafe.shiftRight(1).isProbablePrime(40)).isFalse();
    assertThat(notSafe.mod(BigInteger.valueOf(3))).isEqualTo(BigInteger.TWO);

    assertDhCheckFails(
        () -> step3(paramsOk(3, notSafe, recordedGa())), "dh_prime and g", Check.PRIME_NOT_SAFE);
  }

  @Test
  void rejectsDhPrimeOfTheWrongSize() {
    BigInteger small = BigInteger.ONE.shiftLeft(1023).nextProbablePrime();

    assertDhCheckFails(
        () -> step3(paramsOk(3, small, BigInteger.valueOf(5))), "dh_prime and g", Check.PRIME_SIZE);
  }

  @Test
  void rejectsGeneratorThatIsNotAQuadraticResidue() {
    assertDhCheckFails(
        () -> step3(paramsOk(2, DH_PRIME, recordedGa())),
        "dh_prime and g",
        Check.GENERATOR_SUBGROUP);
    assertDhCheckFails(
        () -> step3(paramsOk(8, DH_PRIME, recordedGa())), "dh_prime and g", Check.GENERATOR_RANGE);
  }

  @Test
  void rejectsGaOutOfRange() {
    BigInteger margin = BigInteger.ONE.shiftLeft(2048 - 64);
    assertDhCheckFails(
        () -> step3(paramsOk(3, DH_PRIME, BigInteger.ONE)), "g_a", Check.PUBLIC_VALUE_RANGE);
    assertDhCheckFails(
        () -> step3(paramsOk(3, DH_PRIME, DH_PRIME.subtract(BigInteger.ONE))),
        "g_a",
        Check.PUBLIC_VALUE_RANGE);
    assertDhCheckFails(
        () -> step3(paramsOk(3, DH_PRIME, margin.subtract(BigInteger.ONE))),
        "g_a",
        Check.PUBLIC_VALUE_MARGIN);
    assertDhCheckFails(
        () -> step3(paramsOk(3, DH_PRIME, DH_PRIME.subtract(margin).add(BigInteger.ONE))),
        "g_a",
        Check.PUBLIC_VALUE_MARGIN);
  }

  @Test
  void acceptsGaJustInsideTheMargins() {
    BigInteger margin = BigInteger.ONE.shiftLeft(2048 - 64);
    var state = RecordedFlow.afterStep2();

    state.step3(paramsOk(3, DH_PRIME, margin), V.hex("step3_random"), NOW);
    state.step3(paramsOk(3, DH_PRIME, DH_PRIME.subtract(margin)), V.hex("step3_random"), NOW);
  }

  @Test
  void serverDhParamsFailWithTheRightHashEndsTheExchange() {
    byte[] fail =
        new ServerDHParamsFail(NONCE, SERVER_NONCE, NEW_NONCE.paramsFailHash()).toByteArray();

    assertFails(() -> step3(fail), Failure.DhParamsFail.class);
  }

  @Test
  void serverDhParamsFailWithAWrongHashIsAForgery() {
    byte[] fail =
        new ServerDHParamsFail(NONCE, SERVER_NONCE, Int128.of(new byte[16])).toByteArray();

    assertFails(() -> step3(fail), Failure.NewNonceHashMismatch.class);
  }

  @Test
  void serverDhParamsFailWithAnotherNonceIsRejectedAsSuch() {
    byte[] fail =
        new ServerDHParamsFail(Int128.of(new byte[16]), SERVER_NONCE, NEW_NONCE.paramsFailHash())
            .toByteArray();

    assertFails(() -> step3(fail), Failure.NonceMismatch.class);
  }

  @Test
  void rejectsStep3RandomnessOfTheWrongLength() {
    var state = RecordedFlow.afterStep2();

    assertThatThrownBy(() -> state.step3(V.hex("step2_response"), new byte[256], NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("272");
  }

  // --- step 4: Set_client_DH_params_answer

  @Test
  void rejectsDhGenOkWithAWrongNewNonceHash1() {
    byte[] answer = V.hex("step3_response");

    assertFails(
        () -> RecordedFlow.afterStep3().step4(flip(answer, answer.length - 1)),
        Failure.NewNonceHashMismatch.class);
  }

  @Test
  void rejectsDhGenOkCarryingTheHashOfAnotherAnswer() {
    byte[] okWithRetryHash =
        new DhGenOk(NONCE, SERVER_NONCE, NEW_NONCE.answerHash(2, EXPECTED_KEY.auxHash()))
            .toByteArray();

    assertFails(
        () -> RecordedFlow.afterStep3().step4(okWithRetryHash), Failure.NewNonceHashMismatch.class);
  }

  @Test
  void rejectsDhGenOkWithAnotherServerNonce() {
    assertFails(
        () -> RecordedFlow.afterStep3().step4(flip(V.hex("step3_response"), 25)),
        Failure.ServerNonceMismatch.class);
  }

  @Test
  void dhGenFailWithTheRightHashEndsTheExchange() {
    byte[] fail =
        new DhGenFail(NONCE, SERVER_NONCE, NEW_NONCE.answerHash(3, EXPECTED_KEY.auxHash()))
            .toByteArray();

    assertFails(() -> RecordedFlow.afterStep3().step4(fail), Failure.DhGenFail.class);
  }

  @Test
  void dhGenFailWithAWrongHashIsAForgery() {
    byte[] fail =
        new DhGenFail(NONCE, SERVER_NONCE, NEW_NONCE.answerHash(1, EXPECTED_KEY.auxHash()))
            .toByteArray();

    assertFails(() -> RecordedFlow.afterStep3().step4(fail), Failure.NewNonceHashMismatch.class);
  }

  @Test
  void dhGenRetryWithTheRightHashAsksForAnotherB() {
    byte[] retry =
        new DhGenRetry(NONCE, SERVER_NONCE, NEW_NONCE.answerHash(2, EXPECTED_KEY.auxHash()))
            .toByteArray();

    var outcome = RecordedFlow.afterStep3().step4(retry);

    assertThat(outcome).isInstanceOf(ClientHandshake.Retry.class);
    var next = ((ClientHandshake.Retry) outcome).next();
    assertThat(next.attempt()).isEqualTo(2);
    assertThat(next.timeOffset()).isZero();
    byte[] again = next.step3(V.hex("step3_random")).request();
    assertThat(again).isNotEqualTo(V.hex("step3_request")); // retry_id is now the aux hash
  }

  @Test
  void givesUpAfterTooManyRetries() {
    // The same b each time gives the same key, so the same hash answers every attempt.
    byte[] retry =
        new DhGenRetry(NONCE, SERVER_NONCE, NEW_NONCE.answerHash(2, EXPECTED_KEY.auxHash()))
            .toByteArray();
    ClientHandshake.DhSent state = RecordedFlow.afterStep3();
    for (int i = 0; i < ClientHandshake.MAX_RETRIES; i++) {
      var outcome = (ClientHandshake.Retry) state.step4(retry);
      state = outcome.next().step3(V.hex("step3_random")).next();
    }
    ClientHandshake.DhSent last = state;

    assertFails(() -> last.step4(retry), Failure.TooManyRetries.class);
  }

  @Test
  void rejectsAnAnswerFromAnotherStep() {
    assertFails(
        () -> RecordedFlow.afterStep3().step4(V.hex("step2_response")), Failure.Malformed.class);
    assertFails(() -> step3(V.hex("step3_response")), Failure.Malformed.class);
    assertFails(
        () -> RecordedFlow.afterStep1().step2(V.hex("step2_response"), V.hex("step2_random")),
        Failure.Malformed.class);
  }

  @Test
  void hashesOfTheAnswersDifferSoOneCannotStandForAnother() {
    long aux = EXPECTED_KEY.auxHash();

    assertThat(
            List.of(
                NEW_NONCE.answerHash(1, aux),
                NEW_NONCE.answerHash(2, aux),
                NEW_NONCE.answerHash(3, aux),
                NEW_NONCE.paramsFailHash()))
        .doesNotHaveDuplicates();
    assertThat(Arrays.copyOfRange(V.hex("step3_response"), 36, 52))
        .isEqualTo(NEW_NONCE.answerHash(1, aux).toByteArray());
  }
}
