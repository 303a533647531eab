package dev.tgkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaPrivateKeyTest {

  private static RsaPrivateKey key;

  @BeforeAll
  static void generate() {
    key = RsaPrivateKey.generate(new Random(1));
  }

  @Test
  void generatesA2048BitModulusWithATopByteOfAtLeastF0() {
    BigInteger n = key.publicKey().modulus();
    assertThat(n.bitLength()).isEqualTo(2048);
    assertThat(n.shiftRight(2040).intValue()).isGreaterThanOrEqualTo(0xF0);
    assertThat(key.publicKey().exponent()).isEqualTo(BigInteger.valueOf(65537));
  }

  @Test
  void generatesTheSameKeyFromTheSameSeed() {
    assertThat(RsaPrivateKey.generate(new Random(1)).publicKey()).isEqualTo(key.publicKey());
  }

  @Test
  void rawDecryptInvertsRawEncryptIncludingResultsWithLeadingZeroBytes() {
    Random random = new Random(8);
    int leadingZero = 0;
    for (int i = 0; i < 2000 && leadingZero == 0; i++) {
      byte[] block = new byte[256];
      random.nextBytes(block);
      block[0] &= 0x7f; // below any 2048-bit modulus
      byte[] encrypted = key.publicKey().rawEncrypt(block);
      assertThat(encrypted).hasSize(256);
      if (encrypted[0] == 0) {
        leadingZero++;
      }
      assertThat(key.rawDecrypt(encrypted)).isEqualTo(block);
    }
    assertThat(leadingZero).as("a ciphertext whose top byte is zero came up").isPositive();
  }

  @Test
  void decryptsToAFixedWidthBlockWhenThePlaintextIsSmall() {
    byte[] small = {0, 0, 0, 7};
    byte[] decrypted = key.rawDecrypt(key.publicKey().rawEncrypt(small));
    assertThat(decrypted).hasSize(256);
    assertThat(Arrays.copyOf(decrypted, 255)).containsOnly(0);
    assertThat(decrypted[255]).isEqualTo((byte) 7);
  }

  @Test
  void neverShowsPrivateValuesInToString() {
    assertThat(key.toString())
        .isEqualTo(
            "RsaPrivateKey[fingerprint="
                + String.format("%016x", key.publicKey().fingerprint())
                + "]");
  }

  @Test
  void rejectsInvalidPrimes() {
    BigInteger p = BigInteger.probablePrime(1024, new Random(3));
    assertThatThrownBy(() -> RsaPrivateKey.fromPrimes(p, p, BigInteger.valueOf(65537)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the two RSA primes must differ");
    assertThatThrownBy(
            () ->
                RsaPrivateKey.fromPrimes(
                    p,
                    p.add(BigInteger.TWO.pow(10)).add(BigInteger.ONE),
                    BigInteger.valueOf(65537)))
        .hasMessageContaining("must be prime");
  }

  @Test
  void rejectsBlocksOfTheWrongSizeOrAboveTheModulus() {
    assertThatThrownBy(() -> key.rawDecrypt(new byte[255]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an RSA block is 256 bytes, got 255");
    byte[] ff = new byte[256];
    Arrays.fill(ff, (byte) 0xff);
    assertThatThrownBy(() -> key.rawDecrypt(ff))
        .hasMessage("the RSA block is not below the modulus");
  }
}
