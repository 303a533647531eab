package dev.tgkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.DhCheckException.Check;
import dev.tgkit.testing.Vectors;
import java.math.BigInteger;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DhChecksTest {

  private static final Vectors SAMPLE = Vectors.load("samples_auth_key_official.txt");

  /** The prime every Telegram data centre sends, as in the worked example. */
  private static final BigInteger TELEGRAM_PRIME = new BigInteger(1, SAMPLE.hex("dh_prime"));

  private static final BigInteger MARGIN = BigInteger.ONE.shiftLeft(2048 - 64);

  /** RFC 2409 Oakley group 2: a genuine safe prime, but only 1024 bits. */
  private static final BigInteger OAKLEY_1024 =
      new BigInteger(
          "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
              + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
              + "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
              + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
          16);

  private static void assertFails(ThrowingCallable call, Check check) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DhCheckException.class, e -> assertThat(e.check()).isEqualTo(check));
  }

  @Test
  void acceptsTelegramsPrimeWithTheGeneratorsItIsAResidueFor() {
    for (int g : new int[] {3, 4, 7}) {
      assertThatCode(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, g))
          .doesNotThrowAnyException();
    }
  }

  /**
   * Telegram's prime is 3 mod 8, so 2 is a non-residue and generates the whole group, leaking the
   * lowest bit of every secret exponent. The guidelines demand p mod 8 = 7 for g = 2; the 2013
   * worked example used g = 2 with this prime and does not pass today's check (as in tdesktop and
   * gotd); current servers send g = 3, as the recorded test-DC exchange shows.
   */
  @Test
  void rejectsGenerator2ForTelegramsPrimeAsTheGuidelinesRequire() {
    assertThat(TELEGRAM_PRIME.mod(BigInteger.valueOf(8)).intValue()).isEqualTo(3);
    assertFails(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, 2), Check.GENERATOR_SUBGROUP);
    assertFails(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, 5), Check.GENERATOR_SUBGROUP);
    assertFails(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, 6), Check.GENERATOR_SUBGROUP);
  }

  @Test
  void agreesWithEulersCriterionForEveryGenerator() {
    BigInteger half = TELEGRAM_PRIME.shiftRight(1);
    for (int g = 2; g <= 7; g++) {
      boolean residue = BigInteger.valueOf(g).modPow(half, TELEGRAM_PRIME).equals(BigInteger.ONE);
      int generator = g;
      if (residue) {
        assertThatCode(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, generator))
            .as("g = %d", g)
            .doesNotThrowAnyException();
      } else {
        assertFails(
            () -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, generator),
            Check.GENERATOR_SUBGROUP);
      }
    }
  }

  @Test
  void rejectsGeneratorsOutsideTwoToSeven() {
    assertFails(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, 1), Check.GENERATOR_RANGE);
    assertFails(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, 8), Check.GENERATOR_RANGE);
    assertFails(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, -3), Check.GENERATOR_RANGE);
  }

  @Test
  void rejectsANumberThatIsNotPrime() {
    BigInteger composite = TELEGRAM_PRIME.add(BigInteger.TWO);
    assertThat(composite.isProbablePrime(50)).isFalse();
    assertFails(() -> DhChecks.checkPrimeAndGenerator(composite, 4), Check.PRIME_NOT_PRIME);
  }

  @Test
  void rejectsAPrimeThatIsNotSafe() {
    BigInteger prime = BigInteger.probablePrime(2048, new Random(12));
    assertThat(prime.shiftRight(1).isProbablePrime(50)).isFalse();
    assertFails(() -> DhChecks.checkPrimeAndGenerator(prime, 4), Check.PRIME_NOT_SAFE);
  }

  @Test
  void rejectsA1024BitSafePrime() {
    assertThat(OAKLEY_1024.isProbablePrime(50)).isTrue();
    assertThat(OAKLEY_1024.shiftRight(1).isProbablePrime(50)).isTrue();
    assertFails(() -> DhChecks.checkPrimeAndGenerator(OAKLEY_1024, 2), Check.PRIME_SIZE);
  }

  @Test
  void rejectsPrimesOfOtherSizesAndSigns() {
    assertFails(
        () -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME.shiftLeft(1).add(BigInteger.ONE), 3),
        Check.PRIME_SIZE);
    assertFails(
        () -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME.negate(), 3), Check.PRIME_SIZE);
    assertFails(() -> DhChecks.checkPrimeAndGenerator(BigInteger.ZERO, 3), Check.PRIME_SIZE);
  }

  @Test
  void stillChecksTheGeneratorOnceThePrimeIsRemembered() {
    DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, 3);
    assertFails(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, 2), Check.GENERATOR_SUBGROUP);
    DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, 3);
  }

  @Test
  void acceptsThePublicValuesOfBothRecordedExchanges() {
    Vectors flow = Vectors.load("auth_flow_rsa_pad_grammers.txt");
    for (byte[] value :
        new byte[][] {SAMPLE.hex("g_a"), SAMPLE.hex("g_b"), flow.hex("g_a"), flow.hex("g_b")}) {
      assertThatCode(() -> DhChecks.checkPublicValue(new BigInteger(1, value), TELEGRAM_PRIME))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void rejectsOneAndPMinusOne() {
    assertFails(
        () -> DhChecks.checkPublicValue(BigInteger.ONE, TELEGRAM_PRIME), Check.PUBLIC_VALUE_RANGE);
    assertFails(
        () -> DhChecks.checkPublicValue(TELEGRAM_PRIME.subtract(BigInteger.ONE), TELEGRAM_PRIME),
        Check.PUBLIC_VALUE_RANGE);
    assertFails(
        () -> DhChecks.checkPublicValue(BigInteger.ZERO, TELEGRAM_PRIME), Check.PUBLIC_VALUE_RANGE);
    assertFails(
        () -> DhChecks.checkPublicValue(TELEGRAM_PRIME, TELEGRAM_PRIME), Check.PUBLIC_VALUE_RANGE);
  }

  @Test
  void enforcesTheSafetyMarginAtBothEnds() {
    assertFails(
        () -> DhChecks.checkPublicValue(MARGIN.subtract(BigInteger.ONE), TELEGRAM_PRIME),
        Check.PUBLIC_VALUE_MARGIN);
    assertThatCode(() -> DhChecks.checkPublicValue(MARGIN, TELEGRAM_PRIME))
        .doesNotThrowAnyException();
    BigInteger top = TELEGRAM_PRIME.subtract(MARGIN);
    assertThatCode(() -> DhChecks.checkPublicValue(top, TELEGRAM_PRIME)).doesNotThrowAnyException();
    assertFails(
        () -> DhChecks.checkPublicValue(top.add(BigInteger.ONE), TELEGRAM_PRIME),
        Check.PUBLIC_VALUE_MARGIN);
  }
}
