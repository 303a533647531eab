package dev.tgkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class UnsignedTest {

  @Test
  void padsAValueWhoseTopByteIsZeroToTheFullWidth() {
    BigInteger v = BigInteger.ONE.shiftLeft(2038).add(BigInteger.valueOf(5)); // 255 bytes
    assertThat(v.toByteArray()).hasSize(255);
    byte[] fixed = Unsigned.toBytes(v, 256);
    assertThat(fixed).hasSize(256);
    assertThat(fixed[0]).isZero();
    assertThat(fixed[1]).isEqualTo((byte) 0x40);
    assertThat(fixed[255]).isEqualTo((byte) 5);
    assertThat(Unsigned.toBigInteger(fixed)).isEqualTo(v);
  }

  @Test
  void dropsTheSignByteOfAValueWithItsTopBitSet() {
    BigInteger v = BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.ONE); // 0xff..ff
    assertThat(v.toByteArray()).hasSize(257);
    byte[] fixed = Unsigned.toBytes(v, 256);
    assertThat(fixed).hasSize(256).containsOnly((byte) 0xff);
  }

  @Test
  void writesZeroAsAllZeros() {
    assertThat(Unsigned.toBytes(BigInteger.ZERO, 4)).containsExactly(0, 0, 0, 0);
    assertThat(Unsigned.magnitude(BigInteger.ZERO)).isEmpty();
    assertThat(Unsigned.magnitude(BigInteger.valueOf(65537))).containsExactly(1, 0, 1);
  }

  @Test
  void refusesValuesThatDoNotFitOrAreNegative() {
    assertThatThrownBy(() -> Unsigned.toBytes(BigInteger.ONE.shiftLeft(2048), 256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2049 bits does not fit 256 bytes");
    assertThatThrownBy(() -> Unsigned.toBytes(BigInteger.valueOf(-1), 256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-negative");
  }
}
