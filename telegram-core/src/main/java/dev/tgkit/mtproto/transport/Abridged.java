package dev.tgkit.mtproto.transport;

import dev.tgkit.crypto.AesCtr;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The <a href="https://core.telegram.org/mtproto/mtproto-transports#abridged">abridged</a> framing:
 * the payload length in 4-byte words, in one byte when it fits.
 *
 * <pre>
 *   connection header (client, once):  +------+
 *                                      | 0xef |
 *                                      +------+
 *   words &lt; 0x7f:     +---+-------...-------+
 *                     | w |  payload (4w)    |      w = length / 4, 1..0x7e
 *                     +---+-------...-------+
 *   words &gt;= 0x7f:    +------+-----------+-------...-------+
 *                     | 0x7f | w (LE 24) |  payload (4w)    |
 *                     +------+-----------+-------...-------+
 *   client -&gt; server:  high bit of the first byte (0x80) set = please send a quick ack
 *   server -&gt; client quick ack:  +----+----+----+----+
 *                                | token, big-endian |    first byte &gt;= 0x80
 *                                +----+----+----+----+
 * </pre>
 *
 * <p>The quick-ack token is the same int as in the intermediate framing, byte-swapped ("bswap is
 * applied", says the spec), so its high bit lands in the first byte where no length byte can have
 * it. Payloads are always a multiple of 4, so no length form can describe anything else; 0xffffff
 * words (almost 64 MiB) is the most it can announce.
 */
final class Abridged {

  static final int MAX_WORDS = 0xffffff;

  private Abridged() {}

  /** Stateless: the envelope depends on the payload only. */
  static final class Writer implements FrameWriter {
    private final boolean serverSide;

    Writer(boolean serverSide) {
      this.serverSide = serverSide;
    }

    @Override
    public byte[] frame(int headroom, byte[] payload, int offset, int length, boolean quickAck) {
      FrameWriter.checkPayload(payload, offset, length, true);
      if (quickAck && serverSide) {
        throw new IllegalArgumentException("only a client asks for quick acks");
      }
      int words = length / 4;
      if (words > MAX_WORDS) {
        throw new IllegalArgumentException(
            "abridged frames hold at most " + (MAX_WORDS * 4L) + " bytes, got " + length);
      }
      int flag = quickAck ? 0x80 : 0;
      int header = words < 0x7f ? 1 : 4;
      byte[] out = new byte[headroom + header + length];
      if (header == 1) {
        out[headroom] = (byte) (words | flag);
      } else {
        out[headroom] = (byte) (0x7f | flag);
        out[headroom + 1] = (byte) words;
        out[headroom + 2] = (byte) (words >>> 8);
        out[headroom + 3] = (byte) (words >>> 16);
      }
      System.arraycopy(payload, offset, out, headroom + header, length);
      return out;
    }

    @Override
    public byte[] quickAck(int token) {
      int t = token | 0x80000000;
      return new byte[] {(byte) (t >>> 24), (byte) (t >>> 16), (byte) (t >>> 8), (byte) t};
    }

    @Override
    public byte[] transportError(int code) {
      FrameWriter.checkErrorCode(code);
      byte[] out = new byte[5];
      out[0] = 1;
      LittleEndian.putInt(out, 1, code);
      return out;
    }
  }

  /** Parses the one- or four-byte header, then collects the payload. */
  static final class Reader extends FrameReader {
    private final byte[] head = new byte[4];
    private int headHave;
    private int headNeed = 1;
    private byte @Nullable [] body;
    private int bodyHave;
    private boolean quickAck;

    Reader(int maxFrameLength, boolean readsServer, @Nullable AesCtr cipher) {
      super(maxFrameLength, readsServer, cipher);
    }

    @Override
    void read(ByteBuffer in, List<? super Inbound> out) {
      while (in.hasRemaining()) {
        byte[] b = body;
        if (b == null) {
          headHave = fill(in, head, headHave, headNeed);
          if (headHave < headNeed) {
            return;
          }
          int first = head[0] & 0xff;
          if (readsServer && first >= 0x80) {
            if (headNeed == 1) {
              headNeed = 4;
              continue;
            }
            out.add(
                new Inbound.QuickAck(
                    first << 24
                        | (head[1] & 0xff) << 16
                        | (head[2] & 0xff) << 8
                        | (head[3] & 0xff)));
            resetHead();
            continue;
          }
          quickAck = (first & 0x80) != 0;
          int marker = first & 0x7f;
          long words;
          if (marker == 0x7f) {
            if (headNeed == 1) {
              headNeed = 4;
              continue;
            }
            words = (head[1] & 0xff) | (head[2] & 0xff) << 8 | (head[3] & 0xff) << 16;
          } else {
            words = marker;
          }
          b = new byte[checkLength(words * 4)];
          body = b;
          bodyHave = 0;
        }
        bodyHave = fill(in, b, bodyHave, b.length);
        if (bodyHave < b.length) {
          return;
        }
        body = null;
        resetHead();
        emit(b, quickAck, Framing.ABRIDGED.errorFrameMax(), out);
      }
    }

    private void resetHead() {
      headHave = 0;
      headNeed = 1;
    }

    @Override
    int buffered() {
      byte[] b = body;
      return b == null ? headHave : headNeed + bodyHave;
    }
  }
}
