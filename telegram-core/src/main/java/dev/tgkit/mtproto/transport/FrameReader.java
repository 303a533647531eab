package dev.tgkit.mtproto.transport;

import dev.tgkit.crypto.AesCtr;
import dev.tgkit.tl.Bytes;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads one framing in one direction, after any connection header: an incremental parser that is
 * offered bytes in arbitrary chunks, consumes all of them, and emits each item once it is whole.
 *
 * <p>Every byte is copied once, from the offered buffer into the frame's own payload array, which
 * is allocated only after its length has been checked against the maximum. Headers go to a small
 * fixed array. Under obfuscation the copied bytes are decrypted in place right after the copy, so
 * the AES-CTR key stream advances exactly once per byte whatever the chunking.
 */
abstract sealed class FrameReader permits Abridged.Reader, Intermediate.Reader, Full.Reader {

  /** Maximum number of bytes a frame may hold after its length field. */
  final int maxFrameLength;

  /** True when reading what a server sent: quick-ack tokens and transport errors may appear. */
  final boolean readsServer;

  private final @Nullable AesCtr cipher;

  FrameReader(int maxFrameLength, boolean readsServer, @Nullable AesCtr cipher) {
    this.maxFrameLength = maxFrameLength;
    this.readsServer = readsServer;
    this.cipher = cipher;
  }

  /** Consumes every remaining byte of {@code in}, appending complete items to {@code out}. */
  abstract void read(ByteBuffer in, List<? super Inbound> out);

  /** Bytes of an unfinished frame held, header included; 0 between frames. */
  abstract int buffered();

  /**
   * Copies up to {@code need - have} bytes from {@code in} into {@code dst} at {@code have},
   * decrypting them if obfuscated, and returns how many of {@code need} are now present.
   */
  final int fill(ByteBuffer in, byte[] dst, int have, int need) {
    int n = Math.min(need - have, in.remaining());
    in.get(dst, have, n);
    if (cipher != null) {
      cipher.apply(dst, have, n);
    }
    return have + n;
  }

  /** Checks a payload length (bytes after the length field) before anything is allocated. */
  final int checkLength(long length) {
    if (length == 0) {
      throw new TransportException.BadLength(0, "empty frame");
    }
    if (length > maxFrameLength) {
      throw new TransportException.FrameTooLarge(length, maxFrameLength);
    }
    return (int) length;
  }

  /**
   * Emits a whole payload. From a server, a short payload starting with a negative int is a
   * transport error, never a message: the smallest MTProto message is 24 bytes.
   *
   * @param errorFrameMax the longest payload that may be a transport error, {@link
   *     Framing#errorFrameMax()}
   */
  final void emit(byte[] payload, boolean quickAck, int errorFrameMax, List<? super Inbound> out) {
    if (readsServer
        && payload.length >= 4
        && payload.length <= errorFrameMax
        && LittleEndian.getInt(payload, 0) < 0) {
      out.add(new Inbound.TransportError(LittleEndian.getInt(payload, 0)));
    } else {
      out.add(new Inbound.Frame(Bytes.wrap(payload), quickAck));
    }
  }
}
