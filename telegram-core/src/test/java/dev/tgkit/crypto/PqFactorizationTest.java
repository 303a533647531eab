package dev.tgkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.testing.Vectors;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PqFactorizationTest {

  @Test
  void factorsThePqOfTheWorkedExample() {
    Vectors v = Vectors.load("samples_auth_key_official.txt");
    PqFactorization.Factors f =
        PqFactorization.factor(new BigInteger(1, v.hex("pq")).longValueExact());
    assertThat(f.p()).isEqualTo(0x494C553BL).isEqualTo(new BigInteger(1, v.hex("p")).longValue());
    assertThat(f.q()).isEqualTo(0x53911073L).isEqualTo(new BigInteger(1, v.hex("q")).longValue());
  }

  @Test
  void factorsMtcutesSecondVector() {
    PqFactorization.Factors f = PqFactorization.factor(0x14fcab4dfc861f45L);
    assertThat(f).isEqualTo(new PqFactorization.Factors(0x494c5c99L, 0x494c778dL));
  }

  @Test
  void factorsThePqTheTestDcSentInTheRecordedExchange() {
    Vectors v = Vectors.load("auth_flow_rsa_pad_grammers.txt");
    byte[] resPq = v.hex("step1_response");
    // resPQ: constructor(4) nonce(16) server_nonce(16) pq:bytes = 08 || 8 bytes || 3 padding
    assertThat(resPq[36]).isEqualTo((byte) 8);
    long pq = new BigInteger(1, Arrays.copyOfRange(resPq, 37, 45)).longValueExact();

    PqFactorization.Factors f = PqFactorization.factor(pq);

    assertThat(f.p()).isEqualTo(new BigInteger(1, v.hex("p")).longValue());
    assertThat(f.q()).isEqualTo(new BigInteger(1, v.hex("q")).longValue());
  }

  @Test
  void findsTheSameFactorsWhateverTheRandomWalk() {
    for (int seed = 0; seed < 20; seed++) {
      assertThat(PqFactorization.factor(0x17ED48941A08F981L, new SplittableRandom(seed)))
          .isEqualTo(new PqFactorization.Factors(0x494C553BL, 0x53911073L));
    }
  }

  @Test
  void factorsProductsOfTwoPrimesNearTheLimit() {
    long p = BigInteger.valueOf(3_037_000_000L).nextProbablePrime().longValueExact();
    long q = BigInteger.valueOf(p).nextProbablePrime().longValueExact();
    assertThat(PqFactorization.factor(Math.multiplyExact(p, q)))
        .isEqualTo(new PqFactorization.Factors(p, q));
    long small = 2;
    long big = 4_611_686_018_427_387_847L; // largest prime below 2^62
    assertThat(BigInteger.valueOf(big).isProbablePrime(100)).isTrue();
    assertThat(PqFactorization.factor(small * big))
        .isEqualTo(new PqFactorization.Factors(small, big));
  }

  @Test
  void factorsRandomSemiprimesOfTelegramsSize() {
    Random random = new Random(17);
    for (int i = 0; i < 50; i++) {
      long p = BigInteger.probablePrime(31, random).longValueExact();
      long q = BigInteger.probablePrime(31, random).longValueExact();
      if (p == q) {
        continue;
      }
      assertThat(PqFactorization.factor(p * q))
          .isEqualTo(new PqFactorization.Factors(Math.min(p, q), Math.max(p, q)));
    }
  }

  @Test
  void rejectsAPrimeInsteadOfLoopingForever() {
    assertThatThrownBy(() -> PqFactorization.factor(4_611_686_018_427_387_847L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is prime");
  }

  @Test
  void rejectsProductsOfMoreThanTwoPrimesAndSquares() {
    assertThatThrownBy(() -> PqFactorization.factor(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a product of two distinct primes");
    long p = 2_147_483_647L;
    assertThatThrownBy(() -> PqFactorization.factor(p * p))
        .hasMessageContaining("not a product of two distinct primes");
    assertThatThrownBy(() -> PqFactorization.factor(1_000_003L * 1_000_033L * 1_000_037L))
        .hasMessageContaining("not a product of two distinct primes");
  }

  @Test
  void rejectsValuesTooSmallToHaveTwoFactors() {
    for (long pq : new long[] {Long.MIN_VALUE, -15, 0, 1, 4, 5}) {
      assertThatThrownBy(() -> PqFactorization.factor(pq))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(PqFactorization.factor(6)).isEqualTo(new PqFactorization.Factors(2, 3));
  }

  @Test
  void answersRandomInputWithFactorsOrAClearRefusal() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 2000; i++) {
      long pq = random.nextLong(6, Long.MAX_VALUE);
      try {
        PqFactorization.Factors f = PqFactorization.factor(pq);
        assertThat(f.p() * f.q()).isEqualTo(pq);
        assertThat(BigInteger.valueOf(f.p()).isProbablePrime(64)).isTrue();
        assertThat(BigInteger.valueOf(f.q()).isProbablePrime(64)).isTrue();
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).contains(Long.toString(pq));
      }
    }
  }

  @Test
  void agreesWithBigIntegerOnPrimality() {
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 5_000; i++) {
      long n = random.nextLong(1, Long.MAX_VALUE);
      if (i % 2 == 0) {
        n =
            BigInteger.valueOf(n)
                .nextProbablePrime()
                .min(BigInteger.valueOf(Long.MAX_VALUE))
                .longValue();
      }
      assertThat(PqFactorization.isPrime(n))
          .as("%d", n)
          .isEqualTo(BigInteger.valueOf(n).isProbablePrime(100));
    }
  }
}
