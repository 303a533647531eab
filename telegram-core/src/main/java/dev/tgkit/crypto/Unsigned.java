package dev.tgkit.crypto;

import java.math.BigInteger;

/**
 * Conversions between non-negative {@link BigInteger}s and fixed-width big-endian byte strings, the
 * form in which MTProto sends every 2048-bit number ({@code dh_prime}, {@code g_a}, RSA blocks,
 * SRP's {@code A}). {@link BigInteger#toByteArray()} is minimal two's complement: it drops leading
 * zero bytes and may add a sign byte, so using it directly yields 255- or 257-byte values about
 * once in 256 runs. Everything here pads or strips to the exact width.
 */
final class Unsigned {

  private Unsigned() {}

  /** {@code bytes} read as an unsigned big-endian integer. */
  static BigInteger toBigInteger(byte[] bytes) {
    return new BigInteger(1, bytes);
  }

  /**
   * {@code value} as exactly {@code width} big-endian bytes, left-padded with zeros.
   *
   * @throws IllegalArgumentException if {@code value} is negative or needs more than {@code width}
   *     bytes
   */
  static byte[] toBytes(BigInteger value, int width) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("expected a non-negative number");
    }
    if (value.bitLength() > width * 8) {
      throw new IllegalArgumentException(
          "number of " + value.bitLength() + " bits does not fit " + width + " bytes");
    }
    byte[] minimal = value.toByteArray();
    byte[] out = new byte[width];
    // minimal may carry one leading 0x00 sign byte that the width check above already excluded.
    int copy = Math.min(minimal.length, width);
    System.arraycopy(minimal, minimal.length - copy, out, width - copy, copy);
    return out;
  }

  /** {@code value} as its minimal unsigned big-endian bytes (no sign byte; zero is empty). */
  static byte[] magnitude(BigInteger value) {
    return toBytes(value, (value.bitLength() + 7) / 8);
  }
}
