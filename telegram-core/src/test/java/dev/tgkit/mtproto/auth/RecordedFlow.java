package dev.tgkit.mtproto.auth;

import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.testing.Vectors;

/**
 * The exchange recorded against Telegram's test DC ({@code auth_flow_rsa_pad_grammers.txt}): the
 * client's randomness, the server's real answers, and what they must give.
 */
final class RecordedFlow {

  static final Vectors V = Vectors.load("auth_flow_rsa_pad_grammers.txt");

  /** Telegram's keys as tgkit ships them: the recorded server offered the test-DC one. */
  static final ClientHandshake.Options OPTIONS =
      ClientHandshake.Options.of(RsaPublicKey.telegramKeys());

  static final int NOW = (int) Long.parseLong(V.text("step3_now"));

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
