package dev.tgkit.mtproto.auth;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Conversions between numbers and the big-endian byte strings the exchange puts in TL {@code
 * string} fields ("all large numbers are transmitted as strings containing the required sequence of
 * bytes in big endian order", <a href="https://core.telegram.org/mtproto/auth_key">auth_key</a>).
 *
 * <p>{@link BigInteger#toByteArray()} adds a sign byte and drops leading zeros; both would change a
 * 2048-bit value's width, a classic bug, so every conversion here is explicit about width.
 */
final class Unsigned {

  private Unsigned() {}

  /** The non-negative number whose big-endian bytes these are. */
  static BigInteger toInteger(byte[] bigEndian) {
    return new BigInteger(1, bigEndian);
  }

  /**
   * Exactly {@code width} big-endian bytes, left-padded with zeros.
   *
   * @throws IllegalArgumentException if the number is negative or does not fit
   */
  static byte[] toBytes(BigInteger value, int width) {
    if (value.signum() < 0 || value.bitLength() > width * 8) {
      throw new IllegalArgumentException(
          "value of " + value.bitLength() + " bits does not fit in " + width + " bytes");
    }
    byte[] raw = value.toByteArray();
    if (raw.length == width) {
      return raw;
    }
    byte[] out = new byte[width];
    if (raw.length > width) {
      // Only a sign byte can be in excess, given the bit length check above.
      System.arraycopy(raw, raw.length - width, out, 0, width);
    } else {
      System.arraycopy(raw, 0, out, width - raw.length, raw.length);
    }
    return out;
  }

  /** The shortest big-endian bytes of a non-negative {@code long} (no leading zeros). */
  static byte[] toMinimalBytes(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    int len = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 7) / 8);
    byte[] out = new byte[len];
    for (int i = len - 1; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }

  /**
   * The big-endian bytes read as a {@code long}, or -1 when they do not fit in 63 bits (the {@code
   * pq}, {@code p} and {@code q} of the exchange always do).
   */
  static long toLong63(byte[] bigEndian) {
    int start = 0;
    while (start < bigEndian.length && bigEndian[start] == 0) {
      start++;
    }
    byte[] significant = Arrays.copyOfRange(bigEndian, start, bigEndian.length);
    if (significant.length > 8 || (significant.length == 8 && significant[0] < 0)) {
      return -1;
    }
    long v = 0;
    for (byte b : significant) {
      v = (v << 8) | (b & 0xFF);
    }
    return v;
  }
}
