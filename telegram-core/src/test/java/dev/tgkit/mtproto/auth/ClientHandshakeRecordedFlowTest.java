package dev.tgkit.mtproto.auth;

import static dev.tgkit.mtproto.auth.RecordedFlow.NOW;
import static dev.tgkit.mtproto.auth.RecordedFlow.OPTIONS;
import static dev.tgkit.mtproto.auth.RecordedFlow.V;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.RsaPublicKey;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Replays the exchange recorded against Telegram's test DC: with the recorded randomness the client
 * must send exactly the recorded requests and accept the server's real answers.
 */
class ClientHandshakeRecordedFlowTest {

  @Test
  void theShippedTestDcKeyIsTheOneTheRecordedServerUsed() {
    var testDcKey =
        RsaPublicKey.telegramKeys().stream()
            .filter(k -> k.fingerprint() == 0xb25898df208d2603L)
            .findFirst()
            .orElseThrow();

    assertThat(testDcKey.modulus()).isEqualTo(new BigInteger(1, V.hex("server RSA n")));
    assertThat(testDcKey.exponent()).isEqualTo(BigInteger.valueOf(65537));
  }

  @Test
  void step1SendsTheRecordedReqPqMulti() {
    var step = ClientHandshake.step1(OPTIONS, V.hex("step1_random"));

    assertThat(step.request()).isEqualTo(V.hex("step1_request"));
  }

  @Test
  void step2SendsTheRecordedReqDhParamsByteForByte() {
    var step = RecordedFlow.afterStep1().step2(V.hex("step1_response"), V.hex("step2_random"));

    assertThat(step.request()).isEqualTo(V.hex("step2_request"));
  }

  @Test
  void step3SendsTheRecordedSetClientDhParamsByteForByte() {
    var step = RecordedFlow.afterStep2().step3(V.hex("step2_response"), V.hex("step3_random"), NOW);

    assertThat(step.request()).isEqualTo(V.hex("step3_request"));
  }

  @Test
  void step4AcceptsDhGenOkAndYieldsTheRecordedKeyAndSalt() {
    ClientHandshake.Outcome outcome = RecordedFlow.afterStep3().step4(V.hex("step3_response"));

    assertThat(outcome).isInstanceOf(ClientHandshake.Done.class);
    ClientHandshake.Done done = (ClientHandshake.Done) outcome;
    assertThat(done.authKey()).isEqualTo(AuthKey.of(V.hex("expected_auth_key")));
    assertThat(done.authKey().toByteArray()).isEqualTo(V.hex("expected_auth_key"));
    assertThat(done.authKey().id()).isEqualTo(littleEndianLong(V.hex("auth_key_id")));
    assertThat(done.firstSalt()).isEqualTo(firstNumberOf(V.text("expected_first_salt")));
    assertThat(done.timeOffset()).isZero();
  }

  @Test
  void firstSaltIsTheRecordedWireBytesReadLittleEndian() {
    var done = (ClientHandshake.Done) RecordedFlow.afterStep3().step4(V.hex("step3_response"));

    byte[] wire =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(done.firstSalt()).array();
    assertThat(wire).containsExactly(0xdc, 0x66, 0xed, 0xb2, 0x3b, 0xff, 0xe2, 0x3d);
  }

  @Test
  void timeOffsetIsServerTimeMinusTheClientsClock() {
    int clientClockBehindBy = 37;
    var afterStep3 =
        RecordedFlow.afterStep2()
            .step3(V.hex("step2_response"), V.hex("step3_random"), NOW - clientClockBehindBy);

    assertThat(afterStep3.request()).isEqualTo(V.hex("step3_request"));
    var done = (ClientHandshake.Done) afterStep3.next().step4(V.hex("step3_response"));
    assertThat(done.timeOffset()).isEqualTo(clientClockBehindBy);
  }

  @Test
  void stepsArePureAndCanBeRepeated() {
    var afterStep2 = RecordedFlow.afterStep2();

    byte[] first = afterStep2.step3(V.hex("step2_response"), V.hex("step3_random"), NOW).request();
    byte[] again = afterStep2.step3(V.hex("step2_response"), V.hex("step3_random"), NOW).request();

    assertThat(again).isEqualTo(first);
  }

  @Test
  void statesAndResultsDoNotPrintSecrets() {
    var afterStep3 = RecordedFlow.afterStep3();
    var done = (ClientHandshake.Done) afterStep3.step4(V.hex("step3_response"));
    String newNonceHex = java.util.HexFormat.of().formatHex(RecordedFlow.newNonce());
    String keyHex = V.text("expected_auth_key");

    for (Object o : new Object[] {afterStep3, done, RecordedFlow.afterStep2()}) {
      assertThat(o.toString())
          .doesNotContain(keyHex.substring(0, 16))
          .doesNotContain(newNonceHex.substring(0, 16));
    }
  }

  /** The number that starts a value like {@code "4459…508 (wire bytes dc66…)"}. */
  private static long firstNumberOf(String value) {
    return Long.parseLong(value.trim().split("\\s+")[0]);
  }

  static long littleEndianLong(byte[] wire) {
    return ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
