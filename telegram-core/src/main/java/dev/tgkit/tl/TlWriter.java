package dev.tgkit.tl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes TL values into a growing byte array; the mirror of {@link TlReader}.
 *
 * <p>Not thread-safe. Reuse one per thread with {@link #reset()} to avoid garbage on hot paths.
 */
public final class TlWriter {

  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Largest length TL {@code bytes} can carry: the long form has a 24-bit length. */
  public static final int MAX_BYTES_LENGTH = 0xFF_FF_FF;

  private byte[] buf;
  private int size;

  public TlWriter() {
    this(256);
  }

  public TlWriter(int initialCapacity) {
    this.buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      int wanted = Math.max(buf.length * 2, size + n);
      buf = Arrays.copyOf(buf, wanted);
    }
  }

  /** Bytes written so far. */
  public int size() {
    return size;
  }

  /** Forgets what was written, keeping the buffer. */
  public void reset() {
    size = 0;
  }

  /** A copy of what was written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Copies what was written into {@code dest} at {@code offset}. */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(buf, 0, dest, offset, size);
  }

  public TlWriter writeInt(int v) {
    ensure(4);
    INT.set(buf, size, v);
    size += 4;
    return this;
  }

  /** Overwrites the int at {@code offset}, for lengths known only after the body is written. */
  public void setInt(int offset, int v) {
    if (offset < 0 || offset + 4 > size) {
      throw new IndexOutOfBoundsException("offset " + offset + " outside " + size + " bytes");
    }
    INT.set(buf, offset, v);
  }

  public TlWriter writeLong(long v) {
    ensure(8);
    LONG.set(buf, size, v);
    size += 8;
    return this;
  }

  public TlWriter writeDouble(double v) {
    return writeLong(Double.doubleToRawLongBits(v));
  }

  /** Writes a boxed {@code Bool}. */
  public TlWriter writeBool(boolean v) {
    return writeInt(v ? TlReader.BOOL_TRUE : TlReader.BOOL_FALSE);
  }

  public TlWriter writeInt128(Int128 v) {
    ensure(Int128.SIZE);
    v.copyTo(buf, size);
    size += Int128.SIZE;
    return this;
  }

  public TlWriter writeInt256(Int256 v) {
    ensure(Int256.SIZE);
    v.copyTo(buf, size);
    size += Int256.SIZE;
    return this;
  }

  /** Writes raw bytes, with no length prefix or padding. */
  public TlWriter writeRaw(byte[] v) {
    return writeRaw(v, 0, v.length);
  }

  public TlWriter writeRaw(byte[] v, int offset, int length) {
    ensure(length);
    System.arraycopy(v, offset, buf, size, length);
    size += length;
    return this;
  }

  /** Writes TL {@code bytes}: a length prefix, the bytes, zero padding to a multiple of 4. */
  public TlWriter writeBytes(byte[] v) {
    return writeBytes(v, 0, v.length);
  }

  public TlWriter writeBytes(byte[] v, int offset, int len) {
    if (len > MAX_BYTES_LENGTH) {
      throw new IllegalArgumentException(
          "TL bytes hold at most " + MAX_BYTES_LENGTH + " bytes, got " + len);
    }
    int header = len < 254 ? 1 : 4;
    int padded = (header + len + 3) & ~3;
    ensure(padded);
    if (header == 1) {
      buf[size] = (byte) len;
    } else {
      buf[size] = (byte) 254;
      buf[size + 1] = (byte) len;
      buf[size + 2] = (byte) (len >>> 8);
      buf[size + 3] = (byte) (len >>> 16);
    }
    System.arraycopy(v, offset, buf, size + header, len);
    Arrays.fill(buf, size + header + len, size + padded, (byte) 0);
    size += padded;
    return this;
  }

  public TlWriter writeBytes(Bytes v) {
    return writeBytes(v.array());
  }

  /** Writes TL {@code string}: UTF-8 as {@code bytes}. */
  public TlWriter writeString(String v) {
    return writeBytes(v.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a boxed {@code Vector<T>}: the vector id, the count, each element. */
  public <T> TlWriter writeVector(List<T> list, BiConsumer<TlWriter, T> element) {
    writeInt(TlReader.VECTOR);
    return writeBareVector(list, element);
  }

  /** Writes a bare {@code vector<T>}: the count, each element. */
  public <T> TlWriter writeBareVector(List<T> list, BiConsumer<TlWriter, T> element) {
    writeInt(list.size());
    for (T t : list) {
      element.accept(this, t);
    }
    return this;
  }

  /** Writes a boxed {@code Vector<int>}. */
  public TlWriter writeIntVector(List<Integer> list) {
    int count = list.size();
    ensure(8 + 4 * count);
    writeInt(TlReader.VECTOR).writeInt(count);
    for (int i = 0; i < count; i++) {
      writeInt(list.get(i));
    }
    return this;
  }

  /** Writes a boxed {@code Vector<long>}. */
  public TlWriter writeLongVector(List<Long> list) {
    int count = list.size();
    ensure(8 + 8 * count);
    writeInt(TlReader.VECTOR).writeInt(count);
    for (int i = 0; i < count; i++) {
      writeLong(list.get(i));
    }
    return this;
  }

  /** Writes a boxed {@code Vector<double>}. */
  public TlWriter writeDoubleVector(List<Double> list) {
    int count = list.size();
    ensure(8 + 8 * count);
    writeInt(TlReader.VECTOR).writeInt(count);
    for (int i = 0; i < count; i++) {
      writeDouble(list.get(i));
    }
    return this;
  }

  /** Writes a boxed {@code Vector<Bool>}. */
  public TlWriter writeBoolVector(List<Boolean> list) {
    int count = list.size();
    ensure(8 + 4 * count);
    writeInt(TlReader.VECTOR).writeInt(count);
    for (int i = 0; i < count; i++) {
      writeBool(list.get(i));
    }
    return this;
  }

  /** Writes a boxed {@code Vector<string>}. */
  public TlWriter writeStringVector(List<String> list) {
    int count = list.size();
    writeInt(TlReader.VECTOR).writeInt(count);
    for (int i = 0; i < count; i++) {
      writeString(list.get(i));
    }
    return this;
  }

  /** Writes a boxed {@code Vector<bytes>}. */
  public TlWriter writeBytesVector(List<Bytes> list) {
    int count = list.size();
    writeInt(TlReader.VECTOR).writeInt(count);
    for (int i = 0; i < count; i++) {
      writeBytes(list.get(i));
    }
    return this;
  }

  /** Writes a boxed {@code Vector<int128>}. */
  public TlWriter writeInt128Vector(List<Int128> list) {
    int count = list.size();
    ensure(8 + Int128.SIZE * count);
    writeInt(TlReader.VECTOR).writeInt(count);
    for (int i = 0; i < count; i++) {
      writeInt128(list.get(i));
    }
    return this;
  }

  /** Writes a boxed {@code Vector<int256>}. */
  public TlWriter writeInt256Vector(List<Int256> list) {
    int count = list.size();
    ensure(8 + Int256.SIZE * count);
    writeInt(TlReader.VECTOR).writeInt(count);
    for (int i = 0; i < count; i++) {
      writeInt256(list.get(i));
    }
    return this;
  }

  /** Writes a boxed object. */
  public TlWriter writeObject(TlObject v) {
    v.serialize(this);
    return this;
  }
}
