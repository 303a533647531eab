package dev.tgkit.tl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.zip.DataFormatException;

/**
 * Reads TL values from a byte array, following <a
 * href="https://core.telegram.org/mtproto/serialize">the serialization rules</a>: little-endian
 * 32/64-bit integers and doubles, byte strings with a 1-byte (&lt; 254) or 4-byte (0xFE + 24-bit)
 * length, padded to a multiple of 4.
 *
 * <pre>
 *   short bytes:  +-----+----------------+---------+
 *                 | len |  len bytes     | pad 0-3 |   len &lt; 254, total % 4 == 0
 *                 +-----+----------------+---------+
 *   long bytes:   +------+-----------+----------------+---------+
 *                 | 0xFE | len (LE24)|  len bytes     | pad 0-3 |
 *                 +------+-----------+----------------+---------+
 * </pre>
 *
 * <p>Every length is checked against what remains before anything is allocated, so hostile
 * input fails with a {@link TlDecodeException} naming the offset, never with a huge
 * allocation. A {@code gzip_packed} wrapper is unpacked wherever a boxed object or vector is
 * read, with a bound on the inflated size.
 */
public final class TlReader {

  /** Constructor id of the boxed {@code Vector t}. */
  public static final int VECTOR = 0x1cb5c415;

  /** Constructor id of {@code boolTrue}. */
  public static final int BOOL_TRUE = 0x997275b5;

  /** Constructor id of {@code boolFalse}. */
  public static final int BOOL_FALSE = 0xbc799737;

  /**
   * Largest inflated {@code gzip_packed} payload accepted. Telegram's largest answers (file
   * parts of 1 MiB, long histories) are far below it.
   */
  public static final int MAX_INFLATED_SIZE = 16 * 1024 * 1024;

  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Deepest nesting of objects inside objects that readers accept. Types such as {@code RichText}
   * or {@code PageBlock} contain themselves; without a bound, a few kilobytes of hostile input
   * nested a hundred thousand levels deep would overflow the stack. Real values stay far below.
   */
  public static final int MAX_DEPTH = 128;

  private final byte[] buf;
  private final int start;
  private final int limit;
  private int pos;
  private int depth;

