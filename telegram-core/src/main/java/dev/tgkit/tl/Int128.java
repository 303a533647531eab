package dev.tgkit.tl;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * TL's {@code int128}: 16 bytes, kept in wire order, with value equality.
 *
 * <p>MTProto uses it for nonces during auth-key exchange, which are compared byte by byte and
 * fed to hashes in wire order, so it is a byte string rather than a number.
 */
public final class Int128 {

  /** Size on the wire, in bytes. */
  public static final int SIZE = 16;

  private final byte[] data;

  private Int128(byte[] data) {
    this.data = data;
  }

  /** A copy of exactly {@value #SIZE} bytes in wire order. */
  public static Int128 of(byte[] wire) {
    if (wire.length != SIZE) {
      throw new IllegalArgumentException(
          "int128 needs exactly " + SIZE + " bytes, got " + wire.length);
    }
    return new Int128(wire.clone());
  }

  /** {@value #SIZE} bytes of {@code data} from {@code offset}. */
  public static Int128 of(byte[] data, int offset) {
    return new Int128(Arrays.copyOfRange(data, offset, offset + SIZE));
  }

  /** Parses {@value #SIZE} bytes given as hexadecimal in wire order. */
  public static Int128 fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** {@value #SIZE} bytes drawn from {@code random}. */
  public static Int128 random(RandomGenerator random) {
    byte[] b = new byte[SIZE];
    random.nextBytes(b);
    return new Int128(b);
  }

  /** A copy of the wire bytes. */
  public byte[] toByteArray() {
    return data.clone();
  }

  /** Copies the wire bytes into {@code dest} at {@code offset}. */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(data, 0, dest, offset, SIZE);
  }

  public String hex() {
    return HexFormat.of().formatHex(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Int128 other && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "int128:" + hex();
  }
}
