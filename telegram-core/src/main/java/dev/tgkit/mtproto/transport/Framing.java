package dev.tgkit.mtproto.transport;

import dev.tgkit.crypto.AesCtr;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * How MTProto payloads are delimited on the byte stream: the four framings of <a
 * href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>. A {@link
 * Transport} is a framing, possibly under obfuscation.
 *
 * <pre>
 *   ABRIDGED              header ef        | w | payload |            (or 7f + 3-byte w)
 *   INTERMEDIATE          header eeeeeeee  | len | payload |
 *   PADDED_INTERMEDIATE   header dddddddd  | tlen | payload | 0..15 random |
 *   FULL                  no header        | len | seq | payload | crc32 |
 * </pre>
 */
public enum Framing {

  /** Length in 4-byte words, one byte for short frames: the least overhead. */
  ABRIDGED(0xefefefef, new byte[] {(byte) 0xef}),

  /** A 4-byte length: keeps payloads 4-byte aligned. */
  INTERMEDIATE(0xeeeeeeee, new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee}),

  /**
   * Intermediate plus 0..15 random bytes per frame, so that frame sizes do not reveal MTProto under
   * obfuscation; what {@code dd} MTProxy secrets require.
   */
  PADDED_INTERMEDIATE(0xdddddddd, new byte[] {(byte) 0xdd, (byte) 0xdd, (byte) 0xdd, (byte) 0xdd}),

  /** The original transport: sequence numbers and a CRC32 per frame; cannot be obfuscated. */
  FULL(0, new byte[0]);

  private final int tag;
  private final byte[] header;

  Framing(int tag, byte[] header) {
    this.tag = tag;
    this.header = header;
  }

  /** Whether a client can ask for quick acks: every framing but {@link #FULL}. */
  public boolean supportsQuickAck() {
    return this != FULL;
  }

  /** Whether the obfuscation layer can carry it: every framing with a protocol tag. */
  public boolean canBeObfuscated() {
    return this != FULL;
  }

  /**
   * The longest payload a client reads as a transport error when it starts with a negative int: 4,
   * or 19 where up to 15 bytes of padding may follow the code. MTProto messages are longer (24
   * bytes at least), so nothing real is lost to this reading.
   */
  int errorFrameMax() {
    return this == PADDED_INTERMEDIATE ? 4 + Intermediate.MAX_PADDING : 4;
  }

  /** The protocol tag at offset 56 of an obfuscated init (abridged's byte repeated 4 times). */
  int tag() {
    return tag;
  }

  /** The bytes a client sends before its first frame on a plain connection (a copy). */
  byte[] plainHeader() {
    return header.clone();
  }

  /** The framing whose obfuscation tag is {@code tag}, or null if none has it. */
  static @Nullable Framing ofTag(int tag) {
    for (Framing f : values()) {
      if (f.canBeObfuscated() && f.tag == tag) {
        return f;
      }
    }
    return null;
  }

  FrameWriter writer(boolean serverSide, RandomGenerator random) {
    return switch (this) {
      case ABRIDGED -> new Abridged.Writer(serverSide);
      case INTERMEDIATE -> new Intermediate.Writer(serverSide, false, random);
      case PADDED_INTERMEDIATE -> new Intermediate.Writer(serverSide, true, random);
      case FULL -> new Full.Writer();
    };
  }

  FrameReader reader(boolean readsServer, int maxFrameLength, @Nullable AesCtr cipher) {
    return switch (this) {
      case ABRIDGED -> new Abridged.Reader(maxFrameLength, readsServer, cipher);
      case INTERMEDIATE -> new Intermediate.Reader(maxFrameLength, readsServer, false, cipher);
      case PADDED_INTERMEDIATE ->
          new Intermediate.Reader(maxFrameLength, readsServer, true, cipher);
      case FULL -> {
        if (cipher != null) {
          throw new IllegalArgumentException("the full transport cannot be obfuscated");
        }
        yield new Full.Reader(maxFrameLength, readsServer);
      }
    };
  }
}
