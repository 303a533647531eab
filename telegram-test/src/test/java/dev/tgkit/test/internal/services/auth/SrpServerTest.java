package dev.tgkit.test.internal.services.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.crypto.Srp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The server's side of SRP against the client's side in telegram-core. */
class SrpServerTest {

  private final SplittableRandom random = new SplittableRandom(42);
  private final SrpServer.Verifier verifier = SrpServer.verifier("correct horse", random);

  private Srp.SrpAnswer answer(SrpServer.Challenge challenge, String password) {
    byte[] a = new byte[256];
    random.nextBytes(a);
    return Srp.answer(password.getBytes(StandardCharsets.UTF_8), verifier.salt1(), verifier.salt2(),
        SrpServer.G, SrpServer.pBytes(), challenge.srpB(), a);
  }

  @Test
  void acceptsTheProofOfThePasswordAndNothingElse() {
    SrpServer.Challenge challenge = SrpServer.challenge(verifier, random);

    Srp.SrpAnswer right = answer(challenge, "correct horse");
    Srp.SrpAnswer wrong = answer(challenge, "correct horsf");

    assertThat(SrpServer.verify(challenge, right.a(), right.m1())).isTrue();
    assertThat(SrpServer.verify(challenge, wrong.a(), wrong.m1())).isFalse();
    byte[] tampered = right.m1().clone();
    tampered[31] ^= 1;
    assertThat(SrpServer.verify(challenge, right.a(), tampered)).isFalse();
    // A proof answers one offer: another B makes it worthless.
    assertThat(SrpServer.verify(SrpServer.challenge(verifier, random), right.a(), right.m1())).isFalse();
  }

  @Test
  void refusesAValuesThatWouldMakeTheSharedSecretGuessable() {
    SrpServer.Challenge challenge = SrpServer.challenge(verifier, random);
    Srp.SrpAnswer right = answer(challenge, "correct horse");
    BigInteger p = SrpServer.P;

    for (BigInteger a : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
        p.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.ONE)}) {
      assertThat(SrpServer.verify(challenge, a.toByteArray(), right.m1())).as("A = %s", a).isFalse();
    }
    assertThat(SrpServer.verify(challenge, new byte[0], right.m1())).isFalse();
    assertThat(SrpServer.verify(challenge, right.a(), new byte[0])).isFalse();
  }

  @Test
  void keepsNoPasswordAndShowsNoSecrets() {
    SrpServer.Challenge challenge = SrpServer.challenge(verifier, random);

    assertThat(verifier.toString()).doesNotContain("correct").isEqualTo("Verifier[hidden]");
    assertThat(challenge.toString()).isEqualTo("Challenge[hidden]");
    assertThat(new BigInteger(1, challenge.srpB())).isNotEqualTo(
        new BigInteger(1, SrpServer.challenge(verifier, random).srpB()));
  }
}
