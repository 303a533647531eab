package dev.tgkit.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes, TL's byte order for integers (ids, fingerprints). */
final class Le {

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Le() {}

  static long getLong(byte[] b, int offset) {
    return (long) LONG.get(b, offset);
  }

  static void putLong(byte[] b, int offset, long v) {
    LONG.set(b, offset, v);
  }
}
