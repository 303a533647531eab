package dev.tgkit.mtproto.transport;

import dev.tgkit.crypto.AesCtr;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The <a href="https://core.telegram.org/mtproto/mtproto-transports#intermediate">intermediate</a>
 * and <a href="https://core.telegram.org/mtproto/mtproto-transports#padded-intermediate">padded
 * intermediate</a> framings: a 4-byte little-endian length, then the payload; the padded form
 * appends 0 to 15 random bytes and counts them in the length, so that packet sizes under
 * obfuscation do not give the traffic away.
 *
 * <pre>
 *   connection header (client, once):  +----------+      +----------+
 *                                      | eeeeeeee |  or  | dddddddd |  (padded)
 *                                      +----------+      +----------+
 *   intermediate:         +-----------+-------...-------+
 *                         | len (LE32)|     payload     |       len % 4 == 0
 *                         +-----------+-------...-------+
 *   padded intermediate:  +-----------+-------...-------+-- ... --+
 *                         | tlen (LE) |     payload     | 0..15 B |   tlen = payload + padding
 *                         +-----------+-------...-------+-- ... --+
 *   client -&gt; server:  high bit of len set = please send a quick ack
 *   server -&gt; client quick ack:  +-----------------------+
 *                                | token (LE32), bit 31  |   no payload follows
 *                                +-----------------------+
 * </pre>
 *
 * <p>The intermediate decoder rejects lengths that are not a multiple of 4: the framing exists for
 * 4-byte alignment and every MTProto payload is aligned. The padded decoder accepts any length and
 * strips nothing, since only the MTProto layer knows where the payload ends (see {@link
 * Inbound.Frame}).
 */
final class Intermediate {

  /** Padding is drawn from 0..15 bytes, as the spec says. */
  static final int MAX_PADDING = 15;

  private Intermediate() {}

  /** Stateless unless padded, where it draws the padding from the generator it was given. */
  static final class Writer implements FrameWriter {
    private final boolean serverSide;
    private final boolean padded;
    private final RandomGenerator random;

    Writer(boolean serverSide, boolean padded, RandomGenerator random) {
      this.serverSide = serverSide;
      this.padded = padded;
      this.random = random;
    }

    @Override
    public byte[] frame(int headroom, byte[] payload, int offset, int length, boolean quickAck) {
      FrameWriter.checkPayload(payload, offset, length, !padded);
      if (quickAck && serverSide) {
        throw new IllegalArgumentException("only a client asks for quick acks");
      }
      int padding = padded ? random.nextInt(MAX_PADDING + 1) : 0;
      if (length > Integer.MAX_VALUE - 64 - padding - headroom) {
        throw new IllegalArgumentException("payload of " + length + " bytes is too long to frame");
      }
      int total = length + padding;
      byte[] out = new byte[headroom + 4 + total];
      LittleEndian.putInt(out, headroom, quickAck ? total | 0x80000000 : total);
      System.arraycopy(payload, offset, out, headroom + 4, length);
      if (padding > 0) {
        byte[] pad = new byte[padding];
        random.nextBytes(pad);
        System.arraycopy(pad, 0, out, headroom + 4 + length, padding);
      }
      return out;
    }

    @Override
    public byte[] quickAck(int token) {
      byte[] out = new byte[4];
      LittleEndian.putInt(out, 0, token | 0x80000000);
      return out;
    }

    @Override
    public byte[] transportError(int code) {
      FrameWriter.checkErrorCode(code);
      byte[] out = new byte[8];
      LittleEndian.putInt(out, 0, 4);
      LittleEndian.putInt(out, 4, code);
      return out;
    }
  }

  /** Reads the 4-byte length, checks it, then collects the payload (and padding). */
  static final class Reader extends FrameReader {
    private final boolean padded;
    private final int errorFrameMax;
    private final byte[] head = new byte[4];
    private int headHave;
    private byte @Nullable [] body;
    private int bodyHave;
    private boolean quickAck;

    Reader(int maxFrameLength, boolean readsServer, boolean padded, @Nullable AesCtr cipher) {
      super(maxFrameLength, readsServer, cipher);
      this.padded = padded;
      this.errorFrameMax =
          (padded ? Framing.PADDED_INTERMEDIATE : Framing.INTERMEDIATE).errorFrameMax();
    }

    @Override
    void read(ByteBuffer in, List<? super Inbound> out) {
      while (in.hasRemaining()) {
        byte[] b = body;
        if (b == null) {
          headHave = fill(in, head, headHave, 4);
          if (headHave < 4) {
            return;
          }
          headHave = 0;
          int len = LittleEndian.getInt(head, 0);
          if (readsServer && len < 0) {
            out.add(new Inbound.QuickAck(len));
            continue;
          }
          quickAck = len < 0;
          len &= 0x7fffffff;
          checkLength(len);
          if (!padded && len % 4 != 0) {
            throw new TransportException.BadLength(len, "not a multiple of 4");
          }
          b = new byte[len];
          body = b;
          bodyHave = 0;
        }
        bodyHave = fill(in, b, bodyHave, b.length);
        if (bodyHave < b.length) {
          return;
        }
        body = null;
        emit(b, quickAck, errorFrameMax, out);
      }
    }

    @Override
    int buffered() {
      return body == null ? headHave : 4 + bodyHave;
    }
  }
}
