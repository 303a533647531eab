package dev.tgkit.mtproto.auth;

import dev.tgkit.crypto.RsaPublicKey;
import java.math.BigInteger;
import java.util.List;

/**
 * The exchange recorded against Telegram's test DC ({@code auth_flow_rsa_pad_grammers.txt}):
 * the client's randomness, the server's real answers, and what they must give.
 */
final class RecordedFlow {

  static final AuthVectors V = AuthVectors.load("auth_flow_rsa_pad_grammers.txt");

  /** Telegram's test-DC RSA key, the one the recorded server offered. */
  static final RsaPublicKey TEST_DC_KEY =
      new RsaPublicKey(new BigInteger(1, V.hex("server RSA n")), BigInteger.valueOf(65537));

  static final ClientHandshake.Options OPTIONS = ClientHandshake.Options.of(List.of(TEST_DC_KEY));

  static final int NOW = (int) V.number("step3_now");

  private RecordedFlow() {}

  static ClientHandshake.PqRequested afterStep1() {
    return ClientHandshake.step1(OPTIONS, V.hex("step1_random")).next();
  }

  static ClientHandshake.DhParamsRequested afterStep2() {
    return afterStep1().step2(V.hex("step1_response"), V.hex("step2_random")).next();
  }

  static ClientHandshake.DhSent afterStep3() {
    return afterStep2().step3(V.hex("step2_response"), V.hex("step3_random"), NOW).next();
  }

  static byte[] newNonce() {
    return java.util.Arrays.copyOf(V.hex("step2_random"), 32);
  }
}
