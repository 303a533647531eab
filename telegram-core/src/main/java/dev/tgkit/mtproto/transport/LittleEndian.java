package dev.tgkit.mtproto.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The little-endian integers every transport header is made of. */
final class LittleEndian {

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  static int getInt(byte[] b, int offset) {
    return (int) INT.get(b, offset);
  }

  static void putInt(byte[] b, int offset, int value) {
    INT.set(b, offset, value);
  }

  static short getShort(byte[] b, int offset) {
    return (short) SHORT.get(b, offset);
  }

  static void putShort(byte[] b, int offset, short value) {
    SHORT.set(b, offset, value);
  }
}
