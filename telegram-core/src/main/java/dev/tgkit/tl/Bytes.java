package dev.tgkit.tl;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality: TL's {@code bytes}.
 *
 * <p>Records holding {@code byte[]} would compare by identity; generated records hold this
 * instead so two equal messages are {@code equals}. {@link #toString()} shows the length and at
 * most the first 8 bytes, so large payloads do not flood logs; fields that carry secrets are
 * redacted by the records that hold them.
 */
public final class Bytes implements Comparable<Bytes> {

  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** A copy of {@code data}. */
  public static Bytes of(byte... data) {
    return data.length == 0 ? EMPTY : new Bytes(data.clone());
  }

  /** A copy of {@code length} bytes of {@code data} from {@code offset}. */
  public static Bytes of(byte[] data, int offset, int length) {
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length));
  }

  /**
   * Takes {@code data} without copying. The caller hands over ownership and must not change the
   * array afterwards; used on hot paths where the array was just made.
   */
  public static Bytes wrap(byte[] data) {
    return data.length == 0 ? EMPTY : new Bytes(data);
  }

  /** Parses hexadecimal digits (either case, no separators). */
  public static Bytes fromHex(String hex) {
    return wrap(HEX.parseHex(hex));
  }

  public int length() {
    return data.length;
  }

  public boolean isEmpty() {
    return data.length == 0;
  }

  public byte get(int index) {
    return data[index];
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return data.clone();
  }

  /** Copies the bytes into {@code dest} at {@code offset}. */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(data, 0, dest, offset, data.length);
  }

  /** Lower-case hexadecimal of all bytes. */
  public String hex() {
    return HEX.formatHex(data);
  }

  /** Package-private view for the writer, which only reads it. */
  byte[] array() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(data, other.data);
  }

  @Override
  public String toString() {
    if (data.length <= 8) {
      return "bytes[" + data.length + "]" + HEX.formatHex(data);
    }
    return "bytes[" + data.length + "]" + HEX.formatHex(data, 0, 8) + "…";
  }
}