  /** Reads all of {@code buf}. The array is not copied and must not change while read. */
  public TlReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  /** Reads {@code length} bytes of {@code buf} from {@code offset}. */
  public TlReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", +" + length + ") outside array of " + buf.length);
    }
    this.buf = buf;
    this.start = offset;
    this.pos = offset;
    this.limit = offset + length;
  }

  /** Bytes read so far, from the start of this reader's range. */
  public int position() {
    return pos - start;
  }

  /** Bytes left to read. */
  public int remaining() {
    return limit - pos;
  }

  public boolean hasRemaining() {
    return pos < limit;
  }

  private void need(int n, String what) {
    if (n < 0 || n > limit - pos) {
      throw new TlDecodeException(
          "truncated input reading " + what + ": need " + n + " bytes, " + (limit - pos) + " left",
          position());
    }
  }

  public int readInt() {
    need(4, "int");
    int v = (int) INT.get(buf, pos);
    pos += 4;
    return v;
  }

  /** Returns the next int without consuming it. */
  public int peekInt() {
    need(4, "int");
    return (int) INT.get(buf, pos);
  }

  public long readLong() {
    need(8, "long");
    long v = (long) LONG.get(buf, pos);
    pos += 8;
    return v;
  }

  public double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  /** Reads a boxed {@code Bool}. */
  public boolean readBool() {
    int at = position();
    int id = readInt();
    return switch (id) {
      case BOOL_TRUE -> true;
      case BOOL_FALSE -> false;
      case GzipPacked.CONSTRUCTOR_ID -> inflateNested(at).readBool();
      default -> throw new UnknownConstructorException(id, "Bool", at);
    };
  }

  public Int128 readInt128() {
    need(Int128.SIZE, "int128");
    Int128 v = Int128.of(buf, pos);
    pos += Int128.SIZE;
    return v;
  }

  public Int256 readInt256() {
    need(Int256.SIZE, "int256");
    Int256 v = Int256.of(buf, pos);
    pos += Int256.SIZE;
    return v;
  }

  /** Reads exactly {@code n} raw bytes (no length prefix, no padding). */
  public byte[] readRaw(int n) {
    need(n, "raw bytes");
    byte[] v = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return v;
  }

  /** Skips {@code n} bytes. */
  public void skip(int n) {
    need(n, "skipped bytes");
    pos += n;
  }

  /** Reads TL {@code bytes} into a new array. */
  public byte[] readByteArray() {
    int at = position();
    need(1, "bytes length");
    int len = buf[pos] & 0xFF;
    int header;
    if (len == 254) {
      need(4, "long bytes length");
      len = (buf[pos + 1] & 0xFF) | (buf[pos + 2] & 0xFF) << 8 | (buf[pos + 3] & 0xFF) << 16;
      header = 4;
    } else if (len == 255) {
      throw new TlDecodeException("invalid bytes length prefix 0xff", at);
    } else {
      header = 1;
    }
    int padded = (header + len + 3) & ~3;
    if (padded > limit - pos) {
      throw new TlDecodeException(
          "bytes of length " + len + " exceed the " + (limit - pos) + " bytes left", at);
    }
    byte[] v = Arrays.copyOfRange(buf, pos + header, pos + header + len);
    pos += padded;
    return v;
  }

  /** Reads TL {@code bytes}. */
  public Bytes readBytes() {
    return Bytes.wrap(readByteArray());
  }

  /** Reads TL {@code string}: {@code bytes} decoded as UTF-8 (malformed input is replaced). */
  public String readString() {
    return new String(readByteArray(), StandardCharsets.UTF_8);
  }

  /**
   * Reads a boxed {@code Vector<T>}: the vector constructor id, a count, then the elements, each
   * read by {@code element}. A {@code gzip_packed} wrapper is unpacked.
   */
  public <T> List<T> readVector(Function<TlReader, T> element) {
    return openVector("Vector").readBareVector(element);
  }

  /** Reads a bare {@code vector<T>}: a count, then the elements. */
  public <T> List<T> readBareVector(Function<TlReader, T> element) {
    int count = readVectorCount();
    if (count == 0) {
      return List.of();
    }
    List<T> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(element.apply(this));
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * Reads the constructor id that starts a boxed {@code Vector}, and returns the reader to read
   * its count and elements from: this reader, or a reader over the inflated bytes when the vector
   * came wrapped in {@code gzip_packed}. Generated {@code readVector} methods loop over it.
   *
   * @param type what was expected, for the exception, e.g. {@code Vector<User>}
   * @throws UnknownConstructorException if the id is neither {@code vector} nor {@code
   *     gzip_packed}
   */
  public TlReader openVector(String type) {
    int at = position();
    int id = readInt();
    if (id == VECTOR) {
      return this;
    }
    if (id == GzipPacked.CONSTRUCTOR_ID) {
      return inflateNested(at).openVector(type);
    }
    throw new UnknownConstructorException(id, type, at);
  }

  /**
   * Reads the element count of a vector, rejecting one the remaining bytes cannot hold.
   *
   * <p>Every element takes at least 4 bytes, so a count beyond {@code remaining() / 4} is a lie;
   * it is rejected before anything is sized by it, so a hostile count of 2<sup>31</sup>-1 costs
   * nothing.
   */
  public int readVectorCount() {
    int at = position();
    int count = readInt();
    if (count < 0 || count > remaining() / 4) {
      throw new TlDecodeException(
          "vector count " + count + " impossible with " + remaining() + " bytes left", at);
    }
    return count;
  }

  /** Reads a boxed {@code Vector<int>}. */
  public List<Integer> readIntVector() {
    TlReader body = openVector("Vector<int>");
    Integer[] items = new Integer[body.readVectorCount()];
    for (int i = 0; i < items.length; i++) {
      items[i] = body.readInt();
    }
    return List.of(items);
  }

  /** Reads a boxed {@code Vector<long>}. */
  public List<Long> readLongVector() {
    TlReader body = openVector("Vector<long>");
    Long[] items = new Long[body.readVectorCount()];
    for (int i = 0; i < items.length; i++) {
      items[i] = body.readLong();
    }
    return List.of(items);
  }

  /** Reads a boxed {@code Vector<double>}. */
  public List<Double> readDoubleVector() {
    TlReader body = openVector("Vector<double>");
    Double[] items = new Double[body.readVectorCount()];
    for (int i = 0; i < items.length; i++) {
      items[i] = body.readDouble();
    }
    return List.of(items);
  }

  /** Reads a boxed {@code Vector<Bool>}. */
  public List<Boolean> readBoolVector() {
    TlReader body = openVector("Vector<Bool>");
    Boolean[] items = new Boolean[body.readVectorCount()];
    for (int i = 0; i < items.length; i++) {
      items[i] = body.readBool();
    }
    return List.of(items);
  }

  /** Reads a boxed {@code Vector<string>}. */
  public List<String> readStringVector() {
    TlReader body = openVector("Vector<string>");
    String[] items = new String[body.readVectorCount()];
    for (int i = 0; i < items.length; i++) {
      items[i] = body.readString();
    }
    return List.of(items);
  }

  /** Reads a boxed {@code Vector<bytes>}. */
  public List<Bytes> readBytesVector() {
    TlReader body = openVector("Vector<bytes>");
    Bytes[] items = new Bytes[body.readVectorCount()];
    for (int i = 0; i < items.length; i++) {
      items[i] = body.readBytes();
    }
    return List.of(items);
  }

  /** Reads a boxed {@code Vector<int128>}. */
  public List<Int128> readInt128Vector() {
    TlReader body = openVector("Vector<int128>");
    Int128[] items = new Int128[body.readVectorCount()];
    for (int i = 0; i < items.length; i++) {
      items[i] = body.readInt128();
    }
    return List.of(items);
  }

  /** Reads a boxed {@code Vector<int256>}. */
  public List<Int256> readInt256Vector() {
    TlReader body = openVector("Vector<int256>");
    Int256[] items = new Int256[body.readVectorCount()];
    for (int i = 0; i < items.length; i++) {
      items[i] = body.readInt256();
    }
    return List.of(items);
  }

  /**
   * Notes that an object starting at {@code idOffset} is being read inside the current one;
   * generated readers of self-containing types call it, and {@link #exitObject()} when done.
   *
   * @throws TlDecodeException when objects nest deeper than {@link #MAX_DEPTH}
   */
  public void enterObject(int idOffset) {
    if (++depth > MAX_DEPTH) {
      throw new TlDecodeException("objects nested deeper than " + MAX_DEPTH, idOffset);
    }
  }

  /** Leaves the object entered last with {@link #enterObject(int)}. */
  public void exitObject() {
    depth--;
  }

  /**
   * Reads the rest of a {@code gzip_packed} whose constructor id (at {@code idOffset}) was
   * already consumed, and returns a reader over the inflated bytes.
   *
   * <p>Generated readers call this when they meet {@code gzip_packed} where an object was
   * expected, then read the object from the returned reader.
   */
  public TlReader inflateNested(int idOffset) {
    byte[] packed = readByteArray();
    try {
      TlReader inner = new TlReader(GzipPacked.inflate(packed, MAX_INFLATED_SIZE));
      // The depth carries over, so wrapping layers in gzip_packed does not reset the bound.
      inner.depth = depth;
      return inner;
    } catch (DataFormatException e) {
      throw new TlDecodeException("gzip_packed does not inflate: " + e.getMessage(), idOffset, e);
    }
  }

  /** An exception for an id that {@code expectedType} does not have, at {@code idOffset}. */
  public UnknownConstructorException unknownConstructor(int id, String expectedType, int idOffset) {
    return new UnknownConstructorException(id, expectedType, idOffset);
  }

  /** Fails unless everything was read: trailing bytes mean the schema and the data disagree. */
  public void expectEnd(String what) {
    if (pos != limit) {
      throw new TlDecodeException(
          (limit - pos) + " unexpected trailing bytes after " + what, position());
    }
  }

  /** Package-private access for hand-written readers that slice without copying. */
  byte[] array() {
    return buf;
  }

  int absolutePosition() {
    return pos;
  }

  void advance(int n) {
    need(n, "bytes");
    pos += n;
  }
}
